#include "http/request.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace prism::http {

Request::Request(const RawRequest& raw, std::string path, std::string query,
                 std::string request_id, std::string client_ip)
    : raw_(raw), path_(std::move(path)), request_id_(std::move(request_id)),
      client_ip_(std::move(client_ip)) {
  if (query.empty()) return;
  // parse_query, not parse_relative_ref("?" + query): Boost.URL 1.81 crashes
  // iterating the params of a relative ref with an empty query and a
  // fragment ("/x?#y", found by fuzz/request_fuzz). A request-target has no
  // fragment, so '#' is refused here like any other malformed query.
  auto parsed = boost::urls::parse_query(query);
  if (!parsed) throw Error(ErrorCode::kBadRequest, "the query string is malformed");
  for (auto param : boost::urls::params_view(*parsed)) query_.emplace_back(param.key, param.value);
}

std::string_view Request::header(std::string_view name) const {
  auto it = raw_.find(name);
  return it == raw_.end() ? std::string_view{} : std::string_view(it->value());
}

std::string Request::cookie(std::string_view name) const {
  std::string_view all = header("Cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

const std::string& Request::param(std::string_view name) const {
  for (const auto& [k, v] : params_) {
    if (k == name) return v;
  }
  static const std::string kEmpty;
  return kEmpty;
}

std::optional<std::string> Request::query(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [k, v] : query_) {
    if (k == name) out = v;
  }
  return out;
}

bool is_json_media_type(std::string_view content_type) {
  return ascii_iequals(trim_blanks(content_type.substr(0, content_type.find(';'))),
                       "application/json");
}

json::object Request::json_body() const {
  if (!is_json_media_type(header("Content-Type"))) {
    throw Error(ErrorCode::kUnsupportedMediaType, "the body must be application/json");
  }
  return parse_json_object(raw_.body());
}

const Principal& Request::principal() const {
  if (!principal_) throw unauthorized();
  return *principal_;
}

}  // namespace prism::http
