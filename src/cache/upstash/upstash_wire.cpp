#include "cache/upstash/upstash_wire.hpp"

#include <boost/json.hpp>

namespace prism::cache::upstash {
namespace json = boost::json;
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

Reply decode_result(const json::value& v, bool base64) {
  Reply r;
  if (v.is_null()) return r;
  if (v.is_int64() || v.is_uint64()) {
    r.type = Reply::Type::kInteger;
    r.integer = v.to_number<std::int64_t>();
  } else if (v.is_string()) {
    std::string_view s = v.as_string();
    r.type = Reply::Type::kString;
    if (base64 && s != "OK") {
      auto decoded = base64_decode(s);
      r.text = decoded ? std::move(*decoded) : std::string(s);
    } else {
      r.text = std::string(s);
      if (s == "OK") r.type = Reply::Type::kStatus;
    }
  } else if (v.is_array()) {
    r.type = Reply::Type::kArray;
    for (const auto& e : v.as_array()) r.elements.push_back(decode_result(e, base64));
  } else if (v.is_double()) {
    r.type = Reply::Type::kInteger;
    r.integer = static_cast<std::int64_t>(v.as_double());
  } else {
    r.type = Reply::Type::kError;
    r.text = "unexpected JSON in the result";
  }
  return r;
}

json::value encode_result(const Reply& r, bool base64) {
  switch (r.type) {
    case Reply::Type::kNil:
      return nullptr;
    case Reply::Type::kInteger:
      return r.integer;
    case Reply::Type::kStatus:
      if (r.text == "OK") return json::string("OK");
      [[fallthrough]];
    case Reply::Type::kString:
      return json::string(base64 ? base64_encode(r.text) : r.text);
    case Reply::Type::kArray: {
      json::array a;
      for (const auto& e : r.elements) a.push_back(encode_result(e, base64));
      return a;
    }
    case Reply::Type::kError:
      break;
  }
  return nullptr;
}

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned n =
        (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8 | (unsigned char)data[i + 2];
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63],
            kAlphabet[n & 63]};
  }
  if (i + 1 == data.size()) {
    unsigned n = (unsigned char)data[i] << 16;
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == data.size()) {
    unsigned n = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8;
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=') {
      if (i + 2 < text.size()) return std::nullopt;
      break;
    }
    int v = sextet(text[i]);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

bool json_safe(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    // Overlong forms and surrogates are rejected by strict JSON parsers too.
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)) return false;
    if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) return false;
    i += extra + 1;
  }
  return true;
}

std::string command_body(const std::vector<std::string>& argv) {
  json::array a;
  for (const auto& s : argv) a.emplace_back(json::string(s));
  return json::serialize(a);
}

Reply reply_from_json(const json::value& envelope, bool base64) {
  const auto* o = envelope.if_object();
  Reply r;
  if (!o) {
    r.type = Reply::Type::kError;
    r.text = "the answer is not a JSON object";
  } else if (const auto* e = o->if_contains("error")) {
    r.type = Reply::Type::kError;
    r.text = e->is_string() ? std::string(e->as_string()) : json::serialize(*e);
  } else if (const auto* v = o->if_contains("result")) {
    r = decode_result(*v, base64);
  } else {
    r.type = Reply::Type::kError;
    r.text = "the answer has neither result nor error";
  }
  return r;
}

json::value reply_to_json(const Reply& reply, bool base64) {
  if (reply.is_error()) return json::object{{"error", reply.text}};
  return json::object{{"result", encode_result(reply, base64)}};
}

}  // namespace prism::cache::upstash
