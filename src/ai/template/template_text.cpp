#include "ai/template/template_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/text.hpp"

namespace prism::ai::template_text {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Words after which a group's head noun has been said: "owners of shops",
// "shoppers on mobile", "teams who sell online".
constexpr std::array<std::string_view, 22> kAfterHead{
    "of",    "on", "in",    "at",   "for",     "with",   "who",     "that",
    "from",  "by", "using", "via",  "across",  "within", "without", "whose",
    "which", "to", "like",  "such", "working", "under"};

constexpr std::array<std::string_view, 9> kDeterminers{"the", "all",   "our",  "your", "their",
                                                       "any", "every", "most", "some"};

// Where the first of several groups ends: "designers, developers and PMs".
std::size_t first_group_end(std::string_view s) {
  std::size_t end = s.size();
  for (std::string_view sep : {",", ";", "/", " and ", " or ", " & "}) {
    end = std::min(end, s.find(sep));
  }
  return end;
}

std::string singular(const std::string& word) {
  std::string w = ascii_lower(word);
  static const std::array<std::pair<std::string_view, std::string_view>, 6> kIrregular{
      {{"people", "person"},
       {"staff", "staff member"},
       {"children", "child"},
       {"men", "man"},
       {"women", "woman"},
       {"personnel", "staff member"}}};
  for (const auto& [plural, one] : kIrregular) {
    if (w == plural) return std::string(one);
  }
  auto ends = [&w](std::string_view tail) {
    return w.size() > tail.size() + 1 && w.ends_with(tail);
  };
  if (ends("ies")) return word.substr(0, word.size() - 3) + "y";
  for (std::string_view tail : {"sses", "ches", "shes", "xes", "zes"}) {
    if (ends(tail)) return word.substr(0, word.size() - 2);
  }
  for (std::string_view tail : {"ss", "us", "is", "ics"}) {
    if (w.ends_with(tail)) return word;
  }
  if (ends("s")) return word.substr(0, word.size() - 1);
  return word;
}

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (is_space(c)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

std::string field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? trim(v->as_string()) : std::string();
}

std::vector<std::string> items(const json::object& o, std::string_view name) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto* v = o.if_contains(name);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) continue;
    std::string text = squash(item.as_string());
    while (!text.empty() && text.back() == '.') text.pop_back();
    text = trim(text);
    if (text.empty() || !seen.insert(ascii_lower(text)).second) continue;
    out.push_back(std::move(text));
  }
  return out;
}

const json::object& object_at(const json::object& o, std::string_view name) {
  static const json::object kEmpty;
  auto* v = o.if_contains(name);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::string squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string without_stop(std::string_view s) {
  std::string out = trim(s);
  while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ';' ||
                          out.back() == ':' || is_space(out.back()))) {
    out.pop_back();
  }
  return out;
}

std::string sentence(std::string_view s) {
  std::string out = trim(s);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) {
    out.pop_back();
  }
  if (out.empty()) return out;
  char last = out.back();
  if (last != '.' && last != '?' && last != '!') out += '.';
  return out;
}

std::string lower_first(std::string_view s) {
  std::string out(s);
  if (out.size() < 2 || !is_upper(out[0]) || out.starts_with("I ")) return out;
  // Only a capitalised ordinary word: "PDF", "iOS" and "McDonald's" stay.
  std::size_t end = out.find(' ');
  if (end == std::string::npos) end = out.size();
  for (std::size_t i = 1; i < end; ++i) {
    if (is_upper(out[i])) return out;
  }
  if (!is_lower(out[1])) return out;
  out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::string upper_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && is_lower(out[0])) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string article(std::string_view s) {
  std::string w = words_of(s).empty() ? std::string() : words_of(s).front();
  if (w.empty()) return "a";
  // An acronym is read letter by letter: "an HR manager", "a UX designer".
  bool acronym = w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
                   return is_upper(c) || (c >= '0' && c <= '9');
                 });
  if (acronym) {
    return std::string_view("AEFHILMNORSX").find(w[0]) != std::string_view::npos ? "an" : "a";
  }
  std::string low = ascii_lower(w);
  for (std::string_view p : {"uni", "use", "usu", "uti", "eu", "one", "once"}) {
    if (low.starts_with(p)) return "a";
  }
  for (std::string_view p : {"hour", "honest", "honor", "honour", "heir"}) {
    if (low.starts_with(p)) return "an";
  }
  return std::string_view("aeiou").find(low[0]) != std::string_view::npos ? "an" : "a";
}

std::string with_article(std::string_view s) { return article(s) + " " + std::string(s); }

std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string count_word(std::size_t n) {
  static constexpr std::array<std::string_view, 11> kWords{
      "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  return n < kWords.size() ? std::string(kWords[n]) : std::to_string(n);
}

std::string id_range(std::string_view prefix, std::size_t n) {
  std::string p(prefix);
  if (n == 0) return {};
  if (n == 1) return p + "-1";
  if (n == 2) return p + "-1 and " + p + "-2";
  return p + "-1 to " + p + "-" + std::to_string(n);
}

bool is_phrase(std::string_view s) {
  std::string t = without_stop(s);
  if (t.empty() || t.find('\n') != std::string::npos) return false;
  for (std::string_view stop : {". ", "? ", "! ", ": "}) {
    if (t.find(stop) != std::string::npos) return false;
  }
  return words_of(t).size() <= 16;
}

std::string one_of(std::string_view group) {
  std::string g = without_stop(squash(group));
  g = without_stop(g.substr(0, first_group_end(g)));
  std::vector<std::string> words = words_of(g);
  while (words.size() > 1 && std::find(kDeterminers.begin(), kDeterminers.end(),
                                       ascii_lower(words.front())) != kDeterminers.end()) {
    words.erase(words.begin());
  }
  if (words.empty()) return {};
  std::size_t head = words.size() - 1;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (std::find(kAfterHead.begin(), kAfterHead.end(), ascii_lower(words[i])) !=
        kAfterHead.end()) {
      head = i - 1;
      break;
    }
  }
  words[head] = singular(words[head]);
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return lower_first(out);
}

}  // namespace prism::ai::template_text
