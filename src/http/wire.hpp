#pragma once

#include <string>

#include "http/dispatcher.hpp"

namespace prism::http {

// The status line and header fields of `res` as they go on the wire, ending
// with the blank line; the body follows as it is. One pass into one string:
// Beast's generic serializer walks a chain of buffer views per field, which
// cost more than the rest of writing an answer.
std::string wire_head(const RawResponse& res);

}  // namespace prism::http
