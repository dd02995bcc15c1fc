#include "support/server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "store/testing_postgres.hpp"
#include "support/http_client.hpp"

#ifndef PRISM_BINARY
#error "PRISM_BINARY must name the prism executable"
#endif

extern char** environ;

namespace prism::testing {
namespace {

std::string random_secret(std::size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(kAlphabet[pick(rd)]);
  return out;
}

std::chrono::milliseconds ready_timeout() {
  const char* v = std::getenv("PRISM_TEST_READY_TIMEOUT_MS");
  return std::chrono::milliseconds(v ? std::atol(v) : 10000);
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

// With PRISM_TEST_POSTGRES_URL set (and no DATABASE_URL of the test's own),
// a server runs on a fresh schema of that PostgreSQL instead of SQLite, so
// the whole suite runs unchanged on both. The schema lives as long as its
// server object; it is kept here rather than as a member so that the header
// every suite includes stays free of the store.
std::mutex schemas_mutex;
std::map<const ServerProcess*, std::unique_ptr<store::testing::PostgresSchema>> schemas;

void drop_schema_of(const ServerProcess* server) {
  std::unique_ptr<store::testing::PostgresSchema> schema;
  {
    std::lock_guard lock(schemas_mutex);
    auto it = schemas.find(server);
    if (it == schemas.end()) return;
    schema = std::move(it->second);
    schemas.erase(it);
  }
}

}  // namespace

int pick_free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot pick a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

ServerProcess::ServerProcess(EnvVars extra_env, bool wait) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "prism-it-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  log_path_ = dir_ / "server.log";
  port_ = pick_free_port();
  env_ = {
      {"DATABASE_URL", "sqlite:" + (dir_ / "prism.db").string()},
      {"HOST", "127.0.0.1"},
      {"PORT", std::to_string(port_)},
      {"JWT_SECRET_KEY", random_secret(48)},
      {"LOG_LEVEL", "warn"},
      // The suites register many users and send many resets and invitations
      // from 127.0.0.1; the tests of these limits set them low again.
      {"REGISTRATION_LIMIT_PER_IP_PER_HOUR", "100000"},
      {"REGISTRATION_LIMIT_PER_HOUR", "100000"},
      {"PASSWORD_RESET_LIMIT_PER_IP_PER_HOUR", "100000"},
      {"PASSWORD_RESET_LIMIT_PER_HOUR", "100000"},
      {"INVITATION_LIMIT_PER_IP_PER_HOUR", "100000"},
      {"INVITATION_LIMIT_PER_HOUR", "100000"},
  };
  // Sanitizer settings and PATH flow through; nothing else of ours leaks in.
  for (const char* name : {"PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TZ"}) {
    if (const char* v = std::getenv(name)) env_.emplace_back(name, v);
  }
  bool own_database = std::none_of(extra_env.begin(), extra_env.end(),
                                   [](const auto& kv) { return kv.first == "DATABASE_URL"; });
  if (auto pg = store::testing::test_postgres_url(); pg && own_database) {
    auto schema = std::make_unique<store::testing::PostgresSchema>(*pg);
    env_[0].second = schema->url();
    std::lock_guard lock(schemas_mutex);
    schemas[this] = std::move(schema);
    env_.emplace_back("SECRET_KEY", random_secret(48));
  }
  set_env(extra_env);
  try {
    start(wait);
  } catch (...) {
    // The destructor will not run for a constructor that throws.
    kill9();
    drop_schema_of(this);
    if (!std::getenv("PRISM_KEEP_TEST_DIRS")) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    throw;
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    try {
      stop(std::chrono::seconds(15));
    } catch (const std::exception& e) {
      std::cerr << "ServerProcess: " << e.what() << "\n";
    }
  }
  drop_schema_of(this);
  if (::testing::Test::HasFailure()) {
    std::cerr << "---- server log tail (" << log_path_.string() << ") ----\n"
              << log_tail() << "---- end of server log ----\n";
  }
  if (!std::getenv("PRISM_KEEP_TEST_DIRS")) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string ServerProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void ServerProcess::start(bool wait) {
  if (pid_ > 0) throw std::logic_error("server already running");
  // Everything the child needs is prepared before fork(): after fork() in a
  // multi-threaded process only async-signal-safe calls are allowed.
  std::vector<std::string> env = env_strings();
  std::vector<char*> envp = pointers(env);
  std::string binary = PRISM_BINARY;
  std::string serve = "serve";
  char* argv[] = {binary.data(), serve.data(), nullptr};
  std::string log = log_path_.string();
  std::string dir = dir_.string();

  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // If the test binary dies (a crash, a timeout), the server goes with it
    // instead of lingering on its port.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0 || ::dup2(fd, 1) < 0 || ::dup2(fd, 2) < 0 || ::chdir(dir.c_str()) != 0) _exit(126);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execve(argv[0], argv, envp.data());
    _exit(127);
  }
  pid_ = pid;
  if (wait) wait_ready();
}

void ServerProcess::wait_ready() {
  auto deadline = std::chrono::steady_clock::now() + ready_timeout();
  HttpClient client(base_url());
  client.set_timeout(std::chrono::seconds(2));
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) {
      throw std::runtime_error("prism exited during startup; log tail:\n" + log_tail());
    }
    try {
      auto r = client.get("/ready");
      if (r.status == 200) return;
      last = "GET /ready answered " + std::to_string(r.status) + ": " + r.body;
    } catch (const std::exception& e) {
      last = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("prism not ready within the timeout (" + last + "); log tail:\n" +
                           log_tail());
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ServerProcess::send_signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) throw std::logic_error("server is not running");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return decode_status(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int ServerProcess::stop(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) throw std::logic_error("server is not running");
  send_signal(SIGTERM);
  if (auto code = wait_exit(deadline)) {
    check_sanitizer_reports();
    return *code;
  }
  kill9();
  throw std::runtime_error("prism did not exit within the deadline after SIGTERM");
}

void ServerProcess::check_sanitizer_reports() {
  // The server runs in its own process: without this, an ASan/UBSan/LSan
  // report in it would only end up in its log and no test would fail.
  std::string text = log();
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                             "runtime error:", "ERROR: ThreadSanitizer"}) {
    auto pos = text.find(marker, sanitizer_checked_);
    if (pos != std::string::npos) {
      ADD_FAILURE() << "sanitizer report in the server log (" << log_path_.string() << "):\n"
                    << text.substr(pos > 2000 ? pos - 2000 : 0, 8000);
      break;
    }
  }
  sanitizer_checked_ = text.size();
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ServerProcess::restart() { restart(EnvVars{}); }

void ServerProcess::restart(const EnvVars& changed_env) {
  if (pid_ > 0) {
    int code = stop();
    if (code != 0) throw std::runtime_error("prism exited with " + std::to_string(code));
  }
  set_env(changed_env);
  start(true);
}

void ServerProcess::set_env(const EnvVars& vars) {
  for (const auto& [k, v] : vars) {
    bool replaced = false;
    for (auto& [ek, ev] : env_) {
      if (ek == k) {
        ev = v;
        replaced = true;
      }
    }
    if (!replaced) env_.emplace_back(k, v);
  }
}

std::string ServerProcess::log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ServerProcess::log_tail(std::size_t lines) const {
  std::string all = log();
  if (all.empty()) return all;  // a quiet server (LOG_LEVEL=warn) may have logged nothing
  std::size_t pos = all.size();
  for (std::size_t n = 0; n <= lines && pos > 0; ++n) {
    pos = all.rfind('\n', pos - 1);
    if (pos == std::string::npos) return all;
  }
  return all.substr(pos + 1);
}

}  // namespace prism::testing
