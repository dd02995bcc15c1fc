#include "services/documents/html_renderer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "core/error.hpp"
#include "core/error_testing.hpp"

namespace prism::services {
namespace {

using namespace std::chrono_literals;

// A render that blocks until released, to hold a render in progress.
struct HeldRender {
  std::mutex mutex;
  std::condition_variable changed;
  bool released = false;
  int started = 0;

  std::string operator()(std::string_view md) {
    std::unique_lock lock(mutex);
    ++started;
    changed.notify_all();
    changed.wait(lock, [this] { return released; });
    return "<p>" + std::string(md) + "</p>\n";
  }
  void wait_started(int n) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return started >= n; });
  }
  void release() {
    std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }
};

TEST(HtmlRendererTest, RendersEachVersionOnce) {
  HtmlRenderer renderer({2, 1, 100ms});
  auto first = renderer.fragment("doc-1", 1, "# Title\n\n| a |\n|---|\n| b |\n");
  EXPECT_NE(first->find("<h1>Title</h1>"), std::string::npos);
  EXPECT_NE(first->find("<table>"), std::string::npos);
  auto again = renderer.fragment("doc-1", 1, "# Title\n\n| a |\n|---|\n| b |\n");
  EXPECT_EQ(again, first);  // the very same HTML, not a second render
  EXPECT_EQ(renderer.renders(), 1u);
  // Another version, or the same number of another document, is rendered.
  renderer.fragment("doc-1", 2, "# Changed\n");
  renderer.fragment("doc-2", 1, "# Other\n");
  EXPECT_EQ(renderer.renders(), 3u);
  renderer.fragment("doc-2", 1, "# Other\n");
  EXPECT_EQ(renderer.renders(), 3u);
}

TEST(HtmlRendererTest, StaysWithinItsBudget) {
  HtmlRenderer renderer({1, 1, 100ms}, 100, [](std::string_view) { return std::string(40, 'x'); });
  // Each entry counts its 40 bytes of HTML and its 3-byte key ("1/a").
  renderer.fragment("a", 1, "");
  renderer.fragment("b", 1, "");
  EXPECT_EQ(renderer.bytes(), 86u);
  renderer.fragment("c", 1, "");  // passes the budget: starts again empty, with c
  EXPECT_EQ(renderer.bytes(), 43u);
  renderer.fragment("c", 1, "");
  EXPECT_EQ(renderer.renders(), 3u);  // c was kept
  renderer.fragment("a", 1, "");
  EXPECT_EQ(renderer.renders(), 4u);  // a was not
  HtmlRenderer tiny({1, 1, 100ms}, 10, [](std::string_view) { return std::string(40, 'x'); });
  tiny.fragment("a", 1, "");
  tiny.fragment("a", 1, "");
  EXPECT_EQ(tiny.bytes(), 0u);  // larger than the budget: rendered, never kept
  EXPECT_EQ(tiny.renders(), 2u);
}

TEST(HtmlRendererTest, RequestsForAVersionBeingRenderedShareThatRender) {
  HeldRender held;
  HtmlRenderer renderer({4, 4, 10s}, 1 << 20, std::ref(held));
  HtmlRenderer::Html a, b;
  std::thread first([&] { a = renderer.fragment("doc", 7, "text"); });
  held.wait_started(1);
  std::thread second([&] { b = renderer.fragment("doc", 7, "text"); });
  held.release();
  first.join();
  second.join();
  EXPECT_EQ(held.started, 1);
  EXPECT_EQ(renderer.renders(), 1u);
  EXPECT_EQ(*a, "<p>text</p>\n");
  EXPECT_EQ(a, b);
}

// Waiting for another request's render of the same version holds a worker
// too, so it is bounded by the gate like a wait for a slot.
TEST(HtmlRendererTest, WaitsForAVersionBeingRenderedCountAgainstTheGate) {
  HeldRender held;
  HtmlRenderer renderer({4, 0, 10s}, 1 << 20, std::ref(held));
  std::thread first([&] { renderer.fragment("doc", 7, "text"); });
  held.wait_started(1);
  // The render ends soon; a wait the gate did not bound would see it end
  // and succeed, while a bounded one is refused at once (no waiting room).
  std::thread releaser([&] {
    std::this_thread::sleep_for(200ms);
    held.release();
  });
  auto e = error_from([&] { renderer.fragment("doc", 7, "text"); });
  EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
  releaser.join();
  first.join();
  EXPECT_EQ(renderer.renders(), 1u);
}

TEST(HtmlRendererTest, AFailedRenderIsNotKept) {
  int calls = 0;
  HtmlRenderer renderer({1, 1, 100ms}, 1 << 20, [&](std::string_view) -> std::string {
    if (++calls == 1) throw std::runtime_error("out of memory");
    return "<p>ok</p>\n";
  });
  EXPECT_THROW(renderer.fragment("doc", 1, "x"), std::runtime_error);
  EXPECT_EQ(*renderer.fragment("doc", 1, "x"), "<p>ok</p>\n");
}

TEST(HtmlRendererTest, RendersBeyondTheGateAnswer503WithRetryAfter) {
  HeldRender held;
  HtmlRenderer renderer({1, 0, 10ms}, 1 << 20, std::ref(held));
  std::thread busy([&] { renderer.fragment("doc", 1, "slow"); });
  held.wait_started(1);
  // Another version cannot start while the only slot renders.
  auto e = error_from([&] { renderer.fragment("doc", 2, "other"); });
  EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
  ASSERT_TRUE(e.retry_after_seconds.has_value());
  EXPECT_GE(*e.retry_after_seconds, 1);
  held.release();
  busy.join();
  // Once the slot is free, the same version renders.
  EXPECT_EQ(*renderer.fragment("doc", 2, "other"), "<p>other</p>\n");
}

TEST(RenderGateTest, WaitsForASlotWithinItsDeadline) {
  RenderGate gate({1, 1, 10s});
  std::optional<RenderGate::Slot> held(gate.enter());
  EXPECT_EQ(gate.running(), 1);
  std::atomic<bool> entered{false};
  std::thread waiter([&] {
    auto slot = gate.enter();
    entered = true;
  });
  while (gate.waiting() == 0) std::this_thread::yield();
  // A second waiter is one too many: turned away at once.
  EXPECT_EQ(error_from([&] { gate.enter(); }).code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(entered);
  held.reset();
  waiter.join();
  EXPECT_TRUE(entered);
  EXPECT_EQ(gate.running(), 0);
}

TEST(RenderGateTest, GivesUpAfterTheDeadline) {
  RenderGate gate({1, 1, 1ms});
  auto held = gate.enter();
  EXPECT_EQ(error_from([&] { gate.enter(); }).code(), ErrorCode::kUnavailable);
  EXPECT_EQ(gate.waiting(), 0);
}

TEST(RenderGateTest, SizedFromTheWorkerPool) {
  auto eight = RenderGate::Limits::for_workers(8);
  EXPECT_EQ(eight.max_running, 4);
  EXPECT_EQ(eight.max_waiting, 2);
  auto one = RenderGate::Limits::for_workers(1);
  EXPECT_EQ(one.max_running, 1);
  EXPECT_EQ(one.max_waiting, 1);
}

}  // namespace
}  // namespace prism::services
