// Measures cold start: from fork+exec of a server command to the first
// `200` answer from GET /ready on 127.0.0.1:<port>, polled every 0.5 ms with a
// raw socket (a curl process per poll would add its own start-up to every
// figure). Prints one line per run and then `median_ms <value>`.
//
//   cold_start <runs> <port> <command> [args…]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

bool ready(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET /ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
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
  int port = std::atoi(argv[2]);
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto begin = std::chrono::steady_clock::now();
    pid_t pid = start(argv + 3);
    auto deadline = begin + std::chrono::seconds(10);
    while (!ready(port)) {
      if (exited(pid) || std::chrono::steady_clock::now() > deadline) {
        std::fprintf(stderr, "the server exited or did not become ready\n");
        ::kill(pid, SIGKILL);
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    times.push_back(ms);
    std::printf("run %d: %.1f ms\n", i + 1, ms);
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  std::sort(times.begin(), times.end());
  std::size_t n = times.size();
  double median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  std::printf("median_ms %.1f\n", median);
  return 0;
}
