// Request smuggling through the framing headers (RFC 9112 §6.1, §6.3): a
// request whose body length cannot be determined reliably is answered 400 (501
// for a transfer coding PRISM does not implement) and the connection closed,
// so the bytes that follow it never run as a request of their own.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

using testing::RawConnection;
using testing::ServerProcess;

// A complete request of its own: if it ever runs, a second answer arrives.
constexpr const char* kSmuggled = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

class RequestFramingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static std::unique_ptr<ServerProcess> server_;

  struct Outcome {
    std::vector<int> statuses;  // every answer that arrived, in order
    bool closed = false;        // the server closed the connection afterwards
  };

  // Sends the head of a request whose body is the smuggled request, on one
  // connection, and collects what comes back until the server closes it.
  static Outcome exchange(const std::string& head) {
    RawConnection conn(server_->port());
    conn.send(head + "\r\n" + kSmuggled);
    Outcome out;
    while (auto r = conn.read_response(std::chrono::seconds(3))) out.statuses.push_back(r->status);
    out.closed = conn.closed_by_peer(std::chrono::seconds(3));
    return out;
  }

  static std::string post_with(const std::string& framing_headers, const char* version = "1.1") {
    return std::string("POST /api/v1/auth/login HTTP/") + version +
           "\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing_headers;
  }
};
std::unique_ptr<ServerProcess> RequestFramingTest::server_;

struct Case {
  const char* name;
  const char* headers;
  int status;
};

TEST_F(RequestFramingTest, ARequestWhoseBodyLengthIsUncertainIsRefusedAndTheRestNeverRuns) {
  const std::vector<Case> cases = {
      {"unknown coding", "Transfer-Encoding: xchunked\r\n", 400},
      {"gzip alone", "Transfer-Encoding: gzip\r\n", 400},
      {"identity", "Transfer-Encoding: identity\r\n", 400},
      {"chunked not last", "Transfer-Encoding: chunked, identity\r\n", 400},
      {"chunked twice", "Transfer-Encoding: chunked, chunked\r\n", 400},
      {"chunked twice on two lines", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
       400},
      {"chunked then another line", "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n",
       400},
      {"empty coding", "Transfer-Encoding: \r\n", 400},
      {"gzip with a length", "Transfer-Encoding: gzip\r\nContent-Length: 0\r\n", 400},
      {"length with gzip", "Content-Length: 0\r\nTransfer-Encoding: gzip\r\n", 400},
      {"chunked with a length", "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n", 400},
      {"length with chunked", "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n", 400},
      {"differing lengths", "Content-Length: 0\r\nContent-Length: 41\r\n", 400},
      {"differing lengths in one line", "Content-Length: 0, 41\r\n", 400},
      // The framing is sound, but PRISM decodes no coding besides chunked.
      {"gzip then chunked", "Transfer-Encoding: gzip, chunked\r\n", 501},
      {"unknown then chunked", "Transfer-Encoding: xchunked, chunked\r\n", 501},
      {"gzip line, chunked line", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", 501},
  };
  for (const Case& c : cases) {
    Outcome out = exchange(post_with(c.headers));
    EXPECT_EQ(out.statuses, std::vector<int>{c.status}) << c.name;
    EXPECT_TRUE(out.closed) << c.name;
  }
}

TEST_F(RequestFramingTest, TransferEncodingInAnHttp10RequestIsRefused) {
  Outcome out = exchange(post_with("Transfer-Encoding: chunked\r\n", "1.0"));
  EXPECT_EQ(out.statuses, std::vector<int>{400});
  EXPECT_TRUE(out.closed);
}

// The valid forms keep working, and keep the connection for the next request.
TEST_F(RequestFramingTest, ChunkedAndContentLengthBodiesStillWork) {
  const std::string body = R"({"email":"nobody@example.com","password":"wrong password 123"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  for (const std::string& request :
       {post_with("Transfer-Encoding: chunked\r\n") + "\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n",
        post_with("Transfer-Encoding: CHUNKED\r\n") + "\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n",
        post_with("Content-Length: " + std::to_string(body.size()) + "\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n") +
            "\r\n" + body}) {
    RawConnection conn(server_->port());
    conn.send(request + kSmuggled);
    auto first = conn.read_response(std::chrono::seconds(10));
    ASSERT_TRUE(first.has_value()) << request;
    EXPECT_EQ(first->status, 401) << request << "\n" << first->body;
    auto second = conn.read_response(std::chrono::seconds(10));
    ASSERT_TRUE(second.has_value()) << request;
    EXPECT_EQ(second->status, 200) << request;
  }
}

}  // namespace
}  // namespace prism
