#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace prism::http {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

Route& Router::add(beast_http::verb method, std::string path_template, Handler handler, Auth auth,
                   Run run) {
  Route r{method, std::move(path_template), std::move(handler), auth, run, 0, {}};
  for (auto seg : split_path(r.path_template)) r.segments.emplace_back(seg);
  auto shape = [](const std::vector<std::string>& segs) {
    std::string out;
    for (const auto& s : segs) out += "/" + (s.front() == '{' ? std::string("{}") : s);
    return out;
  };
  for (const auto& existing : routes_) {
    if (existing.method == method && shape(existing.segments) == shape(r.segments)) {
      throw std::logic_error("duplicate route " + r.path_template);
    }
  }
  routes_.push_back(std::move(r));
  return routes_.back();
}

Route& Router::set_fallback(std::string name, Handler handler,
                            std::vector<std::string> reserved_roots) {
  fallback_ = Route{
      beast_http::verb::get, std::move(name), std::move(handler), Auth::kNone, Run::kInline, 0, {}};
  reserved_roots_ = std::move(reserved_roots);
  return *fallback_;
}

Match Router::match(beast_http::verb method, std::string_view path) const {
  auto parts = split_path(path);
  Match best;
  int best_literals = -1;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    int literals = 0;
    bool ok = true;
    std::vector<std::pair<std::string, std::string>> params;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (parts[i].empty()) ok = false;
        else params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
      } else if (seg == parts[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    if (route.method != method) {
      best.allowed.push_back(route.method);
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      best.route = &route;
      best.params = std::move(params);
    }
  }
  bool reads = method == beast_http::verb::get || method == beast_http::verb::head;
  if (!best.route && best.allowed.empty() && fallback_ && reads) {
    bool reserved = !parts.empty() && std::find(reserved_roots_.begin(), reserved_roots_.end(),
                                                parts.front()) != reserved_roots_.end();
    if (!reserved) best.route = &*fallback_;
  }
  return best;
}

}  // namespace prism::http
