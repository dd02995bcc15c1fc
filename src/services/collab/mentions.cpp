#include "services/collab/mentions.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace prism::services::collab {

namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxId = 64;

struct Mention {
  std::size_t begin = 0;  // the '@'
  std::size_t end = 0;    // past the ')'
  std::string_view name;
  std::string_view id;
};

bool id_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// The mention starting at `at` ("@[" … "](" id ")"), if there is one.
bool mention_at(std::string_view text, std::size_t at, Mention& m) {
  if (text.compare(at, 2, "@[") != 0) return false;
  std::size_t close = text.find("](", at + 2);
  if (close == std::string_view::npos || close - (at + 2) > kMaxName || close == at + 2) {
    return false;
  }
  std::string_view name = text.substr(at + 2, close - (at + 2));
  if (name.find_first_of("[]\n") != std::string_view::npos) return false;
  std::size_t id_begin = close + 2;
  std::size_t id_end = id_begin;
  while (id_end < text.size() && id_end - id_begin <= kMaxId && id_char(text[id_end])) ++id_end;
  if (id_end == id_begin || id_end >= text.size() || text[id_end] != ')') return false;
  m = Mention{at, id_end + 1, name, text.substr(id_begin, id_end - id_begin)};
  return true;
}

}  // namespace

std::vector<std::string> mentioned_ids(std::string_view markdown, std::size_t limit) {
  std::vector<std::string> out;
  for (std::size_t at = markdown.find("@["); at != std::string_view::npos && out.size() < limit;
       at = markdown.find("@[", at + 1)) {
    Mention m;
    if (!mention_at(markdown, at, m)) continue;
    std::string id(m.id);
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  return out;
}

std::string with_plain_mentions(std::string_view markdown) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t at = markdown.find("@["); at != std::string_view::npos;
       at = markdown.find("@[", at + 1)) {
    Mention m;
    if (at < pos || !mention_at(markdown, at, m)) continue;
    out.append(markdown.substr(pos, at - pos));
    out += "@";
    out.append(m.name);
    pos = m.end;
  }
  out.append(markdown.substr(pos));
  return out;
}

std::string excerpt(std::string_view markdown, std::size_t max_bytes) {
  std::string plain = with_plain_mentions(markdown);
  std::string out;
  bool space = false;
  for (char c : plain) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= max_bytes) return out;
  return utf8_prefix(out, max_bytes) + "…";
}

}  // namespace prism::services::collab
