#include "mail/mime_message.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace prism::mail {
namespace {

constexpr std::size_t kMaxLine = 998;         // RFC 5322 hard limit, without CRLF
constexpr std::size_t kMaxPlainHeader = 68;   // keeps "Subject: ..." within 78 chars
constexpr std::size_t kMaxEncodedBytes = 45;  // 60 base64 chars: word stays <= 75 chars
constexpr std::size_t kMaxQpLine = 76;

bool is_ascii_printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

bool needs_transfer_encoding(std::string_view crlf_text) {
  std::size_t line = 0;
  for (char c : crlf_text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u == 0) return true;
    line = c == '\n' ? 0 : line + 1;
    if (line > kMaxLine) return true;
  }
  return false;
}

std::string base64(std::string_view data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

// Length of the longest prefix of `s` of at most `max` bytes that does not
// cut a UTF-8 sequence (continuation bytes are 10xxxxxx).
std::size_t utf8_prefix(std::string_view s, std::size_t max) {
  std::size_t n = prism::utf8_prefix_length(s, max);
  return n == 0 ? max : n;
}

std::string quote_display_name(std::string_view name) {
  if (!is_ascii_printable(name)) return encode_header_text(name);
  constexpr std::string_view kSpecials = "()<>[]:;@\\,.\"";
  if (name.find_first_of(kSpecials) == std::string_view::npos) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string format_mailbox(const Mailbox& m) {
  if (m.display_name.empty()) return m.address;
  return quote_display_name(m.display_name) + " <" + m.address + ">";
}

}  // namespace

void check_header_value(std::string_view field, std::string_view value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    throw std::invalid_argument("mail header '" + std::string(field) +
                                "' contains a line break or NUL");
  }
}

Mailbox parse_mailbox(std::string_view text) {
  check_header_value("address", text);
  Mailbox out;
  std::string_view addr = text;
  auto lt = text.rfind('<');
  if (lt != std::string_view::npos) {
    if (text.empty() || text.back() != '>') throw std::invalid_argument("malformed mailbox");
    std::string_view name = text.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    out.display_name = std::string(name);
    addr = text.substr(lt + 1, text.size() - lt - 2);
  }
  auto at = addr.find('@');
  bool plausible = !addr.empty() && addr.size() <= 254 && at != std::string_view::npos && at > 0 &&
                   at + 1 < addr.size() && addr.find('@', at + 1) == addr.npos &&
                   is_ascii_printable(addr) &&
                   addr.find_first_of(" <>,;:\"()[]\\") == std::string_view::npos;
  if (!plausible) throw std::invalid_argument("not a valid e-mail address");
  out.address = std::string(addr);
  return out;
}

std::string encode_header_text(std::string_view text) {
  if (text.size() <= kMaxPlainHeader && is_ascii_printable(text)) return std::string(text);
  std::string out;
  while (!text.empty()) {
    std::size_t n = utf8_prefix(text, kMaxEncodedBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

std::string encode_quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t col = 0;
  auto emit = [&](std::string_view piece) {
    // A soft line break ("=" at the end) keeps every line within 76 chars.
    if (col + piece.size() > kMaxQpLine - 1) {
      out += "=\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "\r\n";
      col = 0;
      ++i;
      continue;
    }
    bool at_line_end = i + 1 == text.size() || text[i + 1] == '\r';
    bool literal = (u >= 33 && u <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (literal) {
      emit(std::string_view(&c, 1));
    } else {
      char enc[3] = {'=', kHex[u >> 4], kHex[u & 0xF]};
      emit(std::string_view(enc, 3));
    }
  }
  return out;
}

std::string normalize_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string compose_message(const Message& message, std::string_view from,
                            std::int64_t unix_seconds, std::string_view message_id) {
  check_header_value("subject", message.subject);
  Mailbox sender = parse_mailbox(from);
  Mailbox recipient = parse_mailbox(message.to);
  check_header_value("message-id", message_id);

  std::string body = normalize_crlf(message.text);
  if (body.size() < 2 || body.compare(body.size() - 2, 2, "\r\n") != 0) body += "\r\n";
  bool encode = needs_transfer_encoding(body);

  std::string out;
  out.reserve(body.size() * (encode ? 2 : 1) + 512);
  out += "Date: " + rfc5322_date(unix_seconds) + "\r\n";
  out += "Message-ID: " + std::string(message_id) + "\r\n";
  out += "From: " + format_mailbox(sender) + "\r\n";
  out += "To: " + format_mailbox(recipient) + "\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  if (!message.unsubscribe_url.empty()) {
    check_header_value("list-unsubscribe", message.unsubscribe_url);
    out += "List-Unsubscribe: <" + message.unsubscribe_url + ">\r\n";
    out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  // Quoted-printable for anything beyond short ASCII lines: it survives
  // servers without 8BITMIME, which plain 8bit would not.
  out += std::string("Content-Transfer-Encoding: ") + (encode ? "quoted-printable" : "7bit") +
         "\r\n\r\n";
  out += encode ? encode_quoted_printable(body) : body;
  return out;
}

std::string new_message_id(std::string_view from_address) {
  Mailbox m = parse_mailbox(from_address);
  std::string domain = m.address.substr(m.address.find('@') + 1);
  return "<" + crypto::hex(crypto::random_bytes(16)) + "@" + domain + ">";
}

}  // namespace prism::mail
