// Streaming, the wire format, usage and retries of both providers.
#include <thread>

#include "core/json.hpp"
#include "support/providers_fixture.hpp"

namespace prism::ai::provider_tests {
namespace {

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

// Every transfer of the process shares one loop: concurrent calls, some
// slow, each get exactly their own answer, and a cancelled one ends alone.
TEST_P(ProvidersTest, ConcurrentCallsShareTheTransferLoopAndKeepTheirOwnAnswers) {
  constexpr int kCalls = 24;
  auto p = make();
  FakeReply reply;
  reply.text = "Ein schöner Absatz über Anforderungen, Ziele und Messgrößen.";
  reply.deltas = 12;
  reply.write_delay = std::chrono::milliseconds(5);
  server_.set_default(reply);
  std::vector<std::string> texts(kCalls), joined(kCalls);
  std::vector<std::optional<Kind>> errors(kCalls);
  CancelToken cancel_one;
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      CancelToken none;
      const CancelToken& token = i == 0 ? cancel_one : none;
      try {
        auto result = p->stream(
            request(),
            [&](std::string_view d) {
              joined[static_cast<std::size_t>(i)] += d;
              if (i == 0) cancel_one.cancel();
            },
            token);
        texts[static_cast<std::size_t>(i)] = result.text;
      } catch (const ProviderError& e) {
        errors[static_cast<std::size_t>(i)] = e.kind();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors[0], Kind::kCancelled);
  for (std::size_t i = 1; i < kCalls; ++i) {
    EXPECT_EQ(errors[i], std::nullopt) << i;
    EXPECT_EQ(texts[i], reply.text) << i;
    EXPECT_EQ(joined[i], reply.text) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Both, ProvidersTest, ::testing::Values("anthropic", "openai"),
                         provider_param_name);

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
}  // namespace prism::ai::provider_tests
