// Slow and idle clients (slowloris): a request whose header never finishes is
// answered 408 and closed READ_TIMEOUT_SECONDS after its first byte, however
// slowly its bytes trickle in; a connection that sends nothing is closed after
// IDLE_TIMEOUT_SECONDS.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::HttpClient;
using testing::RawConnection;
using testing::ServerProcess;

constexpr auto kReadTimeout = 2s;
constexpr auto kIdleTimeout = 5s;

class SlowClientsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(testing::EnvVars{
        {"READ_TIMEOUT_SECONDS", "2"}, {"IDLE_TIMEOUT_SECONDS", "5"}});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> SlowClientsTest::server_;

TEST_F(SlowClientsTest, AHeaderThatNeverFinishesGets408AfterTheReadTimeout) {
  RawConnection conn(server_->port());
  auto started = Clock::now();
  conn.send("GET /health HTTP/1.1\r\nHost: localhost\r\n");
  auto r = conn.read_response(10s);
  auto waited = Clock::now() - started;
  ASSERT_TRUE(r.has_value()) << "closed without a 408";
  EXPECT_EQ(r->status, 408) << r->head;
  EXPECT_TRUE(conn.closed_by_peer(2s));
  EXPECT_GE(waited, kReadTimeout - 100ms);
  EXPECT_LT(waited, kReadTimeout + 2s);
}

TEST_F(SlowClientsTest, TricklingOneByteAtATimeDoesNotExtendTheDeadline) {
  RawConnection conn(server_->port());
  auto started = Clock::now();
  const std::string header = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + std::string(200, 'z');
  bool refused = false;
  for (char c : header) {
    try {
      conn.send(std::string(1, c));
    } catch (const std::exception&) {
      refused = true;  // the server closed the connection
      break;
    }
    if (conn.closed_by_peer(200ms)) {
      refused = true;
      break;
    }
    if (Clock::now() - started > kIdleTimeout + 3s) break;
  }
  auto waited = Clock::now() - started;
  EXPECT_TRUE(refused) << "still open after trickling for " << std::chrono::duration<double>(waited).count()
                       << " s";
  EXPECT_LT(waited, kReadTimeout + 2s);
}

TEST_F(SlowClientsTest, AnIdleConnectionIsClosedAfterTheIdleTimeout) {
  RawConnection conn(server_->port());
  auto started = Clock::now();
  EXPECT_TRUE(conn.closed_by_peer(kIdleTimeout + 3s));
  auto waited = Clock::now() - started;
  // The read timeout is for a request under way, not for the wait for one.
  EXPECT_GE(waited, kIdleTimeout - 200ms);
  EXPECT_LT(waited, kIdleTimeout + 2s);
}

TEST_F(SlowClientsTest, AKeptAliveConnectionWaitsForTheIdleTimeoutBetweenRequests) {
  RawConnection conn(server_->port());
  conn.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  auto first = conn.read_response(5s);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  std::this_thread::sleep_for(kReadTimeout + 1s);  // longer than a read may take
  conn.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  auto second = conn.read_response(5s);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
  // And the server still serves others.
  HttpClient client(server_->base_url());
  EXPECT_EQ(client.get("/health").status, 200);
}

}  // namespace
}  // namespace prism
