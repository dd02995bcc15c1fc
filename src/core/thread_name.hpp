#pragma once

#include <pthread.h>

#include <string>

namespace prism {

// Names the calling thread (as `top -H`, perf and /proc/<pid>/task/*/comm
// show it), e.g. "prism-io-1". Linux keeps the first 15 bytes.
inline void name_this_thread(const std::string& name) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

}  // namespace prism
