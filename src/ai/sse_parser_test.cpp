#include "ai/sse_parser.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace prism::ai {
namespace {

std::vector<SseEvent> parse_in_pieces(std::string_view stream,
                                      const std::vector<std::size_t>& cuts) {
  SseParser parser;
  std::vector<SseEvent> events;
  auto collect = [&](const SseEvent& e) { events.push_back(e); };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    parser.feed(stream.substr(from, cut - from), collect);
    from = cut;
  }
  parser.feed(stream.substr(from), collect);
  return events;
}

void expect_same(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b,
                 const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].event, b[i].event) << where;
    EXPECT_EQ(a[i].data, b[i].data) << where;
    EXPECT_EQ(a[i].id, b[i].id) << where;
  }
}

const std::string kStream =
    "\xEF\xBB\xBF: keep-alive comment\r\n"
    "event: message_start\r\n"
    "data: {\"type\":\"message_start\"}\r\n"
    "\r\n"
    "id: 7\n"
    "event: content_block_delta\n"
    "data: {\"text\":\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"}\n"
    "\n"
    "data: line one\r"
    "data:line two\r"
    "data\r"
    "\r"
    "event: ignored-without-data\n"
    "retry: 100\n"
    "\n"
    "data: [DONE]\n\n";

TEST(SseParser, ParsesEventsFieldsAndLineEndings) {
  auto events = parse_in_pieces(kStream, {});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event, "message_start");
  EXPECT_EQ(events[0].data, "{\"type\":\"message_start\"}");
  EXPECT_EQ(events[0].id, "");
  EXPECT_EQ(events[1].event, "content_block_delta");
  EXPECT_EQ(events[1].data, "{\"text\":\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"}");
  EXPECT_EQ(events[1].id, "7");
  EXPECT_EQ(events[2].event, "message");
  EXPECT_EQ(events[2].data, "line one\nline two\n");
  EXPECT_EQ(events[2].id, "7");
  EXPECT_EQ(events[3].data, "[DONE]");
}

TEST(SseParser, EverySingleSplitPointGivesTheSameEvents) {
  auto whole = parse_in_pieces(kStream, {});
  for (std::size_t cut = 1; cut < kStream.size(); ++cut) {
    expect_same(whole, parse_in_pieces(kStream, {cut}), "cut at " + std::to_string(cut));
  }
}

TEST(SseParser, EveryPairOfSplitPointsGivesTheSameEvents) {
  auto whole = parse_in_pieces(kStream, {});
  for (std::size_t a = 1; a < kStream.size(); ++a) {
    for (std::size_t b = a; b < kStream.size(); ++b) {
      expect_same(whole, parse_in_pieces(kStream, {a, b}),
                  std::to_string(a) + "," + std::to_string(b));
    }
  }
}

TEST(SseParser, OneByteAtATimeKeepsMultiByteCharactersWhole) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < kStream.size(); ++i) cuts.push_back(i);
  auto events = parse_in_pieces(kStream, cuts);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_NE(events[1].data.find("\xF0\x9F\x98\x80"), std::string::npos);
}

TEST(SseParser, ResetDropsAPartialEvent) {
  SseParser parser;
  std::vector<SseEvent> events;
  auto collect = [&](const SseEvent& e) { events.push_back(e); };
  parser.feed("data: half", collect);
  parser.reset();
  parser.feed("data: whole\n\n", collect);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "whole");
}

}  // namespace
}  // namespace prism::ai
