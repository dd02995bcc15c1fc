#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/server_process.hpp"

#ifndef PRISM_BINARY
#error "PRISM_BINARY must name the prism executable"
#endif

namespace prism::testing {

ServerProcess::CommandResult ServerProcess::run_command(const std::vector<std::string>& args,
                                                        const EnvVars& overrides) const {
  // Prepared before fork(), as in start().
  std::vector<std::string> env;
  for (const auto& [k, v] : env_) {
    auto o = std::find_if(overrides.begin(), overrides.end(),
                          [&](const auto& e) { return e.first == k; });
    if (o == overrides.end()) env.push_back(k + "=" + v);
  }
  for (const auto& [k, v] : overrides) env.push_back(k + "=" + v);
  std::vector<char*> envp = pointers(env);
  std::vector<std::string> argv_strings{PRISM_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv = pointers(argv_strings);
  std::string dir = dir_.string();
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::dup2(out[1], 1) < 0 || ::dup2(out[1], 2) < 0 || ::chdir(dir.c_str()) != 0) _exit(126);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::close(out[1]);
  CommandResult result;
  // Read in another thread so that a command that hangs is killed after
  // the deadline rather than holding the test forever.
  std::thread reader([&] {
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) result.output.append(buf, n);
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  reader.join();
  ::close(out[0]);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return result;
}

std::vector<std::string> ServerProcess::env_strings() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : env_) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> ServerProcess::pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string ServerProcess::env(const std::string& name) const {
  for (const auto& [k, v] : env_) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace prism::testing
