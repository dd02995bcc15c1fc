#include "services/audit/audit_sentences.hpp"

#include <cmath>

#include "services/audit/audit_catalog.hpp"

namespace prism::services {

namespace {

constexpr std::string_view kDeletedUser = "a deleted user";

std::string humanized(std::string text) {
  for (char& c : text) {
    if (c == '_') c = ' ';
  }
  return text;
}

std::string quoted(std::string_view text) { return "\u201c" + std::string(text) + "\u201d"; }

// A detail's value in words; nullopt when it has none worth saying.
std::optional<std::string> value_words(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    double d = v.as_double();
    if (std::trunc(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  if (v.is_bool()) return v.as_bool() ? "yes" : "no";
  return std::nullopt;
}

// "{from.to}" → details["from"]["to"].
const json::value* lookup(const json::object* details, std::string_view path) {
  if (details == nullptr) return nullptr;
  const json::object* at = details;
  const json::value* found = nullptr;
  while (true) {
    auto dot = path.find('.');
    std::string_view head = path.substr(0, dot);
    found = at->if_contains(head);
    if (found == nullptr || dot == std::string_view::npos) return found;
    if (!found->is_object()) return nullptr;
    at = &found->as_object();
    path.remove_prefix(dot + 1);
  }
}

std::string formatted(const std::string& words, std::string_view format) {
  if (format == "q") return quoted(words);
  if (format == "h") return humanized(words);
  return words;
}

// The changed fields of an update: "name from “A” to “B”, description".
std::string changes_words(const json::object* details) {
  std::string out;
  if (details != nullptr) {
    for (const auto& [key, value] : *details) {
      if (key == "version" || key == "via") continue;
      std::string part = humanized(std::string(key));
      auto side = [](const json::value* v) {
        if (v == nullptr || v->is_null()) return std::string("none");
        auto w = value_words(*v);
        if (!w) return std::string("a new value");
        return v->is_string() ? quoted(*w) : *w;
      };
      if (value.is_object()) {
        const auto& o = value.as_object();
        if (o.contains("from") || o.contains("to")) {
          part += " from " + side(o.if_contains("from")) + " to " + side(o.if_contains("to"));
        }
      } else if (!value.is_bool()) {
        part += " to " + side(&value);
      }
      if (!out.empty()) out += ", ";
      out += part;
    }
  }
  return out.empty() ? "nothing visible changed" : out;
}

}  // namespace

std::string audit_actor_words(const AuditFacts& facts) {
  if (facts.actor) return person_words(*facts.actor);
  const json::value* by = lookup(facts.details, "by");
  if (by != nullptr && by->is_string() && by->as_string() == "command line") {
    return "An operator on the server's command line";
  }
  return "PRISM";
}

namespace {

std::string placeholder_words(std::string_view spec, const AuditFacts& facts) {
  std::string_view fallback;
  bool has_fallback = false;
  if (auto bar = spec.find('|'); bar != std::string_view::npos) {
    fallback = spec.substr(bar + 1);
    has_fallback = true;
    spec = spec.substr(0, bar);
  }
  std::string_view format;
  if (auto colon = spec.find(':'); colon != std::string_view::npos) {
    format = spec.substr(colon + 1);
    spec = spec.substr(0, colon);
  }
  if (spec == "actor") return audit_actor_words(facts);
  if (spec == "target") return facts.target ? person_words(*facts.target) : "someone";
  if (spec == "changes") return changes_words(facts.details);
  const json::value* v = lookup(facts.details, spec);
  std::optional<std::string> words = v ? value_words(*v) : std::nullopt;
  if (!words || words->empty()) return has_fallback ? std::string(fallback) : "(unknown)";
  return formatted(*words, format);
}

std::string rendered(std::string_view sentence, const AuditFacts& facts) {
  std::string out;
  std::size_t i = 0;
  while (i < sentence.size()) {
    if (sentence[i] == '{') {
      auto close = sentence.find('}', i);
      if (close != std::string_view::npos) {
        out += placeholder_words(sentence.substr(i + 1, close - i - 1), facts);
        i = close + 1;
        continue;
      }
    }
    out.push_back(sentence[i++]);
  }
  if (!out.empty() && out.back() != '.') out.push_back('.');
  return out;
}

}  // namespace

std::string person_words(const AuditPerson& person) {
  if (person.name && !person.name->empty()) return *person.name;
  if (person.email && !person.email->empty()) return *person.email;
  return std::string(kDeletedUser);
}

std::string audit_sentence(const AuditFacts& facts) {
  const AuditActionInfo* info = find_audit_action(facts.action);
  if (info == nullptr) {
    return rendered("{actor}: " + std::string(facts.action), facts);
  }
  bool self = facts.actor && facts.target && facts.actor->id == facts.target->id;
  std::string_view sentence =
      self && !info->self_sentence.empty() ? info->self_sentence : info->sentence;
  std::string out = rendered(sentence, facts);
  // Changes made through another channel than the app say so.
  if (const json::value* via = lookup(facts.details, "via"); via && via->is_string()) {
    std::string channel(via->as_string());
    if (!channel.empty()) {
      out.pop_back();  // the period
      out += channel == "mcp" ? " (through MCP)." : " (via " + channel + ").";
    }
  }
  // A sentence starts with a capital, also when it starts with "a deleted
  // user" (names and addresses stay as they are written).
  if (out.starts_with(kDeletedUser)) out[0] = 'A';
  return out;
}

}  // namespace prism::services
