#include "support/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace prism::testing {

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<unsigned short>(port));
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

RawConnection::~RawConnection() { close(); }

void RawConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  eof_ = true;
}

void RawConnection::send(std::string_view bytes) {
  if (fd_ < 0) throw std::runtime_error("send on a closed raw test connection");
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed on a raw test connection");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

bool RawConnection::fill(std::chrono::steady_clock::time_point deadline) {
  if (eof_ || fd_ < 0) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[8192];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buf_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<RawResponse> RawConnection::read_response(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t head_end;
  while ((head_end = buf_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  RawResponse r;
  r.head = buf_.substr(0, head_end + 2);
  if (r.head.size() < 12 || !r.head.starts_with("HTTP/1.")) return std::nullopt;
  r.status = std::stoi(r.head.substr(9, 3));
  std::optional<std::size_t> length;
  std::size_t pos = r.head.find("\r\n") + 2;
  while (pos < r.head.size()) {
    auto eol = r.head.find("\r\n", pos);
    std::string line = r.head.substr(pos, eol - pos);
    if (strncasecmp(line.c_str(), "content-length:", 15) == 0) {
      length = std::stoul(line.substr(15));
    }
    pos = eol + 2;
  }
  std::size_t body_start = head_end + 4;
  if (length) {
    while (buf_.size() < body_start + *length) {
      if (!fill(deadline)) return std::nullopt;
    }
    r.body = buf_.substr(body_start, *length);
    buf_.erase(0, body_start + *length);
  } else {
    while (fill(deadline)) {
    }
    r.body = buf_.substr(body_start);
    buf_.clear();
  }
  return r;
}

bool RawConnection::closed_by_peer(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fill(deadline)) {
  }
  return eof_;
}

std::optional<std::string> RawConnection::read_until(
    std::string_view delimiter, std::chrono::steady_clock::time_point deadline) {
  std::size_t at;
  while ((at = buf_.find(delimiter)) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  std::string out = buf_.substr(0, at + delimiter.size());
  buf_.erase(0, at + delimiter.size());
  return out;
}

std::optional<std::string> RawConnection::read_exact(
    std::size_t n, std::chrono::steady_clock::time_point deadline) {
  while (buf_.size() < n) {
    if (!fill(deadline)) return std::nullopt;
  }
  std::string out = buf_.substr(0, n);
  buf_.erase(0, n);
  return out;
}

}  // namespace prism::testing
