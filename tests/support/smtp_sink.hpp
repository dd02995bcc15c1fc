#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/loopback_listener.hpp"

namespace prism::testing {

// One message as the sink received it.
struct SmtpMessage {
  std::string helo;
  std::string from;             // envelope sender, without angle brackets
  std::vector<std::string> to;  // envelope recipients, without angle brackets
  std::string auth_user;        // empty when the client did not authenticate
  std::string auth_password;
  std::string data;  // the raw message after dot-unstuffing, CRLF line breaks

  // The first header with this name (case-insensitive), unfolded, as sent.
  std::string header(std::string_view name) const;
  // The header with RFC 2047 encoded words (B and Q, UTF-8) decoded.
  std::string decoded_header(std::string_view name) const;
  // The body with quoted-printable decoded when the message says so.
  std::string body() const;
};

// A real SMTP server on 127.0.0.1 and a random port, for tests: it speaks
// EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP and QUIT, and
// keeps what it receives. Each connection runs on its own thread.
class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return listener_.port(); }
  std::string url() const;  // smtp://127.0.0.1:<port>

  std::vector<SmtpMessage> messages() const;
  void clear();
  // Waits until a received message satisfies `pred`; nullopt on timeout.
  std::optional<SmtpMessage> wait_for_message(
      const std::function<bool(const SmtpMessage&)>& pred,
      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // The next `n` messages are refused with 554 after DATA and not stored.
  void reject_next(int n);
  // When set, MAIL requires a prior AUTH with exactly these credentials.
  void require_credentials(std::string user, std::string password);
  // When on, new connections are accepted but never greeted (a hung server).
  void set_stall(bool on);

 private:
  void serve(int fd);

  std::atomic<bool> stop_{false};
  std::atomic<int> reject_remaining_{0};
  std::atomic<bool> stall_{false};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<SmtpMessage> messages_;
  std::optional<std::pair<std::string, std::string>> credentials_;
  LoopbackListener listener_;  // last: its threads use everything above
};

}  // namespace prism::testing
