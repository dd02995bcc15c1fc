// The transport connects where a pin says, whatever DNS would answer, and
// never follows a redirect: a local HTTP server stands in for the provider.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "ai/http/http_fetch.hpp"
#include "ai/http/streaming_transport.hpp"
#include "ai/http/url_guard.hpp"
#include "support/loopback_listener.hpp"

namespace prism::ai::http {
namespace {

using Kind = ProviderError::Kind;

// Answers every request with one canned response and records what arrived.
class CannedHttpServer {
 public:
  explicit CannedHttpServer(std::string response)
      : response_(std::move(response)), listener_("canned http", [this](int fd) { serve(fd); }) {}

  int port() const { return listener_.port(); }
  std::string origin(const std::string& host) const {
    return "http://" + host + ":" + std::to_string(port());
  }
  std::string pin(const std::string& host) const {
    return host + ":" + std::to_string(port()) + ":127.0.0.1";
  }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void serve(int fd) {
    std::string in;
    char buf[4096];
    while (in.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
    }
    {
      std::lock_guard lock(mu_);
      requests_.push_back(in.substr(0, in.find("\r\n\r\n")));
    }
    std::string out = response_;
    for (std::size_t sent = 0; sent < out.size();) {
      ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    while (::recv(fd, buf, sizeof buf, 0) > 0) {
    }
    ::close(fd);
  }

  std::string response_;
  mutable std::mutex mu_;
  std::vector<std::string> requests_;
  prism::testing::LoopbackListener listener_;  // last: stops before the rest goes
};

std::string answer(const std::string& status_line, const std::string& body,
                   const std::string& extra_headers = "") {
  return "HTTP/1.1 " + status_line +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n" + extra_headers + "Connection: close\r\n\r\n" + body;
}

TransportOptions quick() {
  TransportOptions o;
  o.connect_timeout_seconds = 5;
  o.idle_timeout_seconds = 5;
  o.max_retries = 0;
  return o;
}

TEST(PinnedTransport, FetchConnectsToThePinnedAddress) {
  CannedHttpServer server(answer("200 OK", R"({"data":[{"id":"m1"}]})"));
  GetRequest get;
  get.url = server.origin("pinned.invalid") + "/v1/models";
  get.pin = server.pin("pinned.invalid");
  HttpResult r = fetch(get, quick());
  ASSERT_TRUE(r.ok()) << r.failure;
  EXPECT_EQ(r.body, R"({"data":[{"id":"m1"}]})");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].find("GET /v1/models HTTP/1.1"), std::string::npos);
  EXPECT_NE(server.requests()[0].find("Host: pinned.invalid:" + std::to_string(server.port())),
            std::string::npos);
}

TEST(PinnedTransport, ACheckedBaseUrlConnectsToTheAddressThatWasChecked) {
  CannedHttpServer server(answer("200 OK", R"({"data":[]})"));
  BaseUrlPolicy policy;
  policy.allow_private = true;
  // The lookup answers 127.0.0.1 once; the system's DNS knows no such name.
  Resolver once = [](const std::string&) {
    return std::vector{boost::asio::ip::make_address("127.0.0.1")};
  };
  CheckedBaseUrl base = check_base_url(server.origin("Pinned.invalid") + "/v1/", policy, once);
  GetRequest get;
  use_base_url(get, base, "/models");
  HttpResult r = fetch(get, quick());
  ASSERT_TRUE(r.ok()) << r.failure;
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].find("GET /v1/models HTTP/1.1"), std::string::npos);
}

TEST(PinnedTransport, WithoutThePinTheNameDoesNotResolve) {
  CannedHttpServer server(answer("200 OK", "{}"));
  GetRequest get;
  get.url = server.origin("pinned.invalid") + "/v1/models";
  HttpResult r = fetch(get, quick());
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.failure.empty());
  EXPECT_TRUE(server.requests().empty());
  EXPECT_THROW(body_or_throw(r, "openai", "OpenAI", ""), ProviderError);
}

TEST(PinnedTransport, StreamingPostConnectsToThePinnedAddress) {
  CannedHttpServer server(answer("200 OK", "data: hello\n\n"));
  PostRequest post;
  post.url = server.origin("pinned.invalid") + "/v1/chat/completions";
  post.pin = server.pin("pinned.invalid");
  post.body = "{}";
  std::string received;
  StreamHandlers handlers;
  handlers.on_body = [&](std::string_view bytes) { received += bytes; };
  StreamingTransport("openai", "OpenAI", quick()).post(post, handlers, CancelToken());
  EXPECT_EQ(received, "data: hello\n\n");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].find("POST /v1/chat/completions"), std::string::npos);
}

TEST(PinnedTransport, FetchReportsARedirectWithoutFollowingIt) {
  CannedHttpServer target(answer("200 OK", "{}"));
  CannedHttpServer server(
      answer("302 Found", "", "Location: " + target.origin("127.0.0.1") + "/latest/meta-data\r\n"));
  GetRequest get;
  get.url = server.origin("pinned.invalid") + "/v1/models";
  get.pin = server.pin("pinned.invalid");
  HttpResult r = fetch(get, quick());
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.location, target.origin("127.0.0.1") + "/latest/meta-data");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(target.requests().empty());
  try {
    body_or_throw(r, "openai", "OpenAI", "");
    FAIL() << "a redirect is an error";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), Kind::kBadRequest);
    EXPECT_NE(std::string(e.what()).find("redirect to " + target.origin("127.0.0.1")),
              std::string::npos)
        << e.what();
  }
}

TEST(PinnedTransport, StreamingPostReportsARedirectWithoutFollowingIt) {
  CannedHttpServer target(answer("200 OK", "data: secret\n\n"));
  CannedHttpServer server(
      answer("307 Temporary Redirect", "", "Location: " + target.origin("127.0.0.1") + "/\r\n"));
  PostRequest post;
  post.url = server.origin("127.0.0.1") + "/v1/chat/completions";
  post.body = "{}";
  StreamHandlers handlers;
  handlers.on_body = [](std::string_view) {};
  try {
    StreamingTransport("openai", "OpenAI", quick()).post(post, handlers, CancelToken());
    FAIL() << "a redirect is an error";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), Kind::kBadRequest);
    EXPECT_NE(std::string(e.what()).find("redirect to " + target.origin("127.0.0.1")),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(target.requests().empty());
}

TEST(PinnedTransport, HttpsOnlyRefusesPlainHttpBeforeConnecting) {
  CannedHttpServer server(answer("200 OK", "{}"));
  GetRequest get;
  get.url = server.origin("127.0.0.1") + "/v1/models";
  get.https_only = true;
  HttpResult r = fetch(get, quick());
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.failure.find("protocol"), std::string::npos) << r.failure;
  EXPECT_TRUE(server.requests().empty());
}

TEST(PinnedTransport, FetchRefusesAnAnswerPastTheLimit) {
  CannedHttpServer server(answer("200 OK", std::string(5000, 'x')));
  GetRequest get;
  get.url = server.origin("127.0.0.1") + "/v1/models";
  get.max_body = 1024;
  HttpResult r = fetch(get, quick());
  EXPECT_TRUE(r.too_large);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.failure, "the answer is larger than 1 KiB");
  EXPECT_THROW(body_or_throw(r, "openai", "OpenAI", ""), ProviderError);
}

TEST(PinnedTransport, FetchMapsARejectedKeyLikeStreamingCalls) {
  CannedHttpServer server(
      answer("401 Unauthorized", R"({"error":{"message":"bad key sk-12345"}})"));
  GetRequest get;
  get.url = server.origin("127.0.0.1") + "/v1/models";
  HttpResult r = fetch(get, quick());
  EXPECT_EQ(r.status, 401);
  try {
    body_or_throw(r, "openai", "OpenAI", "sk-12345");
    FAIL() << "401 is an error";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), Kind::kAuthentication);
    EXPECT_EQ(std::string(e.what()).find("sk-12345"), std::string::npos);
  }
}

}  // namespace
}  // namespace prism::ai::http
