#include "core/json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cmath>
#include <unordered_set>

namespace prism {

namespace {

constexpr int kMaxDepth = 32;

// A handler for Boost.JSON's SAX parser that builds nothing and only checks
// that no object names a key twice. Boost.JSON 1.81 has no option for this:
// its DOM parser keeps one of the values and drops the other silently, while
// other parsers keep the first, so a body with a duplicated key could mean
// one thing to a proxy or a validating client and another to PRISM.
class DuplicateKeyCheck {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  bool found = false;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    open_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    open_.pop_back();
    return true;
  }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!open_.back().insert(std::move(key_)).second) {
      found = true;
      ec = json::error::syntax;
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_double(double, json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  std::vector<std::unordered_set<std::string>> open_;  // the keys of each open object
  std::string key_;
};

}  // namespace

bool has_duplicate_key(std::string_view text, const json::parse_options& opts) {
  json::basic_parser<DuplicateKeyCheck> parser(opts);
  boost::system::error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  return parser.handler().found;
}

json::object parse_json_object(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = kMaxDepth;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) throw Error(ErrorCode::kBadRequest, "the body is not valid JSON");
  // Checked on valid JSON only, so the pass that builds nothing runs on
  // bounded, well-formed input.
  if (has_duplicate_key(body, opts)) {
    throw Error(ErrorCode::kBadRequest, "the body names the same key twice in one object");
  }
  if (!v.is_object()) throw validation_failed("", "the body must be a JSON object");
  return std::move(v.as_object());
}

std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

JsonReader::JsonReader(const json::object& obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {}

std::string JsonReader::name(std::string_view field) const {
  return prefix_.empty() ? std::string(field) : prefix_ + "." + std::string(field);
}

void JsonReader::add_error(std::string_view field, std::string message) {
  errors_.push_back({name(field), std::move(message)});
}

const json::value* JsonReader::take(std::string_view field) {
  seen_.emplace(field);
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool JsonReader::is_null(std::string_view field) const {
  auto it = obj_.find(field);
  return it != obj_.end() && it->value().is_null();
}

std::optional<std::string> JsonReader::optional_string(std::string_view field, std::size_t min_len,
                                                       std::size_t max_len) {
  const json::value* v = take(field);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(field, "must be a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  auto len = utf8_length(s);
  if (!len) {
    add_error(field, "must be valid UTF-8");
    return std::nullopt;
  }
  if (*len < min_len) {
    add_error(field, min_len == 1 ? "must not be empty"
                                  : "must be at least " + std::to_string(min_len) + " characters");
    return std::nullopt;
  }
  if (*len > max_len) {
    add_error(field, "must be at most " + std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  return s;
}

std::string JsonReader::required_string(std::string_view field, std::size_t min_len,
                                        std::size_t max_len) {
  if (!obj_.contains(field) || obj_.at(field).is_null()) {
    seen_.emplace(field);
    add_error(field, "is required");
    return {};
  }
  return optional_string(field, min_len, max_len).value_or(std::string{});
}

std::optional<std::int64_t> JsonReader::optional_int(std::string_view field, std::int64_t min,
                                                     std::int64_t max) {
  const json::value* v = take(field);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64()) n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(v->as_uint64());
  else if (v->is_double() && std::trunc(v->as_double()) == v->as_double() && std::fabs(v->as_double()) < 9e15) n = static_cast<std::int64_t>(v->as_double());
  if (!n) {
    add_error(field, "must be an integer");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    add_error(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> JsonReader::optional_number(std::string_view field, double min, double max) {
  const json::value* v = take(field);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    add_error(field, "must be a number");
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    add_error(field, "is out of range");
    return std::nullopt;
  }
  return d;
}

std::optional<bool> JsonReader::optional_bool(std::string_view field) {
  const json::value* v = take(field);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    add_error(field, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> JsonReader::optional_string_array(std::string_view field,
                                                                          std::size_t max_items,
                                                                          std::size_t max_len) {
  const json::value* v = take(field);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    add_error(field, "must be an array of strings");
    return std::nullopt;
  }
  const auto& arr = v->as_array();
  if (arr.size() > max_items) {
    add_error(field, "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string item_name = std::string(field) + "[" + std::to_string(i) + "]";
    if (!arr[i].is_string()) {
      add_error(item_name, "must be a string");
      continue;
    }
    std::string s(arr[i].as_string());
    auto len = utf8_length(s);
    if (!len || *len > max_len) {
      add_error(item_name, !len ? "must be valid UTF-8"
                                : "must be at most " + std::to_string(max_len) + " characters");
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

const json::value* JsonReader::optional_value(std::string_view field) { return take(field); }

void JsonReader::finish() {
  for (const auto& kv : obj_) {
    if (!seen_.contains(std::string_view(kv.key()))) {
      errors_.push_back({name(kv.key()), "is not a known field"});
    }
  }
  if (!errors_.empty()) throw validation_failed(std::move(errors_));
}

}  // namespace prism
