#include "support/postgres_instance.hpp"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#ifndef PRISM_SOURCE_DIR
#error "PRISM_SOURCE_DIR must name the source tree"
#endif

namespace prism::testing {

namespace {

std::string run_capture(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::string out;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int rc = ::pclose(pipe);
  if (rc != 0)
    throw std::runtime_error("failed (" + std::to_string(rc) + "): " + command + "\n" + out);
  return out;
}

}  // namespace

PostgresInstance::PostgresInstance() {
  std::string out = run_capture(
      "bash -c 'source " PRISM_SOURCE_DIR
      "/tests/services/postgres.sh && pg_service_start >/dev/null && "
      "printf \"%s\\n%s\\n\" \"$PRISM_TEST_POSTGRES_URL\" \"$PRISM_TEST_POSTGRES_DIR\"' 2>&1");
  auto nl = out.find('\n');
  if (nl == std::string::npos || out.rfind("postgresql://", 0) != 0) {
    throw std::runtime_error("tests/services/postgres.sh did not start PostgreSQL:\n" + out);
  }
  url_ = out.substr(0, nl);
  dir_ = out.substr(nl + 1, out.find('\n', nl + 1) - nl - 1);
  auto colon = url_.find(':', 13), at = url_.find('@');
  password_ = url_.substr(colon + 1, at - colon - 1);
}

PostgresInstance::~PostgresInstance() {
  try {
    thaw();
  } catch (const std::exception&) {
  }
  try {
    pg_ctl("-m immediate stop");
  } catch (const std::exception&) {
    // Already stopped.
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void PostgresInstance::pg_ctl(const std::string& args) {
  run_capture("runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D " +
              (dir_ / "data").string() + " -l " + (dir_ / "server.log").string() + " -w -t 30 " +
              args + " 2>&1");
}

// The postmaster's pid is the first line of postmaster.pid; its children are
// the backends and auxiliary processes.
void PostgresInstance::signal_all(int sig) {
  std::ifstream pid_file(dir_ / "data" / "postmaster.pid");
  long pid = 0;
  if (!(pid_file >> pid) || pid <= 0) throw std::runtime_error("no postmaster.pid");
  std::string children = run_capture("pgrep -P " + std::to_string(pid) + " || true");
  if (sig == SIGSTOP) ::kill(static_cast<pid_t>(pid), sig);
  std::size_t at = 0;
  while (at < children.size()) {
    auto nl = children.find('\n', at);
    long child = std::atol(children.substr(at, nl - at).c_str());
    if (child > 0) ::kill(static_cast<pid_t>(child), sig);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  if (sig != SIGSTOP) ::kill(static_cast<pid_t>(pid), sig);
}

void PostgresInstance::freeze() { signal_all(SIGSTOP); }
void PostgresInstance::thaw() { signal_all(SIGCONT); }

void PostgresInstance::stop() { pg_ctl("-m fast stop"); }
void PostgresInstance::start() { pg_ctl("start"); }
void PostgresInstance::restart_immediate() { pg_ctl("-m immediate restart"); }

}  // namespace prism::testing
