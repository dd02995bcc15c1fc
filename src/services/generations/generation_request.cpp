#include "services/generations/generation_request.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace prism::services::generations {

namespace {

constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxItems = 50;

void read_prd(JsonReader& in) {
  in.required_string("product_name", 1, 200);
  in.required_string("description", 1, kMaxText);
  in.optional_string("target_audience", 0, 2000);
  in.optional_string_array("key_features", kMaxItems, 1000);
  in.optional_string_array("constraints", kMaxItems, 1000);
  in.optional_string("document_id", 1, 100);
}

void read_section(JsonReader& in) {
  in.required_string("document_id", 1, 100);
  in.required_string("section", 0, 200);
  in.required_string("instruction", 1, kMaxText);
}

void read_stories(JsonReader& in) {
  in.required_string("document_id", 1, 100);
  in.optional_int("count", 1, 50);
  in.optional_bool("coverage");
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string trim(std::string_view t) {
  std::size_t b = 0, e = t.size();
  while (b < e && is_space(t[b])) ++b;
  while (e > b && is_space(t[e - 1])) --e;
  return std::string(t.substr(b, e - b));
}

json::value normalize_value(const json::value& v) {
  if (v.is_string()) return json::value(normalize_text(v.as_string()));
  if (v.is_array()) {
    json::array out;
    for (const auto& item : v.as_array()) out.push_back(normalize_value(item));
    return out;
  }
  return v;
}

// Object keys in sorted order, so the serialization does not depend on the
// order the client wrote them in.
void canonical(const json::value& v, std::string& out) {
  if (v.is_object()) {
    std::vector<std::pair<std::string, const json::value*>> fields;
    for (const auto& kv : v.as_object()) fields.emplace_back(std::string(kv.key()), &kv.value());
    std::sort(fields.begin(), fields.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out += '{';
    for (const auto& [k, val] : fields) {
      out += json::serialize(json::value(k));
      out += ':';
      canonical(*val, out);
      out += ',';
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    for (const auto& item : v.as_array()) {
      canonical(item, out);
      out += ',';
    }
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

GenerationRequest parse_generation_request(const json::object& body) {
  JsonReader top(body);
  GenerationRequest r;
  r.kind = top.required_string("kind", 1, 20);
  const json::value* input = top.optional_value("input");
  r.provider = top.optional_string("provider", 1, 50);
  r.model = top.optional_string("model", 1, 200);
  r.template_name = top.optional_string("template", 1, 200);
  r.use_cache = top.optional_bool("cache").value_or(true);
  r.document_id = top.optional_string("document_id", 1, 100);
  r.temperature = top.optional_number("temperature", 0.0, 2.0);
  r.max_tokens = top.optional_int("max_tokens", 1, 200000);
  if (r.kind != "prd" && r.kind != "section" && r.kind != "stories" && top.ok()) {
    top.add_error("kind", "must be one of prd, section, stories");
  }
  if (input == nullptr || !input->is_object()) {
    top.add_error("input", "must be an object");
    top.finish();
  }
  top.finish();

  JsonReader in(input->as_object(), "input");
  if (r.kind == "prd") read_prd(in);
  if (r.kind == "section") read_section(in);
  if (r.kind == "stories") read_stories(in);
  in.finish();

  r.input = normalize_input(input->as_object());
  if (auto it = r.input.find("document_id"); it != r.input.end()) {
    std::string from_input(it->value().as_string());
    if (r.document_id && *r.document_id != from_input) {
      throw validation_failed("document_id", "differs from input.document_id");
    }
    r.document_id = from_input;
  } else if (r.document_id) {
    if (r.kind != "prd") throw validation_failed("document_id", "give it in input");
    r.input["document_id"] = *r.document_id;
  }
  return r;
}

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : trim(text)) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

json::object normalize_input(const json::object& input) {
  json::object out;
  for (const auto& kv : input) {
    if (kv.key() == "document_id" && kv.value().is_string()) {
      out[kv.key()] = trim(kv.value().as_string());
    } else if (kv.key() == "section" && kv.value().is_string()) {
      std::string section = normalize_text(kv.value().as_string());
      for (char& c : section) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out[kv.key()] = section;
    } else {
      out[kv.key()] = normalize_value(kv.value());
    }
  }
  return out;
}

std::string cache_key(const CacheKeyParts& parts) {
  std::string text = "prism-generation-v1\n";
  json::object all{{"org", parts.org_id},
                   {"kind", parts.kind},
                   {"input", parts.input ? json::value(*parts.input) : json::value(nullptr)},
                   {"template", parts.template_name},
                   {"template_version", parts.template_version},
                   {"provider", parts.provider},
                   {"model", parts.model},
                   {"params", parts.params},
                   {"source", parts.source_fingerprint}};
  canonical(all, text);
  return crypto::sha256_hex(text);
}

}  // namespace prism::services::generations
