#include "ai/http/curl_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <system_error>

#include "core/thread_name.hpp"

namespace prism::ai::http {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kTick = std::chrono::milliseconds(100);  // cancel and idle checks
constexpr int kMaxEvents = 128;

}  // namespace

CurlLoop& CurlLoop::shared() {
  static CurlLoop loop;
  return loop;
}

CurlLoop::CurlLoop() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  multi_ = curl_multi_init();
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (multi_ == nullptr || epoll_fd_ < 0 || wake_fd_ < 0) {
    throw std::system_error(errno, std::generic_category(), "the provider transfer loop");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlLoop::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlLoop::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  thread_ = std::thread([this] {
    name_this_thread("prism-ai-http");
    loop();
  });
}

CurlLoop::~CurlLoop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake();
  thread_.join();
  curl_multi_cleanup(multi_);
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void CurlLoop::run(LoopTransfer& transfer) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      transfer.cancelled = true;
      return;
    }
    submitted_.push_back(&transfer);
  }
  wake();
  std::unique_lock lock(transfer.mutex);
  transfer.ended_cv.wait(lock, [&] { return transfer.ended; });
}

void CurlLoop::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

int CurlLoop::on_socket(CURL*, curl_socket_t fd, int what, void* self, void*) {
  auto* loop = static_cast<CurlLoop*>(self);
  if (what == CURL_POLL_REMOVE) {
    ::epoll_ctl(loop->epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    return 0;
  }
  epoll_event ev{};
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
  ev.data.fd = fd;
  if (::epoll_ctl(loop->epoll_fd_, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
    ::epoll_ctl(loop->epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
  return 0;
}

int CurlLoop::on_timer(CURLM*, long timeout_ms, void* self) {
  auto* loop = static_cast<CurlLoop*>(self);
  // libcurl must not be called back from here: the loop acts on it.
  loop->timer_at_ = timeout_ms < 0 ? Clock::time_point::max()
                                   : Clock::now() + std::chrono::milliseconds(timeout_ms);
  return 0;
}

void CurlLoop::loop() {
  epoll_event events[kMaxEvents];
  auto next_tick = Clock::now() + kTick;
  int running = 0;
  for (;;) {
    take_submitted();
    bool stopping = false;
    {
      std::lock_guard lock(mutex_);
      stopping = stopping_;
    }
    if (stopping) {
      // Nothing waits for unfinished transfers once the process stops.
      while (!active_.empty()) {
        auto* t = *active_.begin();
        t->cancelled = true;
        end(t);
      }
      return;
    }
    auto now = Clock::now();
    auto until = std::min(timer_at_, next_tick);
    int wait_ms = until <= now ? 0
                               : static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(
                                                      until - now)
                                                      .count());
    int n = ::epoll_wait(epoll_fd_, events, kMaxEvents, wait_ms);
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wake_fd_) {
        std::uint64_t count = 0;
        [[maybe_unused]] auto r = ::read(wake_fd_, &count, sizeof count);
        continue;
      }
      int flags = 0;
      if (events[i].events & EPOLLIN) flags |= CURL_CSELECT_IN;
      if (events[i].events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
      if (events[i].events & (EPOLLERR | EPOLLHUP)) flags |= CURL_CSELECT_ERR;
      curl_multi_socket_action(multi_, fd, flags, &running);
    }
    now = Clock::now();
    if (timer_at_ <= now) {
      timer_at_ = Clock::time_point::max();
      curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    drain_messages();
    if (now >= next_tick) {
      check_cancels_and_idle(now);
      next_tick = now + kTick;
    }
  }
}

void CurlLoop::take_submitted() {
  std::vector<LoopTransfer*> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(submitted_);
  }
  for (auto* t : batch) {
    curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
    t->last_byte = Clock::now();
    if (curl_multi_add_handle(multi_, t->easy) != CURLM_OK) {
      t->code = CURLE_FAILED_INIT;
      std::lock_guard lock(t->mutex);
      t->ended = true;
      t->ended_cv.notify_one();
      continue;
    }
    active_.insert(t);
  }
}

void CurlLoop::drain_messages() {
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    void* priv = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
    auto* t = static_cast<LoopTransfer*>(priv);
    t->code = msg->data.result;
    // end() removes the handle, which invalidates msg: read it first.
    end(t);
  }
}

void CurlLoop::check_cancels_and_idle(Clock::time_point now) {
  std::vector<LoopTransfer*> over;
  for (auto* t : active_) {
    if (t->cancel != nullptr && t->cancel->cancelled()) {
      t->cancelled = true;
      over.push_back(t);
    } else if (now - t->last_byte > t->idle_timeout) {
      t->timed_out = true;
      t->code = CURLE_OPERATION_TIMEDOUT;
      over.push_back(t);
    }
  }
  for (auto* t : over) end(t);
}

void CurlLoop::end(LoopTransfer* t) {
  // Removing an unfinished transfer closes its connection.
  curl_multi_remove_handle(multi_, t->easy);
  active_.erase(t);
  std::lock_guard lock(t->mutex);
  t->ended = true;
  t->ended_cv.notify_one();
}

}  // namespace prism::ai::http
