#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace prism::http {

namespace {

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool allows(const std::vector<beast_http::verb>& methods, beast_http::verb method) {
  return std::find(methods.begin(), methods.end(), method) != methods.end();
}

constexpr std::string_view kRedacted = "{redacted}";

}  // namespace

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);  // every API path has fewer segments: one allocation
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

bool Route::is_secret(std::string_view param) const {
  return param == "token" ||
         std::find(secret_params.begin(), secret_params.end(), param) != secret_params.end();
}

Route& Router::add(beast_http::verb method, std::string path_template, Handler handler, Auth auth,
                   Run run) {
  Route r{method, std::move(path_template), std::move(handler), auth, run, 0, {}, {}};
  for (auto seg : split_path(r.path_template)) {
    r.segments.emplace_back(seg);
    if (is_parameter(r.segments.back())) continue;
    auto at = std::lower_bound(literal_words_.begin(), literal_words_.end(), seg);
    if (at == literal_words_.end() || *at != seg) literal_words_.emplace(at, seg);
  }
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
  fallback_ = Route{beast_http::verb::get,
                    std::move(name),
                    std::move(handler),
                    Auth::kNone,
                    Run::kInline,
                    0,
                    {},
                    {}};
  reserved_roots_ = std::move(reserved_roots);
  return *fallback_;
}

const Route* Router::scan(beast_http::verb method, const std::vector<std::string_view>& parts,
                          std::vector<beast_http::verb>* other_methods) const {
  const Route* best = nullptr;
  int best_literals = -1;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = route.segments[i];
      if (is_parameter(seg))
        ok = !parts[i].empty();
      else if (seg == parts[i])
        ++literals;
      else
        ok = false;
    }
    if (!ok) continue;
    if (route.method != method) {
      if (other_methods) other_methods->push_back(route.method);
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      best = &route;
    }
  }
  return best;
}

const Route* Router::find(beast_http::verb method, std::string_view path) const {
  return find(method, split_path(path));
}

const Route* Router::find(beast_http::verb method,
                          const std::vector<std::string_view>& parts) const {
  if (const Route* route = scan(method, parts, nullptr)) return route;
  if (method == beast_http::verb::head) {
    if (const Route* route = scan(beast_http::verb::get, parts, nullptr)) return route;
  }
  bool reads = method == beast_http::verb::get || method == beast_http::verb::head;
  if (!fallback_ || !reads) return nullptr;
  // A path that another method's route serves is that route's (405), not the fallback's.
  std::vector<beast_http::verb> others;
  scan(method, parts, &others);
  bool reserved = !parts.empty() && std::find(reserved_roots_.begin(), reserved_roots_.end(),
                                              parts.front()) != reserved_roots_.end();
  return others.empty() && !reserved ? &*fallback_ : nullptr;
}

Match Router::match(beast_http::verb method, std::string_view path) const {
  auto parts = split_path(path);
  Match m;
  m.route = find(method, parts);
  if (!m.route) {
    scan(method, parts, &m.allowed);
    auto get = std::find(m.allowed.begin(), m.allowed.end(), beast_http::verb::get);
    if (get != m.allowed.end() && !allows(m.allowed, beast_http::verb::head)) {
      m.allowed.insert(get + 1, beast_http::verb::head);
    }
    return m;
  }
  // Only the route found takes its parameters out of the path.
  if (m.route != fallback()) {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = m.route->segments[i];
      if (is_parameter(seg)) m.params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
    }
  }
  return m;
}

std::string Router::loggable_path(const Route* matched, std::string_view path) const {
  auto parts = split_path(path);
  std::string out;
  const Route* route = matched && matched != fallback() ? matched : nullptr;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += '/';
    if (route) {
      const std::string& seg = route->segments[i];
      bool secret =
          is_parameter(seg) && route->is_secret(std::string_view(seg).substr(1, seg.size() - 2));
      out += secret ? std::string_view(seg) : parts[i];
    } else {
      out += std::binary_search(literal_words_.begin(), literal_words_.end(), parts[i]) ? parts[i]
                                                                                        : kRedacted;
    }
  }
  if (out.empty() || (!path.empty() && path.back() == '/' && out.back() != '/')) out += '/';
  return out;
}

}  // namespace prism::http
