#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

namespace prism::testing {

// A server a test started (nginx, PgBouncer): waits until `ready()` holds,
// at most 5 s; throws with `log()` when the process exits first or never
// gets ready (`pid` is then -1, or left for stop_child()).
void wait_for_child(pid_t& pid, const std::string& name, const std::function<bool()>& ready,
                    const std::function<std::string()>& log);
// SIGTERM, up to 2 s to exit, then SIGKILL; nothing for pid <= 0.
void stop_child(pid_t pid);

}  // namespace prism::testing
