#pragma once

#include <string>

namespace prism {

// A UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and index well,
// with 74 random bits so they cannot be guessed.
std::string new_id();

bool looks_like_id(std::string_view s);

}  // namespace prism
