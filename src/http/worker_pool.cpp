#include "http/worker_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include "core/thread_name.hpp"

namespace prism::http {

WorkerPool::WorkerPool(int threads, int nice_increment) : guard_(ioc_.get_executor()) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this, nice_increment] {
      // Linux applies nice values per thread.
      setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice_increment);
      name_this_thread("prism-worker");
      ioc_.run();
    });
  }
}

WorkerPool::~WorkerPool() { join(); }

void WorkerPool::join() {
  guard_.reset();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

}  // namespace prism::http
