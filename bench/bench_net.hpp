#pragma once

// Small blocking-socket helpers for the benchmark programs in bench/: a
// one-shot HTTP/1.1 client, a reader of chunked Server-Sent Events, and a
// listening socket on 127.0.0.1. Header-only: every bench/*.cpp is its own
// executable.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bench {

inline int listen_local(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<unsigned short>(port));
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 4096) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port = ntohs(addr.sin_port);
  return fd;
}

// A TCP port on 127.0.0.1 that was free a moment ago.
inline int free_port() {
  int port = 0;
  int fd = listen_local(port);
  ::close(fd);
  return port;
}

inline int connect_local(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<unsigned short>(port));
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

inline bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Buffered reads off a socket with a deadline.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}
  // Appends what arrives next; false on close, error or timeout.
  bool fill(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  std::optional<std::string> until(std::string_view delimiter, int timeout_ms) {
    std::size_t at;
    while ((at = buf_.find(delimiter)) == std::string::npos) {
      if (!fill(timeout_ms)) return std::nullopt;
    }
    std::string out = buf_.substr(0, at + delimiter.size());
    buf_.erase(0, at + delimiter.size());
    return out;
  }
  std::optional<std::string> exact(std::size_t n, int timeout_ms) {
    while (buf_.size() < n) {
      if (!fill(timeout_ms)) return std::nullopt;
    }
    std::string out = buf_.substr(0, n);
    buf_.erase(0, n);
    return out;
  }

 private:
  int fd_;
  std::string buf_;
};

inline std::string header_value(const std::string& head, const std::string& name) {
  std::size_t pos = 0;
  while ((pos = head.find("\r\n", pos)) != std::string::npos) {
    pos += 2;
    if (strncasecmp(head.c_str() + pos, name.c_str(), name.size()) == 0 &&
        head.compare(pos + name.size(), 1, ":") == 0) {
      std::size_t start = head.find_first_not_of(' ', pos + name.size() + 1);
      return head.substr(start, head.find("\r\n", start) - start);
    }
  }
  return "";
}

struct HttpAnswer {
  int status = 0;
  std::string body;
};

inline std::string request_text(const std::string& method, const std::string& path,
                                const std::string& body, const std::string& bearer,
                                const std::string& extra_headers = "") {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!bearer.empty()) r += "Authorization: Bearer " + bearer + "\r\n";
  if (!body.empty()) {
    r +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return r + extra_headers + "\r\n" + body;
}

// One request on its own connection; status 0 when it failed.
inline HttpAnswer http(int port, const std::string& method, const std::string& path,
                       const std::string& body = "", const std::string& bearer = "") {
  HttpAnswer answer;
  int fd = connect_local(port);
  if (fd < 0) return answer;
  Reader reader(fd);
  if (send_all(fd, request_text(method, path, body, bearer, "Connection: close\r\n"))) {
    if (auto head = reader.until("\r\n\r\n", 30000); head && head->size() > 12) {
      answer.status = std::stoi(head->substr(9, 3));
      std::string length = header_value(*head, "content-length");
      if (!length.empty()) answer.body = reader.exact(std::stoul(length), 30000).value_or("");
    }
  }
  ::close(fd);
  return answer;
}

// The body of a chunked text/event-stream, one SSE message at a time.
class SseReader {
 public:
  explicit SseReader(int fd) : reader_(fd) {}
  // The status of the answer; the head is consumed.
  int open(int timeout_ms) {
    auto head = reader_.until("\r\n\r\n", timeout_ms);
    return head && head->size() > 12 ? std::stoi(head->substr(9, 3)) : 0;
  }
  // The next message ("id: …\nevent: …\ndata: …"); nullopt at the end.
  std::optional<std::string> next(int timeout_ms) {
    std::size_t at;
    while ((at = text_.find("\n\n")) == std::string::npos) {
      auto size_line = reader_.until("\r\n", timeout_ms);
      if (!size_line) return std::nullopt;
      std::size_t size = std::stoul(*size_line, nullptr, 16);
      if (size == 0) return std::nullopt;
      auto data = reader_.exact(size + 2, timeout_ms);
      if (!data) return std::nullopt;
      text_.append(*data, 0, size);
    }
    std::string message = text_.substr(0, at);
    text_.erase(0, at + 2);
    return message;
  }

 private:
  Reader reader_;
  std::string text_;
};

// The value of one field ("event", "data", "id") of an SSE message.
inline std::string sse_field(const std::string& message, const std::string& field) {
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t eol = message.find('\n', pos);
    if (eol == std::string::npos) eol = message.size();
    if (message.compare(pos, field.size() + 2, field + ": ") == 0) {
      return message.substr(pos + field.size() + 2, eol - pos - field.size() - 2);
    }
    pos = eol + 1;
  }
  return "";
}

}  // namespace bench
