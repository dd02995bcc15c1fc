// Finding the JSON in a model's answer: models wrap it in reasoning, fences
// and prose however they are asked.
#include <algorithm>
#include <cctype>

#include "ai/structured.hpp"
#include "core/text.hpp"

namespace prism::ai {

namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// End (exclusive) of the balanced JSON value starting at `start` ('{' or '['),
// skipping brackets inside strings; npos when unbalanced.
std::size_t balanced_end(std::string_view s, std::size_t start) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = start; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

bool parses(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && (v.is_object() || v.is_array());
}

// Prefers a candidate that looks like a stories answer over any JSON value,
// so that "[1]" in a sentence before the answer is not taken for it.
std::optional<std::string> first_json(std::string_view text) {
  std::optional<std::string> fallback;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{' && text[i] != '[') continue;
    auto end = balanced_end(text, i);
    if (end == std::string_view::npos) continue;
    std::string_view candidate = text.substr(i, end - i);
    if (!parses(candidate)) continue;
    auto v = json::parse(candidate);
    bool looks_right = (v.is_object() && v.as_object().contains("stories")) ||
                       (v.is_array() && !v.as_array().empty() && v.as_array()[0].is_object());
    if (looks_right) return std::string(candidate);
    if (!fallback) fallback = std::string(candidate);
    i = end - 1;
  }
  return fallback;
}

std::optional<std::string> fenced(std::string_view text) {
  std::size_t pos = 0;
  while ((pos = text.find("```", pos)) != std::string_view::npos) {
    auto line_end = text.find('\n', pos);
    if (line_end == std::string_view::npos) return std::nullopt;
    auto close = text.find("```", line_end);
    if (close == std::string_view::npos) close = text.size();
    std::string body = trim(text.substr(line_end + 1, close - line_end - 1));
    if (parses(body)) return body;
    if (close == text.size()) return std::nullopt;
    pos = close + 3;
  }
  return std::nullopt;
}

}  // namespace

std::string strip_think(std::string_view text) {
  std::string out;
  std::string low = ascii_lower(text);
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = low.find("<think>", pos);
    if (open == std::string::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    auto close = low.find("</think>", open);
    if (close == std::string::npos) break;
    pos = close + 8;
  }
  return out;
}

std::optional<std::string> extract_json(std::string_view model_output) {
  std::string text = strip_think(model_output);
  if (auto body = fenced(text)) return body;
  return first_json(text);
}

}  // namespace prism::ai
