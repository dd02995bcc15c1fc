#include "support/smtp_sink.hpp"

#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace prism::testing {
namespace {

constexpr int kPollMs = 50;

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string b64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(len);
  return out;
}

// The address between angle brackets in "MAIL FROM:<a@b> SIZE=12".
std::string bracketed(std::string_view arg) {
  auto lt = arg.find('<');
  auto gt = arg.find('>', lt == std::string_view::npos ? 0 : lt);
  if (lt == std::string_view::npos || gt == std::string_view::npos) return {};
  return std::string(arg.substr(lt + 1, gt - lt - 1));
}

// Line-oriented I/O on one client socket that gives up when the sink stops.
class Conn {
 public:
  Conn(int fd, const std::atomic<bool>& stop) : fd_(fd), stop_(stop) {}
  ~Conn() { ::close(fd_); }

  void send(std::string_view line) {
    std::string out = std::string(line) + "\r\n";
    std::size_t off = 0;
    while (off < out.size()) {
      ssize_t n = ::send(fd_, out.data() + off, out.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += static_cast<std::size_t>(n);
    }
  }

  // The next line without its CRLF; nullopt when the peer closed or we stop.
  std::optional<std::string> read_line() {
    for (;;) {
      auto eol = buf_.find("\r\n");
      if (eol != std::string::npos) {
        std::string line = buf_.substr(0, eol);
        buf_.erase(0, eol + 2);
        return line;
      }
      if (!wait_readable()) return std::nullopt;
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  bool wait_readable() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      int r = ::poll(&p, 1, kPollMs);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
    return false;
  }

 private:
  int fd_;
  const std::atomic<bool>& stop_;
  std::string buf_;
};

// AUTH PLAIN or LOGIN (RFC 4954), with or without an initial response:
// returns {user, password}, or nullopt for another mechanism.
std::optional<std::pair<std::string, std::string>> read_sasl_credentials(Conn& conn,
                                                                         const std::string& arg) {
  auto space = arg.find(' ');
  std::string mech = upper(arg.substr(0, space));
  std::string initial = space == std::string::npos ? "" : arg.substr(space + 1);
  if (mech == "PLAIN") {
    if (initial.empty()) {
      conn.send("334 ");
      initial = conn.read_line().value_or("");
    }
    std::string raw = b64_decode(initial);  // authzid \0 authcid \0 password
    auto a = raw.find('\0');
    auto b = a == std::string::npos ? a : raw.find('\0', a + 1);
    if (b == std::string::npos) return std::pair<std::string, std::string>{};
    return std::pair{raw.substr(a + 1, b - a - 1), raw.substr(b + 1)};
  }
  if (mech == "LOGIN") {
    if (initial.empty()) {
      conn.send("334 VXNlcm5hbWU6");  // "Username:"
      initial = conn.read_line().value_or("");
    }
    std::string user = b64_decode(initial);
    conn.send("334 UGFzc3dvcmQ6");  // "Password:"
    return std::pair{user, b64_decode(conn.read_line().value_or(""))};
  }
  return std::nullopt;
}

}  // namespace

SmtpSink::SmtpSink() : listener_("smtp sink", [this](int fd) { serve(fd); }) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  listener_.stop();
}

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(listener_.port()); }

std::vector<SmtpMessage> SmtpSink::messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

void SmtpSink::clear() {
  std::lock_guard lock(mu_);
  messages_.clear();
}

std::optional<SmtpMessage> SmtpSink::wait_for_message(
    const std::function<bool(const SmtpMessage&)>& pred, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  std::optional<SmtpMessage> found;
  cv_.wait_for(lock, timeout, [&] {
    for (const auto& m : messages_) {
      if (pred(m)) {
        found = m;
        return true;
      }
    }
    return false;
  });
  return found;
}

void SmtpSink::reject_next(int n) { reject_remaining_ = n; }

void SmtpSink::require_credentials(std::string user, std::string password) {
  std::lock_guard lock(mu_);
  credentials_ = {std::move(user), std::move(password)};
}

void SmtpSink::set_stall(bool on) { stall_ = on; }

void SmtpSink::serve(int fd) {
  Conn conn(fd, stop_);
  if (stall_) {
    while (conn.read_line()) {
    }
    return;
  }
  conn.send("220 sink.test ESMTP prism test sink");
  SmtpMessage cur;
  bool authed = false;
  auto reset = [&] {
    std::string helo = cur.helo, user = cur.auth_user, pass = cur.auth_password;
    cur = SmtpMessage{};
    cur.helo = helo;
    cur.auth_user = user;
    cur.auth_password = pass;
  };
  auto check_auth = [&](const std::string& user, const std::string& pass) {
    std::lock_guard lock(mu_);
    bool ok = !credentials_ || (credentials_->first == user && credentials_->second == pass);
    if (ok) {
      cur.auth_user = user;
      cur.auth_password = pass;
      authed = true;
    }
    return ok;
  };
  while (auto line = conn.read_line()) {
    std::string verb = upper(line->substr(0, line->find(' ')));
    std::string arg = line->size() > verb.size() ? line->substr(verb.size() + 1) : "";
    if (verb == "EHLO") {
      cur.helo = arg;
      conn.send("250-sink.test");
      conn.send("250-8BITMIME");
      conn.send("250-AUTH PLAIN LOGIN");
      conn.send("250 SIZE 10485760");
    } else if (verb == "HELO") {
      cur.helo = arg;
      conn.send("250 sink.test");
    } else if (verb == "AUTH") {
      auto credentials = read_sasl_credentials(conn, arg);
      if (!credentials) {
        conn.send("504 5.5.4 mechanism not supported");
        continue;
      }
      conn.send(check_auth(credentials->first, credentials->second)
                    ? "235 2.7.0 authenticated"
                    : "535 5.7.8 authentication failed");
    } else if (verb == "MAIL") {
      bool need_auth;
      {
        std::lock_guard lock(mu_);
        need_auth = credentials_.has_value() && !authed;
      }
      if (need_auth) {
        conn.send("530 5.7.0 authentication required");
        continue;
      }
      reset();
      cur.from = bracketed(arg);
      conn.send("250 2.1.0 ok");
    } else if (verb == "RCPT") {
      cur.to.push_back(bracketed(arg));
      conn.send("250 2.1.5 ok");
    } else if (verb == "DATA") {
      if (cur.to.empty()) {
        conn.send("554 5.5.1 no valid recipients");
        continue;
      }
      conn.send("354 end data with <CR><LF>.<CR><LF>");
      std::string data;
      bool complete = false;
      while (auto l = conn.read_line()) {
        if (*l == ".") {
          complete = true;
          break;
        }
        // Dot-unstuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
        data += (l->starts_with(".") ? l->substr(1) : *l) + "\r\n";
      }
      if (!complete) return;
      int left = reject_remaining_.load();
      if (left > 0 && reject_remaining_.compare_exchange_strong(left, left - 1)) {
        conn.send("554 5.7.1 message rejected by the test sink");
      } else {
        cur.data = std::move(data);
        {
          std::lock_guard lock(mu_);
          messages_.push_back(cur);
        }
        cv_.notify_all();
        conn.send("250 2.0.0 queued");
      }
      reset();
    } else if (verb == "RSET") {
      reset();
      conn.send("250 2.0.0 ok");
    } else if (verb == "NOOP") {
      conn.send("250 2.0.0 ok");
    } else if (verb == "QUIT") {
      conn.send("221 2.0.0 bye");
      return;
    } else {
      conn.send("502 5.5.2 command not recognized");
    }
  }
}

}  // namespace prism::testing
