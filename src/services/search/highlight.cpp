#include "services/search/highlight.hpp"

#include <algorithm>

namespace prism::services::search {

namespace {

// U+00C0 to U+024F (Latin-1 Supplement, Latin Extended-A and -B): the base
// letter of each, or '.' where the code point is kept as it is.
constexpr std::string_view kLatinFold =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.lllllll"
    "lllnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz."
    "................................oo.............uu..............."
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
    "................";

char32_t fold_char(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if (c >= 0xC0 && c < 0xC0 + kLatinFold.size()) {
    char f = kLatinFold[c - 0xC0];
    return f == '.' ? c : static_cast<char32_t>(f);
  }
  if (c >= 0x391 && c <= 0x3A9) return c + 0x20;  // Greek capitals
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // Cyrillic capitals
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

bool in(char32_t c, char32_t from, char32_t to) { return c >= from && c <= to; }

// Letters and digits (and combining marks, which the index folds away);
// punctuation, symbols, spaces and emoji separate tokens.
bool word_char(char32_t c) {
  if (c < 0x80) return in(c, '0', '9') || in(c, 'a', 'z') || in(c, 'A', 'Z');
  if (c < 0xC0) {
    return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
           in(c, 0xBC, 0xBE);
  }
  if (c == 0xD7 || c == 0xF7 || c == 0xFEFF || c == 0xFFFD) return false;
  return !(in(c, 0x2000, 0x2BFF) || in(c, 0x3000, 0x303F) || in(c, 0xFE30, 0xFE4F) ||
           in(c, 0xFF00, 0xFF0F) || in(c, 0xFF1A, 0xFF20) || in(c, 0xFF3B, 0xFF40) ||
           in(c, 0xFF5B, 0xFF65) || in(c, 0x1F000, 0x1FAFF));
}

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct CodePoint {
  char32_t c;
  std::size_t at;   // byte offset
  std::size_t len;  // bytes
};

// Invalid bytes read as U+FFFD, one byte each, so every byte is covered.
std::vector<CodePoint> decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80         ? 1
                      : (b >> 5) == 6  ? 2
                      : (b >> 4) == 14 ? 3
                      : (b >> 3) == 30 ? 4
                                       : 0;
    char32_t c = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont >> 6) != 2) ok = false;
      c = (c << 6) | (cont & 0x3F);
    }
    if (!ok) {
      out.push_back({0xFFFD, i, 1});
      ++i;
      continue;
    }
    out.push_back({c, i, len});
    i += len;
  }
  return out;
}

struct Needle {
  std::u32string folded;
  bool prefix = false;
};

std::vector<Needle> needles(const std::vector<std::string>& words) {
  std::vector<Needle> out;
  for (const auto& w : words) {
    std::u32string token;
    auto flush = [&] {
      if (!token.empty()) out.push_back({fold(token), false});
      token.clear();
    };
    for (const auto& cp : decode(w)) {
      if (word_char(cp.c)) {
        token.push_back(cp.c);
      } else {
        flush();
      }
    }
    flush();
  }
  if (!out.empty()) out.back().prefix = true;
  return out;
}

bool matches(const std::u32string& token, const std::vector<Needle>& needles) {
  return std::any_of(needles.begin(), needles.end(), [&](const Needle& n) {
    return n.prefix ? token.starts_with(n.folded) : token == n.folded;
  });
}

// [begin, end) code point ranges of the matching tokens.
std::vector<std::pair<std::size_t, std::size_t>> match_ranges(const std::vector<CodePoint>& cps,
                                                              const std::vector<Needle>& needles) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (needles.empty()) return out;
  for (std::size_t i = 0; i < cps.size();) {
    if (!word_char(cps[i].c)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::u32string token;
    while (j < cps.size() && word_char(cps[j].c)) token.push_back(cps[j++].c);
    if (matches(fold(token), needles)) out.emplace_back(i, j);
    i = j;
  }
  return out;
}

void append(std::vector<Segment>& out, std::string text, bool match) {
  if (text.empty()) return;
  if (!out.empty() && out.back().match == match) {
    out.back().text += text;
  } else {
    out.push_back({std::move(text), match});
  }
}

// Segments of the code points [from, to) of `s`.
std::vector<Segment> segments(std::string_view s, const std::vector<CodePoint>& cps,
                              const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                              std::size_t from, std::size_t to) {
  std::vector<Segment> out;
  auto bytes = [&](std::size_t a, std::size_t b) {
    if (a >= b) return std::string();
    std::size_t start = cps[a].at;
    std::size_t end = cps[b - 1].at + cps[b - 1].len;
    return std::string(s.substr(start, end - start));
  };
  std::size_t pos = from;
  for (auto [a, b] : ranges) {
    if (b <= from || a >= to) continue;
    a = std::max(a, from);
    b = std::min(b, to);
    append(out, bytes(pos, a), false);
    append(out, bytes(a, b), true);
    pos = b;
  }
  append(out, bytes(pos, to), false);
  return out;
}

// Whitespace runs become one space, and Markdown heading marks ("## ") at
// the start of a line go: a snippet reads as text.
std::string flatten(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (space(c)) {
      pending = !out.empty();
      if (c == '\n') line_start = true;
      continue;
    }
    if (line_start && c == '#') {
      std::size_t end = text.find_first_not_of('#', i);
      if (end == std::string_view::npos || (end - i <= 6 && space(text[end]))) {
        i = (end == std::string_view::npos ? text.size() : end) - 1;
        line_start = false;
        continue;
      }
    }
    line_start = false;
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

}  // namespace

std::u32string fold(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (in(c, 0x300, 0x36F)) continue;  // combining diacritics
    out.push_back(fold_char(c));
  }
  return out;
}

std::vector<Segment> highlight(std::string_view text, const std::vector<std::string>& words) {
  auto cps = decode(text);
  return segments(text, cps, match_ranges(cps, needles(words)), 0, cps.size());
}

std::vector<Segment> snippet(std::string_view text, const std::vector<std::string>& words,
                             std::size_t max_chars) {
  std::string flat = flatten(text);
  auto cps = decode(flat);
  auto ranges = match_ranges(cps, needles(words));
  const std::size_t n = cps.size();
  std::size_t from = 0;
  std::size_t to = n;
  if (n > max_chars) {
    std::size_t first = ranges.empty() ? 0 : ranges.front().first;
    std::size_t first_end = ranges.empty() ? 0 : ranges.front().second;
    // The match a third of the way in, the window moved back when it would
    // run past the end.
    from = first > max_chars / 3 ? first - max_chars / 3 : 0;
    if (from + max_chars > n) from = n - max_chars;
    if (from > first) from = first;
    // Start at a word: after the next space, unless that passes the match.
    if (from > 0 && word_char(cps[from - 1].c)) {
      std::size_t k = from;
      while (k < first && cps[k].c != ' ') ++k;
      if (k < first) from = k + 1;
    }
    to = std::min(n, from + max_chars);
    // End at a word: before the last space, unless that cuts the match.
    if (to < n && word_char(cps[to].c)) {
      std::size_t k = to;
      while (k > std::max(from, first_end) && cps[k - 1].c != ' ') --k;
      if (k > std::max(from, first_end)) to = k - 1;
    }
  }
  std::vector<Segment> out;
  if (from > 0) out.push_back({"…", false});
  for (auto& seg : segments(flat, cps, ranges, from, to))
    append(out, std::move(seg.text), seg.match);
  if (to < n) append(out, "…", false);
  return out;
}

}  // namespace prism::services::search
