// PRD generations through the binary and the fake OpenAI/Anthropic server:
// the cache, the budget, cancel, clients that go away or reconnect, and the
// history's tokens and cost.
#include <set>

#include "llm_fixture.hpp"

namespace prism::testing {
namespace {

constexpr double kFakeCost = (12 * 0.15 + 34 * 0.60) / 1e6;  // gpt-4o-mini, 12 in / 34 out

FakeReply prd_reply(const std::string& text, int deltas = 4) {
  FakeReply r;
  r.text = text;
  r.deltas = deltas;
  return r;
}

std::vector<std::string> names_of(const std::vector<SseEvent>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.event);
  return names;
}

// Event names with consecutive deltas collapsed: what a client sees
// regardless of how the text was cut.
std::vector<std::string> shape_of(const std::vector<SseEvent>& events) {
  std::vector<std::string> shape;
  for (const auto& name : names_of(events)) {
    if (shape.empty() || shape.back() != name || name != "delta") shape.push_back(name);
  }
  return shape;
}

TEST_F(LlmGenerationsTest, ACacheHitDoesNotReachTheProviderCostsNothingAndStreamsTheSameEvents) {
  const std::string text = "## Executive Summary\n\nCached PRD for Acme — ✓ done.\n";
  llm_->push(prd_reply(text));
  int calls = llm_->calls();
  auto first = start(prd_body("CacheCo"));
  EXPECT_FALSE(first.at("cached").as_bool());
  std::string first_id = str(first, "id");
  auto g = wait_finished(first_id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  EXPECT_EQ(str(g, "provider"), "openai");
  EXPECT_EQ(str(g, "model"), "gpt-4o-mini");
  EXPECT_EQ(g.at("tokens_in").as_int64(), 12);
  EXPECT_EQ(g.at("tokens_out").as_int64(), 34);
  EXPECT_NEAR(g.at("cost_usd").to_number<double>(), kFakeCost, 1e-12);
  EXPECT_EQ(llm_->calls(), calls + 1);
  auto original = events(first_id).read_to_end();

  auto hit = start(prd_body("CacheCo"));
  EXPECT_TRUE(hit.at("cached").as_bool());
  std::string hit_id = str(hit, "id");
  auto cached = wait_finished(hit_id);
  EXPECT_EQ(str(cached, "status"), "succeeded");
  EXPECT_TRUE(cached.at("cached").as_bool());
  EXPECT_EQ(cached.at("cost_usd").to_number<double>(), 0);
  EXPECT_EQ(cached.at("tokens_in").as_int64() + cached.at("tokens_out").as_int64(), 0);
  EXPECT_EQ(str(cached, "output"), text);
  EXPECT_EQ(llm_->calls(), calls + 1) << "a cache hit must not reach the provider";
  auto replayed = events(hit_id).read_to_end();
  EXPECT_EQ(shape_of(replayed), shape_of(original));
  EXPECT_EQ(delta_text(replayed), text);
  EXPECT_EQ(delta_text(original), text);

  // The history has both, the hit marked cached at zero cost.
  auto history = owner().get(generations_path());
  const auto& items = history.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(str(items[0], "id"), hit_id);
  EXPECT_TRUE(items[0].at("cached").as_bool());
  EXPECT_EQ(items[0].at("cost_usd").to_number<double>(), 0);
  EXPECT_FALSE(items[1].at("cached").as_bool());

  // "cache": false calls the provider again.
  llm_->push(prd_reply(text));
  auto forced_body = prd_body("CacheCo");
  forced_body["cache"] = false;
  auto forced = start(forced_body);
  EXPECT_FALSE(forced.at("cached").as_bool());
  EXPECT_EQ(str(wait_finished(str(forced, "id")), "status"), "succeeded");
  EXPECT_EQ(llm_->calls(), calls + 2);
}

TEST_F(LlmGenerationsTest, TheBudgetStopsAGenerationBeforeAnyProviderCall) {
  // 46 tokens are spent by the first generation, over a budget of 40.
  auto patched =
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"monthly_budget_tokens", 40}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  llm_->push(prd_reply("## Summary\n\nWithin budget.\n"));
  auto first = start(prd_body("Budget One"));
  EXPECT_EQ(str(wait_finished(str(first, "id")), "status"), "succeeded");

  int calls = llm_->calls();
  auto r = owner().post(generations_path(), prd_body("Budget Two"));
  expect_error(r, 402, "budget_exceeded");
  auto cache_off = prd_body("Budget One");
  cache_off["cache"] = false;
  expect_error(owner().post(generations_path(), cache_off), 402, "budget_exceeded");
  EXPECT_EQ(llm_->calls(), calls) << "the provider must not be called over budget";
  auto history = owner().get(generations_path());
  EXPECT_EQ(history.json().at("items").as_array().size(), 1u);
}

TEST_F(LlmGenerationsTest, CancelClosesTheUpstreamConnectionAndEndsCancelled) {
  FakeReply slow = prd_reply(std::string(400, 'x'), 40);
  slow.write_delay = std::chrono::milliseconds(100);
  llm_->push(slow);
  int closes = llm_->client_closes();
  std::string id = str(start(prd_body("Cancelled")), "id");
  auto stream = events(id);
  auto seen = stream.read_until_event("delta");
  ASSERT_FALSE(seen.empty());

  auto cancelled = owner().post(generation_path(id, "/cancel"));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(str(cancelled.json(), "status"), "cancelled");
  EXPECT_TRUE(llm_->wait_for_client_closes(closes + 1, std::chrono::seconds(3)))
      << "the upstream connection was not closed";
  auto rest = stream.read_to_end();
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.back().event, "error");
  EXPECT_NE(rest.back().data.find("\"cancelled\""), std::string::npos) << rest.back().data;
  auto g = wait_finished(id);
  EXPECT_EQ(str(g, "status"), "cancelled");
  EXPECT_TRUE(g.at("document_id").is_null()) << "a cancelled PRD creates no document";
  expect_error(owner().post(generation_path(id, "/cancel")), 409);
}

TEST_F(LlmGenerationsTest, AQuietStreamGetsOneHeartbeatPerIntervalAndNoMore) {
  // SSE_HEARTBEAT_SECONDS=1 for this suite; the provider is silent for 2.5 s.
  FakeReply slow = prd_reply("## Executive Summary\n\nA quiet start.", 2);
  slow.first_byte_delay = std::chrono::milliseconds(2500);
  llm_->push(slow);
  std::string id = str(start(prd_body("QuietCo")), "id");
  auto stream = events(id);
  ASSERT_EQ(stream.status(), 200);
  int heartbeats = 0;
  std::string last;
  while (auto e = stream.next()) {
    if (e->comment) {
      EXPECT_EQ(e->comment_text, "heartbeat");
      ++heartbeats;
    } else if (e->event == "done" || e->event == "error") {
      last = e->event;
      break;
    }
  }
  EXPECT_EQ(last, "done");
  EXPECT_GE(heartbeats, 1) << "2.5 s without an event must bring a heartbeat";
  EXPECT_LE(heartbeats, 4) << "a heartbeat per second of silence, not a busy loop";
}

TEST_F(LlmGenerationsTest, AClientThatDisconnectsMidStreamStillGetsItsDocumentSaved) {
  std::string text = "## Executive Summary\n\n";
  for (int i = 0; i < 20; ++i) text += "Sentence " + std::to_string(i) + " of the PRD. ";
  FakeReply slow = prd_reply(text, 20);
  slow.write_delay = std::chrono::milliseconds(40);
  llm_->push(slow);
  std::string id = str(start(prd_body("Disconnected")), "id");
  {
    auto stream = events(id);
    auto seen = stream.read_until_event("delta");
    ASSERT_FALSE(seen.empty());
    stream.close();
  }
  auto g = wait_finished(id);
  ASSERT_EQ(str(g, "status"), "succeeded") << json::serialize(g);
  std::string doc = str(g, "document_id");
  ASSERT_FALSE(doc.empty());
  auto d = owner().get("/api/v1/documents/" + doc);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(str(d.json(), "content"), text);
  EXPECT_EQ(str(d.json(), "title"), "Disconnected");
}

TEST_F(LlmGenerationsTest, LastEventIdResumesTheLiveStreamWithExactlyTheMissingEvents) {
  FakeReply slow = prd_reply(std::string(300, 'y') + " the end", 30);
  slow.write_delay = std::chrono::milliseconds(30);
  llm_->push(slow);
  std::string id = str(start(prd_body("Resumed")), "id");
  std::vector<SseEvent> before;
  {
    auto stream = events(id);
    while (before.size() < 4) {
      auto e = stream.next();
      ASSERT_TRUE(e.has_value()) << "the stream ended early";
      if (!e->comment) before.push_back(*e);
    }
  }
  auto resumed = events(id, before.back().id);
  auto after = resumed.read_to_end();
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after.back().event, "done");
  auto whole = events(id).read_to_end();
  ASSERT_EQ(before.size() + after.size(), whole.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const SseEvent& got = i < before.size() ? before[i] : after[i - before.size()];
    EXPECT_EQ(got.id, std::to_string(i + 1));
    EXPECT_EQ(got.id, whole[i].id);
    EXPECT_EQ(got.event, whole[i].event);
    EXPECT_EQ(got.data, whole[i].data);
    ids.insert(got.id);
  }
  EXPECT_EQ(ids.size(), whole.size()) << "no event may arrive twice";
  EXPECT_EQ(delta_text(whole), slow.text);
}

TEST_F(LlmGenerationsTest, AnthropicIsReachedThroughItsBaseUrlAndFailuresAreInTheHistory) {
  llm_->push(prd_reply("## Summary\n\nFrom Claude.\n"));
  auto body = prd_body("Claude Co");
  body["provider"] = "anthropic";
  std::string ok_id = str(start(body), "id");
  auto ok = wait_finished(ok_id);
  ASSERT_EQ(str(ok, "status"), "succeeded") << json::serialize(ok);
  EXPECT_EQ(str(ok, "provider"), "anthropic");
  EXPECT_EQ(str(ok, "model"), "claude-sonnet-4-5");
  EXPECT_EQ(llm_->requests().back().path, "/v1/messages");
  EXPECT_NEAR(ok.at("cost_usd").to_number<double>(), (12 * 3.0 + 34 * 15.0) / 1e6, 1e-12);

  FakeReply refused;
  refused.status = 401;
  llm_->push(refused);
  std::string failed_id = str(start(prd_body("Refused")), "id");
  auto failed = wait_finished(failed_id);
  EXPECT_EQ(str(failed, "status"), "failed");
  EXPECT_EQ(str(failed.at("error"), "code"), "provider_authentication");

  auto history = owner().get(generations_path());
  const auto& items = history.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  for (const auto& item : items) {
    for (const char* field : {"tokens_in", "tokens_out", "cost_usd", "latency_ms"}) {
      EXPECT_TRUE(item.as_object().contains(field)) << field;
      EXPECT_FALSE(item.at(field).is_null()) << field << " in " << json::serialize(item);
    }
  }
  EXPECT_EQ(items[1].at("tokens_in").as_int64(), 12);
  EXPECT_EQ(items[1].at("tokens_out").as_int64(), 34);
}

}  // namespace
}  // namespace prism::testing
