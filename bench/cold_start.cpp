// Measures cold start: from fork+exec of a server command to the first
// `200` answer from GET /ready on 127.0.0.1:<port>, polled every 0.5 ms with a
// raw socket (a curl process per poll would add its own start-up to every
// figure), and the CPU time (user + system, all threads) the server used
// until then, read from its process CPU clock the moment the 200 arrives.
// Prints one line per run and then `median_ms <wall>` and `median_cpu_ms
// <cpu>`.
//
//   cold_start <runs> <port> <command> [args…]
//
// COLD_START_PATH polls another path instead of /ready (e.g. a document, as
// the request that wakes a sleeping server would), and COLD_START_TOKEN sends
// it with `Authorization: Bearer <token>`. Both are removed from the
// environment the server inherits.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Probe {
  int port = 0;
  std::string request;
};

Probe probe(int port) {
  std::string path = "/ready";
  std::string authorization;
  if (const char* p = std::getenv("COLD_START_PATH"); p && *p) path = p;
  if (const char* t = std::getenv("COLD_START_TOKEN"); t && *t) {
    authorization = std::string("Authorization: Bearer ") + t + "\r\n";
  }
  ::unsetenv("COLD_START_PATH");
  ::unsetenv("COLD_START_TOKEN");
  return {port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization +
                    "Connection: close\r\n\r\n"};
}

bool ready(const Probe& probe) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(probe.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string& request = probe.request;
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[16] = {};
      ssize_t n = ::recv(fd, buffer, sizeof buffer - 1, MSG_WAITALL);
      ok = n >= 12 && std::strncmp(buffer, "HTTP/1.1 200", 12) == 0;
    }
  }
  ::close(fd);
  return ok;
}

pid_t start(char** argv) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(argv[0], argv);
    std::perror("execv");
    std::_Exit(127);
  }
  return pid;
}

// User + system CPU milliseconds of every thread of `pid` so far, exact (the
// tick counts in /proc/<pid>/stat are 10 ms coarse).
double cpu_ms(pid_t pid) {
  clockid_t clock;
  timespec ts{};
  if (::clock_getcpuclockid(pid, &clock) != 0 || ::clock_gettime(clock, &ts) != 0) return -1;
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool exited(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == pid;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: cold_start <runs> <port> <command> [args…]\n");
    return 2;
  }
  int runs = std::atoi(argv[1]);
  if (runs < 1) {
    std::fprintf(stderr, "cold_start: runs must be at least 1\n");
    return 2;
  }
  Probe target = probe(std::atoi(argv[2]));
  std::vector<double> times, cpu;
  for (int i = 0; i < runs; ++i) {
    auto begin = std::chrono::steady_clock::now();
    pid_t pid = start(argv + 3);
    auto deadline = begin + std::chrono::seconds(10);
    while (!ready(target)) {
      if (exited(pid) || std::chrono::steady_clock::now() > deadline) {
        std::fprintf(stderr, "the server exited or did not become ready\n");
        ::kill(pid, SIGKILL);
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    double cpu_used = cpu_ms(pid);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    times.push_back(ms);
    cpu.push_back(cpu_used);
    std::printf("run %d: %.1f ms, %.1f ms CPU\n", i + 1, ms, cpu_used);
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  std::printf("median_ms %.1f\nmedian_cpu_ms %.1f\nmax_ms %.1f\nmax_cpu_ms %.1f\n", median(times),
              median(cpu), *std::max_element(times.begin(), times.end()),
              *std::max_element(cpu.begin(), cpu.end()));
  return 0;
}
