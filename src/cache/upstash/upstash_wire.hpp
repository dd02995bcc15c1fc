#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/remote/reply.hpp"

// Upstash's REST format: a command is a JSON array of strings POSTed to the
// database URL; the answer is {"result": …} or {"error": "…"}. With the
// header `Upstash-Encoding: base64` every string in a result except "OK" is
// base64, which keeps binary values intact through JSON.
namespace prism::cache::upstash {

std::string base64_encode(std::string_view data);
std::optional<std::string> base64_decode(std::string_view text);

// Whether `text` can travel as a JSON string unchanged: valid UTF-8 with no
// NUL (some JSON stacks end strings at \u0000).
bool json_safe(std::string_view text);

std::string command_body(const std::vector<std::string>& argv);

// One {"result"}/{"error"} object as a Reply; base64 strings decoded.
Reply reply_from_json(const boost::json::value& envelope, bool base64);

// The inverse, for the local stand-in server: a Reply as Upstash sends it.
boost::json::value reply_to_json(const Reply& reply, bool base64);

}  // namespace prism::cache::upstash
