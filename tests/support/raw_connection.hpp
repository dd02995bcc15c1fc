#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace prism::testing {

// A parsed HTTP/1.1 response read off a raw socket.
struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// A plain TCP connection to 127.0.0.1 for tests that need control over the
// bytes on the wire: malformed requests, requests in flight during shutdown.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(std::string_view bytes);
  // Reads one response (Content-Length or until close); nullopt when the
  // server closed without answering or the timeout passed.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Whether the server closed the connection (reads EOF) within the timeout.
  bool closed_by_peer(std::chrono::milliseconds timeout);
  // The bytes up to and including `delimiter`, consumed; nullopt when the
  // connection closed or the deadline passed first (the bytes stay buffered).
  std::optional<std::string> read_until(std::string_view delimiter,
                                        std::chrono::steady_clock::time_point deadline);
  // Exactly `n` bytes, consumed; nullopt as for read_until.
  std::optional<std::string> read_exact(std::size_t n,
                                        std::chrono::steady_clock::time_point deadline);
  // Closes the socket now (a client going away mid-response).
  void close();

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buf_;
  bool eof_ = false;
};

}  // namespace prism::testing
