#include "mail/mime_message.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <stdexcept>

namespace prism::mail {
namespace {

std::string decode_b_word(std::string_view word) {
  // "=?UTF-8?B?<base64>?="
  EXPECT_TRUE(word.starts_with("=?UTF-8?B?"));
  EXPECT_TRUE(word.ends_with("?="));
  std::string_view b64 = word.substr(10, word.size() - 12);
  std::string out(b64.size(), '\0');
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                              b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

std::string header_of(const std::string& msg, std::string_view name) {
  std::string key = "\r\n" + std::string(name) + ": ";
  auto pos = ("\r\n" + msg).find(key);
  if (pos == std::string::npos) return {};
  auto start = pos + key.size() - 2;
  return msg.substr(start, msg.find("\r\n", start) - start);
}

TEST(MimeMessage, RejectsLineBreaksInHeaders) {
  EXPECT_THROW(check_header_value("subject", "hi\r\nBcc: x@y.z"), std::invalid_argument);
  EXPECT_THROW(check_header_value("subject", "hi\nBcc: x@y.z"), std::invalid_argument);
  EXPECT_THROW(check_header_value("subject", std::string("a\0b", 3)), std::invalid_argument);
  EXPECT_NO_THROW(check_header_value("subject", "Reset your password"));
  Message m{"a@example.com", "Hello\r\nBcc: victim@example.com", "body"};
  EXPECT_THROW(compose_message(m, "noreply@example.com", 0, "<1@example.com>"),
               std::invalid_argument);
  m = {"a@example.com\r\nBcc: victim@example.com", "Hello", "body"};
  EXPECT_THROW(compose_message(m, "noreply@example.com", 0, "<1@example.com>"),
               std::invalid_argument);
}

TEST(MimeMessage, OneClickUnsubscribeHeadersWhenAUrlIsGiven) {
  Message m{"a@example.com", "Mentioned", "body"};
  std::string plain = compose_message(m, "noreply@example.com", 0, "<1@example.com>");
  EXPECT_EQ(header_of(plain, "List-Unsubscribe"), "");
  m.unsubscribe_url = "https://prism.example/api/v1/unsubscribe?token=abc";
  std::string msg = compose_message(m, "noreply@example.com", 0, "<1@example.com>");
  EXPECT_EQ(header_of(msg, "List-Unsubscribe"),
            "<https://prism.example/api/v1/unsubscribe?token=abc>");
  EXPECT_EQ(header_of(msg, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  m.unsubscribe_url = "https://x\r\nBcc: v@example.com";
  EXPECT_THROW(compose_message(m, "noreply@example.com", 0, "<1@example.com>"),
               std::invalid_argument);
}

TEST(MimeMessage, ParsesMailboxes) {
  auto m = parse_mailbox("PRISM <noreply@example.com>");
  EXPECT_EQ(m.display_name, "PRISM");
  EXPECT_EQ(m.address, "noreply@example.com");
  m = parse_mailbox("\"Team, PRISM\" <team@example.com>");
  EXPECT_EQ(m.display_name, "Team, PRISM");
  EXPECT_EQ(parse_mailbox("a.b+c@sub.example.org").address, "a.b+c@sub.example.org");
  for (const char* bad : {"", "no-at-sign", "@example.com", "a@", "a@b@c", "a b@c.d",
                          "a@b.c, d@e.f", "Name <a@b.c", "a@b.c>"}) {
    EXPECT_THROW(parse_mailbox(bad), std::invalid_argument) << bad;
  }
}

TEST(MimeMessage, EncodesNonAsciiHeadersAsEncodedWords) {
  EXPECT_EQ(encode_header_text("Reset your password"), "Reset your password");
  std::string subject = "Passwort zurücksetzen für Ärger — 日本語のテキストはここにあります";
  std::string enc = encode_header_text(subject);
  std::string decoded;
  std::size_t start = 0;
  while (start < enc.size()) {
    auto end = enc.find("\r\n ", start);
    std::string_view word(enc.data() + start,
                          (end == std::string::npos ? enc.size() : end) - start);
    EXPECT_LE(word.size(), 75u);
    std::string part = decode_b_word(word);
    // Each word must hold whole UTF-8 characters: the first byte is never a continuation byte.
    EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80);
    decoded += part;
    start = end == std::string::npos ? enc.size() : end + 3;
  }
  EXPECT_EQ(decoded, subject);
}

TEST(MimeMessage, QuotedPrintableFollowsRfc2045) {
  EXPECT_EQ(encode_quoted_printable("a=b\r\n"), "a=3Db\r\n");
  EXPECT_EQ(encode_quoted_printable("trailing \r\nx"), "trailing=20\r\nx");
  EXPECT_EQ(encode_quoted_printable("caf\xC3\xA9"), "caf=C3=A9");
  std::string long_line(200, 'x');
  std::string enc = encode_quoted_printable(long_line);
  std::size_t start = 0, total = 0;
  while (start < enc.size()) {
    auto end = enc.find("\r\n", start);
    if (end == std::string::npos) end = enc.size();
    std::string_view line(enc.data() + start, end - start);
    EXPECT_LE(line.size(), 76u);
    total += line.size() - (line.ends_with("=") ? 1 : 0);
    start = end + 2;
  }
  EXPECT_EQ(total, 200u);
}

TEST(MimeMessage, NormalizesLineEndings) {
  EXPECT_EQ(normalize_crlf("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd");
}

TEST(MimeMessage, FormatsDates) {
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(1764081360), "Tue, 25 Nov 2025 14:36:00 +0000");
}

TEST(MimeMessage, ComposesAsciiMessage) {
  Message m{"user@example.com", "Verify your e-mail", "Hello,\nclick https://x.test/v?t=abc\n"};
  std::string msg = compose_message(m, "PRISM <noreply@prism.test>", 0, "<id1@prism.test>");
  EXPECT_EQ(header_of(msg, "Date"), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(header_of(msg, "Message-ID"), "<id1@prism.test>");
  EXPECT_EQ(header_of(msg, "From"), "PRISM <noreply@prism.test>");
  EXPECT_EQ(header_of(msg, "To"), "user@example.com");
  EXPECT_EQ(header_of(msg, "Subject"), "Verify your e-mail");
  EXPECT_EQ(header_of(msg, "MIME-Version"), "1.0");
  EXPECT_EQ(header_of(msg, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(header_of(msg, "Content-Transfer-Encoding"), "7bit");
  auto sep = msg.find("\r\n\r\n");
  ASSERT_NE(sep, std::string::npos);
  EXPECT_EQ(msg.substr(sep + 4), "Hello,\r\nclick https://x.test/v?t=abc\r\n");
  EXPECT_EQ(msg.find('\n', 0), msg.find("\r\n") + 1);  // no bare LF anywhere
}

TEST(MimeMessage, ComposesUtf8MessageAsQuotedPrintable) {
  Message m{"user@example.com", "Grüße", "Grüße\n"};
  std::string msg = compose_message(m, "noreply@prism.test", 0, "<id2@prism.test>");
  EXPECT_EQ(header_of(msg, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(decode_b_word(header_of(msg, "Subject")), "Grüße");
  EXPECT_EQ(msg.substr(msg.find("\r\n\r\n") + 4), "Gr=C3=BC=C3=9Fe\r\n");
}

TEST(MimeMessage, MessageIdsAreUniqueAndUseTheSenderDomain) {
  auto a = new_message_id("PRISM <noreply@prism.test>");
  auto b = new_message_id("noreply@prism.test");
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.starts_with("<") && a.ends_with("@prism.test>")) << a;
}

}  // namespace
}  // namespace prism::mail
