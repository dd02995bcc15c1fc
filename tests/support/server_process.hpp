#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace prism::testing {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// The real `prism serve` binary (PRISM_BINARY) on a fresh temporary data
// directory, an SQLite database inside it, 127.0.0.1 and a free port. Its
// stdout and stderr go to <data dir>/server.log; when the current test failed,
// the destructor prints the end of that log. Set PRISM_KEEP_TEST_DIRS=1 to
// keep the directories for inspection. A sanitizer report in the server's
// log fails the current test when the server stops.
class ServerProcess {
 public:
  // `extra_env` is added to (and overrides) the defaults, e.g. SMTP_URL.
  explicit ServerProcess(EnvVars extra_env = {}, bool wait_ready = true);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::string base_url() const;  // http://127.0.0.1:<port>
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running();
  const std::filesystem::path& data_dir() const { return dir_; }

  // Starts the process; throws with the log tail unless GET /ready answers 200
  // before the timeout (10 s, PRISM_TEST_READY_TIMEOUT_MS to override).
  void start(bool wait_ready = true);
  void wait_ready();
  // SIGTERM, then waits up to `deadline`; returns the exit code, or -signal
  // when it died from a signal. Throws (after SIGKILL) when it did not exit.
  int stop(std::chrono::milliseconds deadline = std::chrono::seconds(15));
  void send_signal(int sig);
  // Waits for the process to end; nullopt on timeout. Same encoding as stop().
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  void kill9();
  // stop() then start() on the same data directory, port and secrets.
  void restart();
  // The same with these variables added or changed, as an operator would
  // change the environment between two deploys (e.g. rotating a key).
  void restart(const EnvVars& changed_env);

  // Runs `prism ARGS…` (e.g. {"cache", "clear"}) with this server's
  // environment and data directory, as an operator would beside it; waits
  // up to 60 s. Its exit code and what it printed (stdout and stderr).
  // `overrides` replace (or add to) the server's variables for this command.
  struct CommandResult {
    int exit_code = -1;
    std::string output;
  };
  CommandResult run_command(const std::vector<std::string>& args,
                            const EnvVars& overrides = {}) const;
  // The value of one of its environment variables ("" when unset).
  std::string env(const std::string& name) const;

  std::string log() const;
  std::string log_tail(std::size_t lines = 60) const;

 private:
  void check_sanitizer_reports();
  void set_env(const EnvVars& vars);  // adds or replaces
  // "NAME=value" for execve; and the null-terminated pointers into such
  // strings (prepared before fork(): only async-signal-safe calls after it).
  std::vector<std::string> env_strings() const;
  static std::vector<char*> pointers(std::vector<std::string>& strings);

  std::filesystem::path dir_;
  std::size_t sanitizer_checked_ = 0;  // log offset already scanned
  std::filesystem::path log_path_;
  int port_ = 0;
  pid_t pid_ = -1;
  EnvVars env_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int pick_free_port();

}  // namespace prism::testing
