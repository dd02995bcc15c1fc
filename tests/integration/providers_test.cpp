// The Anthropic and OpenAI providers against a local server speaking their
// exact streaming wire formats: one suite, run for both providers.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "ai/anthropic/anthropic_provider.hpp"
#include "ai/openai/openai_provider.hpp"
#include "core/json.hpp"
#include "support/fake_llm_server.hpp"

namespace prism::ai {
namespace {

using prism::testing::FakeLlmServer;
using prism::testing::FakeReply;
using Kind = ProviderError::Kind;
using Clock = std::chrono::steady_clock;

constexpr const char* kKey = "sk-test-0123456789abcdef";

long long millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class ProvidersTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool anthropic() const { return GetParam() == "anthropic"; }

  std::unique_ptr<Provider> make(int max_retries = 3, int idle_seconds = 10,
                                 std::string key = kKey) {
    RemoteSettings s;
    s.api_key = std::move(key);
    s.base_url = anthropic() ? server_.anthropic_base_url() : server_.openai_base_url();
    s.model = anthropic() ? "claude-sonnet-4-5" : "gpt-4o-mini";
    s.transport.connect_timeout_seconds = 2;
    s.transport.idle_timeout_seconds = idle_seconds;
    s.transport.max_retries = max_retries;
    s.transport.backoff_base = std::chrono::milliseconds(10);
    s.transport.backoff_cap = std::chrono::milliseconds(50);
    if (anthropic()) return std::make_unique<AnthropicProvider>(s);
    return std::make_unique<OpenAiProvider>(s);
  }

  static CompletionRequest request() {
    CompletionRequest r;
    r.system = "You write product requirements.";
    r.messages = {{"user", "Write a PRD for a habit tracker."}};
    r.max_tokens = 1000;
    return r;
  }

  // Runs a call; returns the thrown error kind, or nullopt on success.
  std::optional<Kind> run(Provider& p, CompletionResult* out = nullptr,
                          const CancelToken* cancel = nullptr) {
    CancelToken none;
    try {
      auto result = p.stream(
          request(), [&](std::string_view d) { deltas_.emplace_back(d); }, cancel ? *cancel : none);
      if (out) *out = result;
      return std::nullopt;
    } catch (const ProviderError& e) {
      error_message_ = e.what();
      EXPECT_EQ(e.provider(), GetParam());
      return e.kind();
    }
  }

  FakeLlmServer server_;
  std::vector<std::string> deltas_;
  std::string error_message_;
};

TEST_P(ProvidersTest, StreamsDeltasAndReadsUsage) {
  FakeReply reply;
  reply.text = "Grüße aus 世界 🌍 — a PRD.";
  reply.deltas = 5;
  reply.model = "model-as-reported";
  server_.push(reply);
  auto p = make();
  CompletionResult result;
  ASSERT_EQ(run(*p, &result), std::nullopt) << error_message_;
  EXPECT_EQ(deltas_.size(), 5u);
  std::string joined;
  for (const auto& d : deltas_) joined += d;
  EXPECT_EQ(joined, reply.text);
  EXPECT_EQ(result.text, reply.text);
  EXPECT_EQ(result.model, "model-as-reported");
  EXPECT_EQ(result.stop_reason, anthropic() ? "end_turn" : "stop");
  EXPECT_EQ(result.usage.input_tokens, 12);
  EXPECT_EQ(result.usage.output_tokens, 34);
  EXPECT_FALSE(result.usage.estimated);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProvidersTest, EventsSplitAcrossWritesAnywhereStillGiveWholeCharacters) {
  for (std::size_t size : {1u, 2u, 7u, 64u}) {
    FakeReply reply;
    reply.text = "é€😀 ünïcödé ✓ 日本語";
    reply.deltas = 6;
    reply.write_size = size;
    server_.push(reply);
    deltas_.clear();
    auto p = make();
    CompletionResult result;
    ASSERT_EQ(run(*p, &result), std::nullopt) << "write size " << size << ": " << error_message_;
    EXPECT_EQ(result.text, reply.text) << "write size " << size;
    for (const auto& d : deltas_) {
      ASSERT_FALSE(d.empty());
      EXPECT_NE(static_cast<unsigned char>(d.front()) & 0xC0, 0x80)
          << "a delta starts inside a character";
    }
    EXPECT_EQ(result.usage.output_tokens, 34);
  }
}

TEST_P(ProvidersTest, SendsTheWireFormatOfTheApi) {
  auto p = make();
  CompletionRequest r = request();
  r.json_output = true;
  CancelToken cancel;
  p->stream(
      r, [](std::string_view) {}, cancel);
  auto req = server_.requests().at(0);
  EXPECT_EQ(req.method, "POST");
  json::object body = json::parse(req.body).as_object();
  EXPECT_EQ(body.at("stream").as_bool(), true);
  EXPECT_NE(req.headers["content-type"].find("application/json"), std::string::npos);
  if (anthropic()) {
    EXPECT_EQ(req.path, "/v1/messages");
    EXPECT_EQ(req.headers["x-api-key"], kKey);
    EXPECT_EQ(req.headers["anthropic-version"], "2023-06-01");
    EXPECT_EQ(req.headers.count("authorization"), 0u);
    EXPECT_EQ(body.at("model").as_string(), "claude-sonnet-4-5");
    EXPECT_NE(std::string(body.at("system").as_string()).find("You write product requirements."),
              std::string::npos);
    EXPECT_EQ(body.at("max_tokens").as_int64(), 1000);
    EXPECT_EQ(body.at("messages").as_array().at(0).at("role").as_string(), "user");
  } else {
    EXPECT_EQ(req.path, "/v1/chat/completions");
    EXPECT_EQ(req.headers["authorization"], std::string("Bearer ") + kKey);
    EXPECT_EQ(body.at("model").as_string(), "gpt-4o-mini");
    auto& messages = body.at("messages").as_array();
    EXPECT_EQ(messages.at(0).at("role").as_string(), "system");
    EXPECT_EQ(messages.at(1).at("role").as_string(), "user");
    EXPECT_EQ(body.at("max_tokens").as_int64(), 1000);  // a compatible server, not api.openai.com
    EXPECT_EQ(body.at("stream_options").at("include_usage").as_bool(), true);
    EXPECT_EQ(body.at("response_format").at("type").as_string(), "json_object");
  }
}

TEST_P(ProvidersTest, UsageOnlyInTheFinalEventIsRead) {
  FakeReply reply;
  reply.usage_in_final_only = true;
  reply.input_tokens = 77;
  reply.output_tokens = 88;
  server_.push(reply);
  auto p = make();
  CompletionResult result;
  ASSERT_EQ(run(*p, &result), std::nullopt) << error_message_;
  EXPECT_EQ(result.usage.input_tokens, 77);
  EXPECT_EQ(result.usage.output_tokens, 88);
}

TEST_P(ProvidersTest, RetriesA429AfterItsRetryAfter) {
  FakeReply limited;
  limited.status = 429;
  limited.retry_after = "1";
  server_.push(limited);
  auto p = make();
  auto start = Clock::now();
  CompletionResult result;
  ASSERT_EQ(run(*p, &result), std::nullopt) << error_message_;
  EXPECT_GE(millis_since(start), 950);
  EXPECT_LT(millis_since(start), 3000);
  EXPECT_EQ(server_.calls(), 2);
  EXPECT_EQ(result.text, FakeReply{}.text);
}

TEST_P(ProvidersTest, RetriesServerErrorsWithBackoff) {
  FakeReply failing;
  failing.status = 500;
  server_.push(failing);
  failing.status = 503;
  server_.push(failing);
  auto p = make();
  ASSERT_EQ(run(*p), std::nullopt) << error_message_;
  EXPECT_EQ(server_.calls(), 3);
}

TEST_P(ProvidersTest, GivesUpAfterMaxRetries) {
  FakeReply limited;
  limited.status = 429;
  server_.set_default(limited);
  auto p = make(2);
  EXPECT_EQ(run(*p), Kind::kRateLimited);
  EXPECT_EQ(server_.calls(), 3);

  FakeReply down;
  down.status = 502;
  server_.set_default(down);
  EXPECT_EQ(run(*p), Kind::kUnavailable);
  EXPECT_EQ(server_.calls(), 6);
}

TEST_P(ProvidersTest, ABadKeyIsAnAuthenticationErrorNamingTheProvider) {
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

TEST_P(ProvidersTest, ARefusedRequestCarriesTheProviderMessageButNeverTheKey) {
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

TEST_P(ProvidersTest, AnErrorEventAfterTheFirstDeltaIsNotRetried) {
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

TEST_P(ProvidersTest, AnOverloadedErrorBeforeAnyDeltaIsRetried) {
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

TEST_P(ProvidersTest, AnInvalidRequestErrorEventIsABadResponse) {
  FakeReply broken;
  broken.error_after_deltas = 0;
  broken.stream_error_type = "invalid_request_error";
  server_.push(broken);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kBadResponse);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProvidersTest, ADroppedConnectionAfterTheFirstDeltaIsNotRetried) {
  FakeReply dropped;
  dropped.deltas = 4;
  dropped.drop_after_deltas = 1;
  server_.push(dropped);
  auto p = make();
  EXPECT_EQ(run(*p), Kind::kUnavailable);
  EXPECT_EQ(deltas_.size(), 1u);
  EXPECT_EQ(server_.calls(), 1);
}

TEST_P(ProvidersTest, ADroppedConnectionBeforeAnyDeltaIsRetried) {
  FakeReply dropped;
  dropped.drop_after_deltas = 0;
  server_.push(dropped);
  auto p = make();
  ASSERT_EQ(run(*p), std::nullopt) << error_message_;
  EXPECT_EQ(server_.calls(), 2);
}

TEST_P(ProvidersTest, CancelClosesTheUpstreamConnectionQuickly) {
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

TEST_P(ProvidersTest, CancelWhileTheServerStallsClosesTheConnection) {
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

TEST_P(ProvidersTest, CancelWakesTheBackoffSleep) {
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

TEST_P(ProvidersTest, AStallBeforeTheFirstByteHitsTheIdleTimeout) {
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

TEST_P(ProvidersTest, AnUnreachableServerIsUnavailable) {
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

INSTANTIATE_TEST_SUITE_P(Both, ProvidersTest, ::testing::Values("anthropic", "openai"),
                         [](const auto& info) { return info.param; });

// OpenAI-compatible servers often send no usage: PRISM counts roughly.
TEST(OpenAiCompatible, EstimatesUsageWhenTheServerSendsNone) {
  FakeLlmServer server;
  FakeReply reply;
  reply.usage = false;
  reply.text = std::string(40, 'a') + "ééééé";  // 45 characters, 50 bytes
  server.push(reply);
  OpenAiProvider p(RemoteSettings{"", server.openai_base_url(), "llama3.1", {}});
  CancelToken cancel;
  CompletionRequest r;
  r.messages = {{"user", "12345678"}};
  auto result = p.stream(
      r, [](std::string_view) {}, cancel);
  EXPECT_TRUE(result.usage.estimated);
  EXPECT_EQ(result.usage.output_tokens, 12);  // ceil(45 / 4)
  EXPECT_GT(result.usage.input_tokens, 0);
  EXPECT_EQ(server.requests().at(0).headers.count("authorization"), 0u);
}

}  // namespace
}  // namespace prism::ai
