// Failures of both providers: refused keys and requests, error events,
// dropped connections, cancel, stalls, an unreachable server.
#include <thread>

#include "support/providers_fixture.hpp"

namespace prism::ai::provider_tests {
namespace {

class ProviderFailuresTest : public ProvidersTest {};

TEST_P(ProviderFailuresTest, ABadKeyIsAnAuthenticationErrorNamingTheProvider) {
  FakeReply denied;
  denied.status = 401;
  denied.error_message = std::string("Incorrect API key provided: ") + kKey;
  server_.set_default(denied);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kAuthentication);
  EXPECT_NE(error_message_.find(anthropic() ? "Anthropic" : "OpenAI"), std::string::npos)
      << error_message_;
  EXPECT_EQ(error_message_.find(kKey), std::string::npos);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, ARefusedRequestCarriesTheProviderMessageButNeverTheKey) {
  FakeReply refused;
  refused.status = 400;
  refused.error_message = std::string("prompt is too long for key ") + kKey;
  server_.set_default(refused);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kBadRequest);
  EXPECT_NE(error_message_.find("prompt is too long"), std::string::npos) << error_message_;
  EXPECT_EQ(error_message_.find(kKey), std::string::npos) << error_message_;
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, AnErrorEventAfterTheFirstDeltaIsNotRetried) {
  FakeReply broken;
  broken.deltas = 4;
  broken.error_after_deltas = 2;
  broken.stream_error_type = anthropic() ? "overloaded_error" : "server_error";
  server_.push(broken);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kUnavailable);
  EXPECT_EQ(deltas_.size(), 2u);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, AnOverloadedErrorBeforeAnyDeltaIsRetried) {
  FakeReply broken;
  broken.error_after_deltas = 0;
  broken.stream_error_type = anthropic() ? "overloaded_error" : "server_error";
  server_.push(broken);
  auto p = make();
  CompletionResult result;
  ASSERT_EQ(run(*p, &result), std::nullopt) << error_message_;
  EXPECT_EQ(result.text, FakeReply{}.text);
  EXPECT_EQ(server_.calls(), 2);
}

TEST_P(ProviderFailuresTest, AnInvalidRequestErrorEventIsABadResponse) {
  FakeReply broken;
  broken.error_after_deltas = 0;
  broken.stream_error_type = "invalid_request_error";
  server_.push(broken);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kBadResponse);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, ADroppedConnectionAfterTheFirstDeltaIsNotRetried) {
  FakeReply dropped;
  dropped.deltas = 4;
  dropped.drop_after_deltas = 1;
  server_.push(dropped);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kUnavailable);
  EXPECT_EQ(deltas_.size(), 1u);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, ADroppedConnectionBeforeAnyDeltaIsRetried) {
  FakeReply dropped;
  dropped.drop_after_deltas = 0;
  server_.push(dropped);
  auto p = make();
  ASSERT_EQ(run(*p), std::nullopt) << error_message_;
  EXPECT_EQ(server_.calls(), 2);
}

TEST_P(ProviderFailuresTest, CancelClosesTheUpstreamConnectionQuickly) {
  FakeReply slow;
  slow.deltas = 20;
  slow.write_delay = std::chrono::milliseconds(200);
  server_.push(slow);
  auto p = make();
  CancelToken cancel;
  Clock::time_point cancelled_at;
  auto start = Clock::now();
  std::optional<Kind> kind;
  try {
    p->stream(
        request(),
        [&](std::string_view) {
          if (!cancel.cancelled()) {
            cancelled_at = Clock::now();
            cancel.cancel();
          }
        },
        cancel);
  } catch (const ProviderError& e) {
    kind = e.kind();
  }
  EXPECT_EQ(kind, Kind::kCancelled);
  EXPECT_LT(millis_since(cancelled_at), 500);
  EXPECT_TRUE(server_.wait_for_client_closes(1, std::chrono::seconds(2)));
  EXPECT_LT(millis_since(start), 3000);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, CancelWhileTheServerStallsClosesTheConnection) {
  FakeReply stalled;
  stalled.stall = true;
  server_.push(stalled);
  auto p = make();
  CancelToken cancel;
  std::thread canceller([&] {
    server_.wait_for_calls(1, std::chrono::seconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.cancel();
  });
  auto start = Clock::now();
  EXPECT_EQ(run(*p, nullptr, &cancel), Kind::kCancelled);
  canceller.join();
  EXPECT_LT(millis_since(start), 1500);
  EXPECT_TRUE(server_.wait_for_client_closes(1, std::chrono::seconds(2)));
}

TEST_P(ProviderFailuresTest, CancelWakesTheBackoffSleep) {
  FakeReply limited;
  limited.status = 429;
  limited.retry_after = "30";
  server_.push(limited);
  auto p = make();
  CancelToken cancel;
  std::thread canceller([&] {
    server_.wait_for_calls(1, std::chrono::seconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.cancel();
  });
  auto start = Clock::now();
  EXPECT_EQ(run(*p, nullptr, &cancel), Kind::kCancelled);
  canceller.join();
  EXPECT_LT(millis_since(start), 2000);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProviderFailuresTest, AStallBeforeTheFirstByteHitsTheIdleTimeout) {
  FakeReply stalled;
  stalled.stall = true;
  server_.push(stalled);
  auto p = make(0, 1);
  auto start = Clock::now();
  EXPECT_EQ(run(*p), Kind::kUnavailable);
  EXPECT_GE(millis_since(start), 900);
  EXPECT_LT(millis_since(start), 4000);
  EXPECT_NE(error_message_.find("timed out"), std::string::npos) << error_message_;
  server_.release();
}

TEST_P(ProviderFailuresTest, AnUnreachableServerIsUnavailable) {
  std::string base;
  {
    FakeLlmServer gone;
    base = anthropic() ? gone.anthropic_base_url() : gone.openai_base_url();
  }
  RemoteSettings s{kKey, base, "m", {}};
  s.transport.max_retries = 1;
  s.transport.backoff_base = std::chrono::milliseconds(1);
  std::unique_ptr<Provider> p;
  if (anthropic())
    p = std::make_unique<AnthropicProvider>(s);
  else
    p = std::make_unique<OpenAiProvider>(s);
  EXPECT_EQ(run(*p), Kind::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Both, ProviderFailuresTest, ::testing::Values("anthropic", "openai"),
                         provider_param_name);

}  // namespace
}  // namespace prism::ai::provider_tests
