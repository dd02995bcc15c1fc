#pragma once

// Starts `prism serve` for a benchmark, pointed at a local OpenAI-format
// server, and reads its memory and CPU use from /proc.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_net.hpp"

namespace bench {

struct Prism {
  pid_t pid = -1;
  int port = 0;
};

// `prism serve` on a fresh SQLite database in `dir`, with `settings`
// ("NAME=value") added to a minimal environment; returns once /ready answers.
inline Prism start_prism(const std::string& binary, const std::filesystem::path& dir,
                         std::vector<std::string> settings) {
  Prism p;
  p.port = bench::free_port();
  std::vector<std::string> env = {"DATABASE_URL=sqlite:" + (dir / "prism.db").string(),
                                  "HOST=127.0.0.1", "PORT=" + std::to_string(p.port),
                                  "JWT_SECRET_KEY=bench-secret-bench-secret-bench-secret-0123456789",
                                  "LOG_LEVEL=warn"};
  env.insert(env.end(), settings.begin(), settings.end());
  for (const char* name : {"PATH", "MALLOC_ARENA_MAX"}) {
    if (const char* v = std::getenv(name)) env.push_back(std::string(name) + "=" + v);
  }
  p.pid = ::fork();
  if (p.pid == 0) {
    int log = ::open((dir / "prism.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    ::dup2(log, 1);
    ::dup2(log, 2);
    std::vector<char*> envp,
        argv{const_cast<char*>(binary.c_str()), const_cast<char*>("serve"), nullptr};
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(binary.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  for (int i = 0; i < 1000; ++i) {
    if (bench::http(p.port, "GET", "/ready").status == 200) return p;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("prism did not become ready; see " + (dir / "prism.log").string());
}

// prism pointed at a local OpenAI-format server, with limits raised so one
// organization runs every one of `generations` at once.
inline Prism start_prism(const std::string& binary, const std::filesystem::path& dir,
                         const std::string& openai_url, int generations) {
  return start_prism(
      binary, dir,
      {"AI_DEFAULT_PROVIDER=openai", "OPENAI_BASE_URL=" + openai_url, "OPENAI_API_KEY=sk-bench",
       "OPENAI_MODEL=gpt-4o-mini",
       "AI_MAX_CONCURRENT_PER_ORG=" + std::to_string(std::min(generations + 10, 1000)),
       "AI_MAX_CONCURRENT_PER_USER=" + std::to_string(std::min(generations + 10, 1000)),
       "AI_WORKER_THREADS=" + std::to_string(generations + 10),
       "AI_RATE_LIMIT_PER_USER_PER_HOUR=100000", "AI_IDLE_TIMEOUT_SECONDS=120"});
}

inline double rss_mib(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stod(line.substr(std::strlen(field) + 1)) / 1024;
  }
  return 0;
}

// User + system CPU seconds the process has used.
inline double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace bench
