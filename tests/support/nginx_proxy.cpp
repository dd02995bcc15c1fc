#include "support/nginx_proxy.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism::testing {

namespace {

std::string config(const std::filesystem::path& dir, int port, const std::vector<int>& upstreams) {
  std::ostringstream c;
  // As root, nginx would start its workers as `nobody`, who cannot write
  // the temporary directory; they stay the test's user instead.
  if (::geteuid() == 0) c << "user root;\n";
  c << "daemon off;\nworker_processes 1;\n"
    << "pid " << (dir / "nginx.pid").string() << ";\n"
    << "error_log " << (dir / "error.log").string() << " warn;\n"
    << "events { worker_connections 1024; }\n"
    << "http {\n  access_log off;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    c << "  " << temp << "_temp_path " << (dir / temp).string() << ";\n";
  }
  c << "  upstream prism {\n";
  for (int p : upstreams) c << "    server 127.0.0.1:" << p << " max_fails=0;\n";
  c << "    keepalive 16;\n  }\n"
    << "  server {\n    listen 127.0.0.1:" << port << ";\n"
    << "    client_max_body_size 2m;\n"
    << "    location / {\n"
    << "      proxy_pass http://prism;\n"
    << "      proxy_http_version 1.1;\n"
    << "      proxy_set_header Connection \"\";\n"
    << "      proxy_set_header Host $http_host;\n"
    << "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
    << "      proxy_set_header X-Forwarded-Proto $scheme;\n"
    << "      proxy_buffering off;\n"
    << "      proxy_read_timeout 1h;\n"
    << "    }\n  }\n}\n";
  return c.str();
}

}  // namespace

std::string nginx_binary() {
  for (const char* path : {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "";
}

NginxProxy::NginxProxy(const std::vector<int>& upstream_ports) {
  std::string binary = nginx_binary();
  if (binary.empty()) throw std::runtime_error("nginx is not installed (script/bootstrap)");
  char tmpl[] = "/tmp/prism-nginx-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  port_ = pick_free_port();
  std::ofstream(dir_ / "nginx.conf") << config(dir_, port_, upstream_ports);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::string conf = (dir_ / "nginx.conf").string();
    std::string prefix = dir_.string() + "/";
    std::string log = (dir_ / "stderr.log").string();
    std::FILE* out = std::freopen(log.c_str(), "w", stderr);
    (void)out;
    ::execl(binary.c_str(), binary.c_str(), "-e", (dir_ / "error.log").c_str(), "-p",
            prefix.c_str(), "-c", conf.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Ready when it answers anything at all (a 502 before the upstreams are).
  HttpClient probe(base_url());
  probe.set_timeout(std::chrono::milliseconds(500));
  wait_for_child(
      pid_, "nginx",
      [&] {
        try {
          return probe.get("/health").status > 0;
        } catch (const std::exception&) {
          return false;
        }
      },
      [this] { return error_log(); });
}

NginxProxy::~NginxProxy() {
  stop_child(pid_);  // SIGTERM: fast shutdown of the master and its worker
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string NginxProxy::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string NginxProxy::error_log() const {
  std::ifstream in(dir_ / "error.log");
  std::ostringstream out;
  out << in.rdbuf();
  std::ifstream err(dir_ / "stderr.log");
  out << err.rdbuf();
  return out.str();
}

}  // namespace prism::testing
