#include "services/search/search_rules.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/json.hpp"
#include "services/documents/documents_service.hpp"

namespace prism::services::search {

SearchRequest parse_search_request(std::optional<std::string_view> q,
                                   std::optional<std::string_view> limit) {
  SearchRequest out;
  std::vector<FieldError> errors;
  if (!q || q->empty()) {
    errors.push_back({"q", "is required: the text to search for"});
  } else if (utf8_length(*q).value_or(kMaxQueryChars + 1) > kMaxQueryChars) {
    errors.push_back({"q", "must be valid UTF-8 of at most 200 characters"});
  } else {
    out.words = search_words(*q);
    out.key = parse_story_key(*q);
    if (out.words.empty()) errors.push_back({"q", "must contain a letter or digit"});
  }
  if (limit && !limit->empty()) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc{} || ptr != limit->data() + limit->size() || n < 1 || n > kMaxLimit) {
      errors.push_back({"limit", "must be an integer between 1 and 50"});
    } else {
      out.limit = n;
    }
  }
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return out;
}

}  // namespace prism::services::search
