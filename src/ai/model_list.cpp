#include "ai/model_list.hpp"

#include <algorithm>

namespace prism::ai {

std::vector<std::string> fetch_model_ids(const http::GetRequest& request,
                                         const std::string& provider, const std::string& label,
                                         const http::TransportOptions& options,
                                         const CancelToken& cancel) {
  auto result = http::fetch(request, options, cancel);
  const std::string& body = http::body_or_throw(result, provider, label, request.secret);
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  const json::object* root = ec ? nullptr : parsed.if_object();
  const json::value* data = root ? root->if_contains("data") : nullptr;
  if (data == nullptr || !data->is_array()) {
    throw ProviderError(ProviderError::Kind::kBadResponse, provider,
                        label + " did not answer with a model list (is the base URL its API?)");
  }
  std::vector<std::string> ids;
  for (const auto& item : data->as_array()) {
    const json::object* o = item.if_object();
    const json::value* id = o ? o->if_contains("id") : nullptr;
    if (id != nullptr && id->is_string()) ids.emplace_back(id->as_string());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> Provider::list_models(const CancelToken&) {
  std::vector<std::string> ids;
  for (const auto& m : models()) ids.push_back(m.id);
  return ids;
}

}  // namespace prism::ai
