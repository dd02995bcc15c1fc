// Operations surface of the real binary: health, readiness, metrics, request
// ids, security headers, protocol errors and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <memory>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::RawConnection;
using testing::ServerProcess;

class HealthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }
  HttpClient client_{server_->base_url()};
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> HealthTest::server_;

void expect_problem(const testing::HttpResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_TRUE(r.header("content-type").starts_with("application/problem+json"))
      << r.header("content-type");
  auto v = r.json();
  ASSERT_TRUE(v.is_object()) << r.body;
  const auto& o = v.as_object();
  EXPECT_EQ(o.contains("status") ? o.at("status").to_number<long>() : 0, status) << r.body;
  EXPECT_TRUE(o.contains("title")) << r.body;
  ASSERT_TRUE(o.contains("code")) << r.body;
  EXPECT_EQ(o.at("code").as_string(), code) << r.body;
}

// The state of one dependency in a /ready body, whether reported as a string
// ("ok") or an object ({"status":"ok"}).
std::string dependency_state(const json::value& ready, const char* name) {
  for (const char* group : {"dependencies", "checks"}) {
    const auto* g = ready.as_object().if_contains(group);
    if (!g || !g->is_object() || !g->as_object().contains(name)) continue;
    const auto& d = g->as_object().at(name);
    if (d.is_string()) return std::string(d.as_string());
    if (d.is_object() && d.as_object().contains("status")) {
      return std::string(d.as_object().at("status").as_string());
    }
  }
  return "<missing>";
}

TEST_F(HealthTest, HealthAnswersWithoutDependencies) {
  for (const char* path : {"/health", "/api/health"}) {
    auto r = client_.get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_TRUE(r.header("content-type").starts_with("application/json"));
    auto o = r.json().as_object();
    EXPECT_EQ(o.at("status").as_string(), "ok") << path;
    ASSERT_TRUE(o.contains("version")) << r.body;
    EXPECT_FALSE(o.at("version").as_string().empty());
  }
}

TEST_F(HealthTest, ReadyReportsEachDependency) {
  auto r = client_.get("/ready");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = r.json();
  EXPECT_EQ(dependency_state(v, "database"), "ok") << r.body;
  EXPECT_EQ(dependency_state(v, "cache"), "ok") << r.body;
}

TEST_F(HealthTest, MetricsArePrometheusText) {
  ASSERT_EQ(client_.get("/health").status, 200);
  auto r = client_.get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.header("content-type").starts_with("text/plain")) << r.header("content-type");
  EXPECT_NE(r.body.find("# TYPE prism_http_requests_total counter"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("prism_http_requests_total{"), std::string::npos) << r.body;
}

TEST_F(HealthTest, RequestIdIsEchoedOrGenerated) {
  auto r = client_.get("/health", {{"X-Request-ID", "it-req-0123456789"}});
  EXPECT_EQ(r.header("x-request-id"), "it-req-0123456789");
  auto a = client_.get("/health");
  auto b = client_.get("/api/v1/no-such-route");
  EXPECT_FALSE(a.header("x-request-id").empty());
  EXPECT_FALSE(b.header("x-request-id").empty());
  EXPECT_NE(a.header("x-request-id"), b.header("x-request-id"));
}

TEST_F(HealthTest, SecurityHeadersOnEveryResponse) {
  for (const char* path : {"/health", "/api/v1/no-such-route", "/metrics"}) {
    auto r = client_.get(path);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos)
        << path << ": " << r.header("content-security-policy");
    EXPECT_FALSE(r.header("referrer-policy").empty()) << path;
  }
}

TEST_F(HealthTest, UnknownRouteIsProblemJson404) {
  expect_problem(client_.get("/api/v1/no-such-route"), 404, "not_found");
  expect_problem(client_.get("/definitely/not/here"), 404, "not_found");
}

TEST_F(HealthTest, WrongMethodIs405WithAllow) {
  auto r = client_.del("/health");
  expect_problem(r, 405, "method_not_allowed");
  EXPECT_NE(r.header("allow").find("GET"), std::string::npos) << r.header("allow");
}

TEST_F(HealthTest, BodyOverOneMebibyteIs413) {
  std::string body = "{\"email\":\"" + std::string(1024 * 1024 + 16, 'a') + "\"}";
  auto r = client_.raw("POST", "/api/v1/auth/login", body, "application/json");
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 300);
  // The server stays healthy afterwards.
  HttpClient fresh(server_->base_url());
  EXPECT_EQ(fresh.get("/health").status, 200);
}

TEST_F(HealthTest, MalformedRequestLineIsRejectedAndServerSurvives) {
  RawConnection conn(server_->port());
  conn.send("THIS IS NOT HTTP\r\n\r\n");
  auto r = conn.read_response(std::chrono::seconds(5));
  if (r) {
    EXPECT_EQ(r->status, 400) << r->head;
  }
  EXPECT_TRUE(conn.closed_by_peer(std::chrono::seconds(5)));
  EXPECT_EQ(client_.get("/health").status, 200);
}

// Boost.URL 1.81 crashed on an empty query followed by a fragment (found by
// the request fuzzer): such a target is a 400 and the server lives on.
TEST_F(HealthTest, AFragmentInTheRequestTargetIs400AndServerSurvives) {
  for (const char* target : {"/health?#x", "/api/v1/auth/me?a=1#x", "/health?a=%zz"}) {
    RawConnection conn(server_->port());
    conn.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    auto r = conn.read_response(std::chrono::seconds(5));
    ASSERT_TRUE(r.has_value()) << target;
    EXPECT_EQ(r->status, 400) << target << "\n" << r->head;
  }
  EXPECT_EQ(client_.get("/health").status, 200);
}

TEST_F(HealthTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RawConnection conn(server_->port());
  for (int i = 0; i < 3; ++i) {
    conn.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    auto r = conn.read_response(std::chrono::seconds(5));
    ASSERT_TRUE(r) << "request " << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST(GracefulShutdown, IdleServerExitsZeroOnSigterm) {
  ServerProcess server;
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server.stop(std::chrono::seconds(12)), 0) << server.log_tail();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(GracefulShutdown, InFlightRequestsCompleteBeforeExit) {
  ServerProcess server;
  // Registration hashes a password (argon2id, tens of milliseconds of CPU),
  // so several of them are still running when SIGTERM arrives.
  constexpr int kRequests = 4;
  std::vector<std::unique_ptr<RawConnection>> conns;
  for (int i = 0; i < kRequests; ++i) {
    std::string body = json::serialize(json::object{{"email", testing::unique_email("shutdown")},
                                                    {"password", testing::strong_password()},
                                                    {"name", "Shutdown Test"},
                                                    {"organization_name", "Shutdown Org"}});
    conns.push_back(std::make_unique<RawConnection>(server.port()));
    conns.back()->send(
        "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  server.send_signal(SIGTERM);
  for (int i = 0; i < kRequests; ++i) {
    auto r = conns[i]->read_response(std::chrono::seconds(10));
    ASSERT_TRUE(r) << "request " << i << " got no response";
    EXPECT_EQ(r->status, 201) << r->head << r->body;
  }
  auto code = server.wait_exit(std::chrono::seconds(12));
  ASSERT_TRUE(code) << "did not exit after SIGTERM";
  EXPECT_EQ(*code, 0);
}

TEST(ServerLifecycle, RestartKeepsTheDataDirectory) {
  ServerProcess server;
  HttpClient client(server.base_url());
  auto user = testing::register_user(client, "restart", "Restart Org");
  server.restart();
  HttpClient again(server.base_url());
  EXPECT_FALSE(testing::login(again, user.email, user.password).empty());
}

}  // namespace
}  // namespace prism
