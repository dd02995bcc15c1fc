#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace prism {

namespace json = boost::json;

// Parses a request body that must be a JSON object: malformed JSON is a 400,
// any other JSON value a 422.
json::object parse_json_object(std::string_view body);

// Whether some object in `text` names one key twice. Boost.JSON keeps the
// last value and other parsers the first, so such text could mean two
// things; every parser of untrusted JSON refuses it. Call it on text that
// already parsed with the same options.
bool has_duplicate_key(std::string_view text, const json::parse_options& opts);

// Reads and validates the fields of a JSON object, collecting every problem so
// the client sees them all at once. `finish()` also rejects unknown fields and
// throws one 422 with per-field errors.
class JsonReader {
 public:
  explicit JsonReader(const json::object& obj, std::string prefix = {});

  std::string required_string(std::string_view field, std::size_t min_len = 1,
                              std::size_t max_len = 10000);
  std::optional<std::string> optional_string(std::string_view field, std::size_t min_len = 0,
                                             std::size_t max_len = 10000);
  std::optional<std::int64_t> optional_int(std::string_view field, std::int64_t min,
                                           std::int64_t max);
  std::optional<double> optional_number(std::string_view field, double min, double max);
  std::optional<bool> optional_bool(std::string_view field);
  std::optional<std::vector<std::string>> optional_string_array(std::string_view field,
                                                                std::size_t max_items,
                                                                std::size_t max_len);
  // Any JSON value, for fields whose shape is checked by the caller.
  const json::value* optional_value(std::string_view field);
  // Whether the field is present and null (PATCH semantics: clear the value).
  bool is_null(std::string_view field) const;
  bool has(std::string_view field) const { return obj_.contains(field); }

  void add_error(std::string_view field, std::string message);
  bool ok() const { return errors_.empty(); }
  void finish();

 private:
  const json::value* take(std::string_view field);
  std::string name(std::string_view field) const;

  const json::object& obj_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
};

// Counts Unicode code points of valid UTF-8; returns nullopt when invalid.
std::optional<std::size_t> utf8_length(std::string_view s);

}  // namespace prism
