#include "services/generations/event_log.hpp"

#include <gtest/gtest.h>

namespace prism::services::generations {
namespace {

std::string read(const EventLog& log, std::int64_t after, std::int64_t* last = nullptr) {
  std::string out;
  bool finished = false;
  std::int64_t id = log.read_after(after, out, finished);
  if (last) *last = id;
  return out;
}

TEST(EventLog, ReadsFromAnyPositionExactlyAsWritten) {
  EventLog log;
  EXPECT_EQ(log.append("status", json::object{{"status", "running"}}), 1);
  EXPECT_EQ(log.append("delta", json::object{{"text", "Hél"}}), 2);
  EXPECT_EQ(log.append("delta", json::object{{"text", "lo \"w\"\n"}}), 3);
  EXPECT_EQ(log.append("status", json::object{{"status", "repairing"}}), 4);
  EXPECT_EQ(log.append("delta", json::object{{"text", "!"}}), 5);
  // A delta with more than its text is kept as JSON.
  EXPECT_EQ(log.append("delta", json::object{{"text", "x"}, {"part", 2}}), 6);
  std::string all =
      "id: 1\nevent: status\ndata: {\"status\":\"running\"}\n\n"
      "id: 2\nevent: delta\ndata: {\"text\":\"Hél\"}\n\n"
      "id: 3\nevent: delta\ndata: {\"text\":\"lo \\\"w\\\"\\n\"}\n\n"
      "id: 4\nevent: status\ndata: {\"status\":\"repairing\"}\n\n"
      "id: 5\nevent: delta\ndata: {\"text\":\"!\"}\n\n"
      "id: 6\nevent: delta\ndata: {\"text\":\"x\",\"part\":2}\n\n";
  std::int64_t last = 0;
  EXPECT_EQ(read(log, 0, &last), all);
  EXPECT_EQ(last, 6);
  for (std::int64_t after = 1; after <= 6; ++after) {
    std::string expected =
        all.substr(all.find("id: " + std::to_string(after + 1) + "\n") == std::string::npos
                       ? all.size()
                       : all.find("id: " + std::to_string(after + 1) + "\n"));
    EXPECT_EQ(read(log, after, &last), expected) << "after " << after;
    EXPECT_EQ(last, 6);
  }
  EXPECT_EQ(log.delta_text(), "Héllo \"w\"\n!");
  EXPECT_EQ(read(log, 99, &last), "");
  EXPECT_EQ(last, 99);
}

TEST(EventLog, NothingIsAppendedOnceFinished) {
  EventLog log;
  int woken = 0;
  auto handle = log.subscribe([&] { ++woken; });
  log.append("delta", json::object{{"text", "a"}});
  log.finish();
  EXPECT_EQ(log.append("delta", json::object{{"text", "b"}}), 0);
  std::string out;
  bool finished = false;
  log.read_after(0, out, finished);
  EXPECT_TRUE(finished);
  EXPECT_EQ(out, "id: 1\nevent: delta\ndata: {\"text\":\"a\"}\n\n");
  EXPECT_EQ(woken, 2);
  log.unsubscribe(handle);
}

}  // namespace
}  // namespace prism::services::generations
