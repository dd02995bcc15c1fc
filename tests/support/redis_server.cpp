#include "support/redis_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_listener.hpp"

namespace prism::testing {
namespace fs = std::filesystem;

namespace {

fs::path tls_dir() {
  const char* dir = std::getenv("PRISM_TEST_REDIS_TLS_DIR");
  return dir ? fs::path(dir) : fs::path();
}

}  // namespace

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool RedisServer::tls_available() {
  return !tls_dir().empty() && fs::exists(tls_dir() / "server.crt");
}

fs::path RedisServer::make_unrelated_ca(const fs::path& dir) {
  fs::create_directories(dir);
  fs::path cert = dir / "unrelated-ca.crt";
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=unrelated-ca -keyout '" +
      (dir / "unrelated-ca.key").string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a CA");
  return cert;
}

RedisServer::RedisServer(bool tls) : tls_(tls) {
  if (tls && !tls_available()) throw std::runtime_error("PRISM_TEST_REDIS_TLS_DIR is not set");
  char pattern[] = "/tmp/prism-redis-XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  port_ = free_loopback_port();
  std::vector<std::string> args{"redis-server",
                                "--bind",
                                "127.0.0.1",
                                "--requirepass",
                                kPassword,
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--dir",
                                dir_.string(),
                                "--logfile",
                                (dir_ / "redis.log").string()};
  if (tls) {
    fs::path certs = tls_dir();
    args.insert(
        args.end(),
        {"--port", "0", "--tls-port", std::to_string(port_), "--tls-auth-clients", "no",
         "--tls-cert-file", (certs / "server.crt").string(), "--tls-key-file",
         (certs / "server.key").string(), "--tls-ca-cert-file", (certs / "ca.crt").string()});
  } else {
    args.insert(args.end(), {"--port", std::to_string(port_)});
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("redis-server", argv.data());
    ::_exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!accepts_connections(port_)) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-server did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

RedisServer::~RedisServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string RedisServer::url(const std::string& password) const {
  std::string host = tls_ ? "localhost" : "127.0.0.1";
  return std::string(tls_ ? "rediss" : "redis") + "://:" + password + "@" + host + ":" +
         std::to_string(port_);
}

// kill() returns before the signal has taken effect: on a busy machine the
// server could still answer the very next command. Returns once the kernel
// reports it stopped ('T' in /proc/PID/stat).
void RedisServer::pause() {
  ::kill(pid_, SIGSTOP);
  std::string path = "/proc/" + std::to_string(pid_) + "/stat";
  for (int i = 0; i < 1000; ++i) {
    std::ifstream stat(path);
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'T') return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  throw std::runtime_error("redis-server did not stop after SIGSTOP");
}
void RedisServer::resume() { ::kill(pid_, SIGCONT); }

}  // namespace prism::testing
