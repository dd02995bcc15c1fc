#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prism::cache {

// One Redis reply, whichever wire it came over (RESP or Upstash's JSON).
struct Reply {
  enum class Type { kNil, kInteger, kString, kStatus, kArray, kError };
  Type type = Type::kNil;
  std::int64_t integer = 0;
  std::string text;  // the string, status or error message
  std::vector<Reply> elements;

  bool is_error() const { return type == Type::kError; }
};

}  // namespace prism::cache
