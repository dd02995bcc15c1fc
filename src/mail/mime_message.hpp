#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mail/mailer.hpp"

namespace prism::mail {

// Throws std::invalid_argument when a value that goes into a header carries
// CR, LF or NUL: such a value could inject extra headers or recipients.
void check_header_value(std::string_view field, std::string_view value);

// A mailbox split into its parts: "PRISM <noreply@example.com>" or a bare address.
struct Mailbox {
  std::string display_name;  // may be empty
  std::string address;
};

// Parses and validates a mailbox; throws std::invalid_argument when the
// address is not a plausible single addr-spec (one '@', no spaces, no list).
Mailbox parse_mailbox(std::string_view text);

// RFC 2047: returns ASCII text unchanged when it fits on a header line,
// otherwise one or more folded =?UTF-8?B?...?= encoded words, split only at
// UTF-8 character boundaries.
std::string encode_header_text(std::string_view text);

// RFC 2045 quoted-printable of text whose line breaks are already CRLF.
std::string encode_quoted_printable(std::string_view text);

// Converts lone LF and lone CR to CRLF, as SMTP requires.
std::string normalize_crlf(std::string_view text);

// RFC 5322 date-time in UTC, e.g. "Tue, 25 Nov 2025 14:36:00 +0000".
std::string rfc5322_date(std::int64_t unix_seconds);

// The complete RFC 5322 message (headers and body, CRLF line breaks) for
// `message` sent by `from`. Dot-stuffing is left to the SMTP transport.
std::string compose_message(const Message& message, std::string_view from,
                            std::int64_t unix_seconds, std::string_view message_id);

// A fresh globally unique Message-ID ("<random@domain>") for a sender address.
std::string new_message_id(std::string_view from_address);

}  // namespace prism::mail
