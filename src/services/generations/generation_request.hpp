#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace prism::services::generations {

// Stories asked for when the input names no count.
inline constexpr int kDefaultStoryCount = 8;

// A validated POST /projects/{id}/generations body. `input` is already
// normalized (see normalize_input), so equal requests have equal inputs.
struct GenerationRequest {
  std::string kind;  // prd | section | stories
  json::object input;
  std::optional<std::string> provider;
  std::optional<std::string> model;
  std::optional<std::string> template_name;
  std::optional<double> temperature;
  std::optional<std::int64_t> max_tokens;
  bool use_cache = true;
  // prd: the document that gets a new version; section/stories: the source.
  std::optional<std::string> document_id;
};

// Validates the body per kind (422 with per-field errors):
//   prd:     input {product_name, description, target_audience?, key_features[]?,
//            constraints[]?}, optional document_id (top level or in input)
//   section: input {document_id, section, instruction}
//   stories: input {document_id, count? 1..50}
GenerationRequest parse_generation_request(const json::object& body);

// A POST /generations/{id}/apply body: every field optional.
struct ApplyRequest {
  std::optional<std::vector<std::int64_t>> stories;  // proposals' indexes, distinct
  std::optional<std::string> title;                   // a PRD draft's title
};
ApplyRequest parse_apply_request(const json::object& body);

// Trims, collapses runs of white space to one space. Case is kept: in a
// product description it can carry meaning ("US" vs "us").
std::string normalize_text(std::string_view text);
// Normalizes every string in the input; identifiers (document_id, section)
// are only trimmed, and the section name is lower-cased since sections are
// matched case-insensitively by slug.
json::object normalize_input(const json::object& input);

struct CacheKeyParts {
  std::string org_id;
  std::string kind;
  const json::object* input = nullptr;
  std::string template_name;
  std::int64_t template_version = 1;
  std::string provider;
  std::string model;
  json::object params;
  // The text the generation starts from (section/stories): a changed
  // document must not be answered from the cache.
  std::string source_fingerprint;
};

// SHA-256 (hex) over a canonical serialization of the parts; scoped per org.
std::string cache_key(const CacheKeyParts& parts);

}  // namespace prism::services::generations
