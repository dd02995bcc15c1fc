#include "support/child_process.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace prism::testing {

void wait_for_child(pid_t& pid, const std::string& name, const std::function<bool()>& ready,
                    const std::function<std::string()>& log) {
  for (int i = 0; i < 200; ++i) {
    if (ready()) return;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      throw std::runtime_error(name + " exited: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error(name + " did not start: " + log());
}

void stop_child(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200 && ::waitpid(pid, &status, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (::waitpid(pid, &status, WNOHANG) == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
}

}  // namespace prism::testing
