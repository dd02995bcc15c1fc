// The offline template's section rewrite: it cannot rewrite text yet, so it
// states the instruction and keeps the text.
#include "ai/template/template_provider.hpp"

namespace prism::ai::template_compose {

namespace {

std::string field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object& object_at(const json::object& o, std::string_view name) {
  static const json::object kEmpty;
  auto* v = o.if_contains(name);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

std::string or_placeholder(const std::string& s, std::string_view what) {
  return s.empty() ? "(" + std::string(what) + " not given)" : s;
}

std::string clean_lines(std::string_view text) {
  std::string out;
  bool blank = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    pos = end + 1;
    if (line.starts_with("> Requested change:") || line.starts_with("> To complete: apply")) {
      continue;
    }
    if (line.empty()) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += "\n";
    blank = false;
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string section(const json::object& task) {
  const auto& input = object_at(task, "input");
  std::string instruction = field(input, "instruction");
  std::string body = clean_lines(field(task, "current"));
  std::string out = "> Requested change: " + or_placeholder(instruction, "instruction") + "\n" +
                    "> To complete: apply this change by hand; the offline template does not "
                    "rewrite text.\n";
  if (!body.empty()) out += "\n" + body;
  return out;
}

}  // namespace prism::ai::template_compose
