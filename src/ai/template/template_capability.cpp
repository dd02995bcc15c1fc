// Reading a key feature for phrasing: is it said as an action ("Pay with a
// saved card") or a thing ("Refunds"), and what is it about (payments,
// search, notifications …)? The categories give each story a real benefit
// and each requirement a measurable target to fill in.
#include <algorithm>
#include <array>
#include <set>

#include "ai/template/template_text.hpp"
#include "core/text.hpp"

namespace prism::ai::template_text {

namespace {

// Verbs a feature is said with. Some of them are nouns as often ("Order
// history", "Email reminders"): see starts_with_verb.
const std::set<std::string, std::less<>>& verbs() {
  static const std::set<std::string, std::less<>> kVerbs{
      "access",    "accept",    "add",         "adjust",      "analyse",   "analyze",  "approve",
      "archive",   "assign",    "automate",    "book",        "browse",    "build",    "buy",
      "calculate", "call",      "cancel",      "change",      "chat",      "check",    "choose",
      "claim",     "collect",   "compare",     "compose",     "configure", "confirm",  "connect",
      "copy",      "correct",   "create",      "customise",   "customize", "delete",   "deliver",
      "discover",  "download",  "draft",       "earn",        "edit",      "email",    "export",
      "filter",    "find",      "follow",      "forecast",    "generate",  "get",      "import",
      "integrate", "invite",    "join",        "keep",        "label",     "learn",    "locate",
      "log",       "manage",    "map",         "mention",     "merge",     "migrate",  "modify",
      "monitor",   "move",      "navigate",    "notify",      "order",     "organise", "organize",
      "pause",     "pay",       "personalise", "personalize", "pick",      "plan",     "play",
      "post",      "predict",   "preview",     "print",       "publish",   "purchase", "rate",
      "read",      "receive",   "record",      "recover",     "redeem",    "refund",   "register",
      "reject",    "remember",  "remind",      "remove",      "rename",    "reorder",  "report",
      "request",   "reserve",   "reset",       "restore",     "resume",    "return",   "review",
      "save",      "scan",      "schedule",    "search",      "see",       "select",   "send",
      "set",       "share",     "sign",        "sort",        "split",     "start",    "stop",
      "store",     "submit",    "subscribe",   "switch",      "sync",      "tag",      "track",
      "transfer",  "translate", "undo",        "unsubscribe", "update",    "upgrade",  "upload",
      "use",       "verify",    "view",        "visualise",   "visualize", "watch",    "withdraw",
      "write"};
  return kVerbs;
}

// Verbs that, first in a feature, more often open a noun phrase ("Order
// history", "Email receipts"): a verb only before a word like "a" or "to".
const std::set<std::string, std::less<>>& mostly_nouns() {
  static const std::set<std::string, std::less<>> kSet{
      "book",   "call",   "chat",     "check", "copy",  "email",  "label",    "map",
      "order",  "plan",   "play",     "post",  "rate",  "record", "report",   "request",
      "return", "review", "schedule", "set",   "store", "tag",    "transfer", "update"};
  return kSet;
}

// Verbs that are nouns only before words like these: "Search bar", "Export
// settings".
const std::set<std::string, std::less<>>& noun_like_verbs() {
  static const std::set<std::string, std::less<>> kSet{"download", "export", "filter", "import",
                                                       "print",    "search", "sort",   "upload"};
  return kSet;
}

const std::set<std::string, std::less<>>& compound_tails() {
  static const std::set<std::string, std::less<>> kSet{
      "alerts",   "api",         "bar",     "box",       "button",  "dialog",   "engine",
      "feature",  "field",       "filters", "format",    "formats", "function", "history",
      "limit",    "limits",      "log",     "logs",      "menu",    "options",  "page",
      "panel",    "preferences", "queue",   "reminders", "results", "screen",   "service",
      "settings", "templates",   "tool",    "tools",     "updates", "view",     "notifications"};
  return kSet;
}

const std::set<std::string, std::less<>>& function_words() {
  static const std::set<std::string, std::less<>> kSet{
      "a",    "an",  "the",  "my",  "your", "our",  "their", "its",  "to",       "by",
      "with", "for", "from", "in",  "on",   "at",   "all",   "any",  "every",    "each",
      "and",  "or",  "up",   "out", "it",   "them", "into",  "back", "multiple", "more"};
  return kSet;
}

std::vector<std::string> lower_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : ascii_lower(s)) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\'';
    if (keep) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool word_matches(const std::string& word, std::string_view keyword) {
  if (word == keyword) return true;
  std::string_view w(word);
  return (w.size() == keyword.size() + 1 && w.starts_with(keyword) && w.back() == 's') ||
         (w.size() == keyword.size() + 2 && w.starts_with(keyword) && w.ends_with("es"));
}

bool starts_with_verb(const std::vector<std::string>& words) {
  if (words.empty() || !verbs().contains(words[0])) return false;
  if (words.size() == 1 || function_words().contains(words[1])) return true;
  if (mostly_nouns().contains(words[0])) return false;
  return !noun_like_verbs().contains(words[0]) || !compound_tails().contains(words[1]);
}

// "Editing addresses" → "Edit addresses", when the base is a known verb.
std::string from_gerund(const std::string& text) {
  auto space = text.find(' ');
  std::string first = ascii_lower(text.substr(0, space));
  if (first.size() < 6 || !first.ends_with("ing")) return text;
  std::string stem = first.substr(0, first.size() - 3);
  std::string rest = space == std::string::npos ? std::string() : text.substr(space);
  for (const std::string& base : {stem, stem + "e",
                                  stem.size() > 2 && stem[stem.size() - 1] == stem[stem.size() - 2]
                                      ? stem.substr(0, stem.size() - 1)
                                      : std::string()}) {
    if (!base.empty() && verbs().contains(base)) return upper_first(base) + rest;
  }
  return text;
}

// Drops who does it and how it is allowed: "Shoppers can pay by card",
// "Allow admins to export data", "Ability to undo" → the action itself.
std::string without_actor(const std::string& text, const std::vector<std::string>& actors) {
  static const std::set<std::string, std::less<>> kGeneric{
      "user", "users", "customer", "customers", "people", "everyone", "they",
      "we",   "you",   "admin",    "admins",    "member", "members",  "visitors"};
  static const std::set<std::string, std::less<>> kModal{"can",  "should", "must",
                                                         "will", "may",    "shall"};
  std::vector<std::string> words = lower_words(text);
  auto cut = [&text](std::size_t n_words) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < n_words; ++i) {
      pos = text.find(' ', pos);
      if (pos == std::string::npos) return std::string();
      ++pos;
    }
    return text.substr(pos);
  };
  if (words.size() >= 3 && (words[0] == "allow" || words[0] == "enable")) {
    for (std::size_t i = 2; i < std::min<std::size_t>(words.size(), 5); ++i) {
      if (words[i] == "to") return cut(i + 1);
    }
  }
  if (words.size() >= 3 && words[0] == "let" && verbs().contains(words[2])) return cut(2);
  if (words.size() >= 3 && words[0] == "ability" && words[1] == "to") return cut(2);
  if (words.size() >= 4 && words[0] == "the" && words[1] == "ability" && words[2] == "to") {
    return cut(3);
  }
  if (words.size() >= 3 && words[0] == "able" && words[1] == "to") return cut(2);
  bool actor = kGeneric.contains(words.empty() ? "" : words[0]);
  for (const auto& a : actors) actor = actor || (!words.empty() && words[0] == a);
  if (actor && words.size() >= 3 && kModal.contains(words[1])) {
    return words.size() >= 4 && words[2] == "be" && words[3] == "able" ? cut(5) : cut(2);
  }
  if (actor && words.size() >= 2 && verbs().contains(words[1])) return cut(1);
  return text;
}

}  // namespace

Capability capability(std::string_view feature, const std::vector<std::string>& actors) {
  Capability c;
  c.text = without_stop(squash(feature));
  std::string core = from_gerund(without_actor(c.text, actors));
  if (core.empty()) core = c.text;
  std::vector<std::string> words = lower_words(core);
  std::string phrase = lower_first(core);
  if (starts_with_verb(words)) {
    c.action = phrase;
    c.want = "to " + phrase;
  } else {
    c.action = "use " + phrase;
    c.want = phrase;
  }
  c.during = c.action;
  // The verb decides first ("Edit saved cards" is about editing), then any
  // word of the feature, in the order of the table.
  c.category = nullptr;
  std::string spaced = " " + ascii_lower(squash(core)) + " ";
  for (const auto& cat : categories()) {
    for (auto kw : cat.keywords) {
      bool hit = kw.find(' ') != std::string_view::npos
                     ? spaced.starts_with(" " + std::string(kw) + " ")
                     : !words.empty() && word_matches(words[0], kw);
      if (hit) c.category = &cat;
    }
    if (c.category) break;
  }
  for (const auto& cat : categories()) {
    if (c.category) break;
    for (auto kw : cat.keywords) {
      bool hit = kw.find(' ') != std::string_view::npos
                     ? spaced.find(" " + std::string(kw) + " ") != std::string::npos
                     : std::any_of(words.begin(), words.end(),
                                   [kw](const std::string& w) { return word_matches(w, kw); });
      if (hit) {
        c.category = &cat;
        break;
      }
    }
  }
  if (!c.category) c.category = &general_category();
  return c;
}

std::string constraint_kind(std::string_view constraint) {
  static const std::array<std::pair<std::string_view, std::vector<std::string_view>>, 7> kKinds{{
      {"security",
       {"pci", "dss", "soc", "iso", "27001", "security", "secure", "encrypt", "encrypted",
        "encryption", "hipaa", "auth", "owasp", "pentest", "penetration"}},
      {"privacy",
       {"gdpr", "ccpa", "privacy", "personal", "pii", "retention", "consent", "eu", "residency"}},
      {"performance",
       {"latency", "load", "loads", "fast", "speed", "performance", "ms", "second", "seconds",
        "p95", "p99", "throughput", "concurrent", "responsive"}},
      {"availability",
       {"uptime", "availability", "available", "sla", "downtime", "outage", "offline", "recovery",
        "backup", "backups"}},
      {"accessibility", {"wcag", "accessible", "accessibility", "a11y", "screen", "ada"}},
      {"cost", {"budget", "cost", "costs", "price", "pricing", "spend", "$", "eur", "usd"}},
      {"platform",
       {"ios", "android", "mobile", "browser", "browsers", "desktop", "windows", "macos", "linux",
        "4g", "3g", "tablet"}},
  }};
  std::vector<std::string> words = lower_words(constraint);
  for (const auto& [kind, keywords] : kKinds) {
    for (auto kw : keywords) {
      if (std::find(words.begin(), words.end(), kw) != words.end()) return std::string(kind);
    }
  }
  return {};
}

}  // namespace prism::ai::template_text
