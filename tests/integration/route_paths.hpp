#pragma once

// Turns an OpenAPI path template (/api/v1/projects/{id}/documents) into a
// concrete path, shared by the sweeps over every documented route.

#include <functional>
#include <string>

namespace prism::testing {

// Replaces each {param} segment of `tmpl` with `value(param, previous)`,
// where `previous` is the literal segment before it ("projects" for the {id}
// of /projects/{id}), which says what kind of id it is.
inline std::string fill_path(const std::string& tmpl,
                             const std::function<std::string(const std::string& param,
                                                             const std::string& previous)>& value) {
  std::string out;
  std::string previous;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    std::size_t end = tmpl.find('/', i + 1);
    if (end == std::string::npos) end = tmpl.size();
    std::string segment = tmpl.substr(i + 1, end - i - 1);  // without its leading '/'
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      out += "/" + value(segment.substr(1, segment.size() - 2), previous);
    } else {
      out += "/" + segment;
      previous = segment;
    }
    i = end;
  }
  return out;
}

}  // namespace prism::testing
