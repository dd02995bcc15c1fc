// Reading what the SMTP sink received: headers, encoded words and the body.
#include <sodium.h>
#include <strings.h>

#include "support/smtp_sink.hpp"

namespace prism::testing {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decode_qp(std::string_view text, bool underscore_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=' && i + 1 < text.size() && text[i + 1] == '\r') {
      i += 2;  // soft line break "=\r\n"
    } else if (c == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else if (c == '_' && underscore_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string decode_b64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::string(text);
  }
  out.resize(len);
  return out;
}

}  // namespace

std::string SmtpMessage::header(std::string_view name) const {
  std::size_t pos = 0;
  while (pos < data.size()) {
    auto eol = data.find("\r\n", pos);
    if (eol == std::string::npos || eol == pos) return {};  // end of the header block
    std::string_view line(data.data() + pos, eol - pos);
    auto colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string value(line.substr(colon + 1));
      // Unfold continuation lines (starting with space or tab).
      pos = eol + 2;
      while (pos < data.size() && (data[pos] == ' ' || data[pos] == '\t')) {
        eol = data.find("\r\n", pos);
        value += data.substr(pos, eol - pos);
        pos = eol + 2;
      }
      auto first = value.find_first_not_of(" \t");
      return first == std::string::npos ? std::string() : value.substr(first);
    }
    pos = eol + 2;
  }
  return {};
}

std::string SmtpMessage::decoded_header(std::string_view name) const {
  std::string raw = header(name);
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  while (pos < raw.size()) {
    auto start = raw.find("=?", pos);
    if (start == std::string::npos) {
      out += raw.substr(pos);
      break;
    }
    std::string between = raw.substr(pos, start - pos);
    // Whitespace between two adjacent encoded words is not part of the text.
    if (!(last_was_word && between.find_first_not_of(" \t") == std::string::npos)) out += between;
    auto q1 = raw.find('?', start + 2);
    auto q2 = q1 == std::string::npos ? q1 : raw.find('?', q1 + 1);
    auto end = q2 == std::string::npos ? q2 : raw.find("?=", q2 + 1);
    if (end == std::string::npos) {
      out += raw.substr(start);
      break;
    }
    char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(raw[q1 + 1])));
    std::string_view payload(raw.data() + q2 + 1, end - q2 - 1);
    out += enc == 'B' ? decode_b64(payload) : decode_qp(payload, true);
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

std::string SmtpMessage::body() const {
  auto sep = data.find("\r\n\r\n");
  std::string raw = sep == std::string::npos ? std::string() : data.substr(sep + 4);
  if (strcasecmp(header("Content-Transfer-Encoding").c_str(), "quoted-printable") == 0) {
    return decode_qp(raw, false);
  }
  return raw;
}

}  // namespace prism::testing
