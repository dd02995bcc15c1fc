#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prism::testing {

// Debian's nginx as the load balancer in front of several `prism serve`
// instances, as in production: round robin over `upstream_ports`, HTTP/1.1
// with keep-alive to the upstreams, and response buffering off so that
// Server-Sent Events pass through as they are written. Runs in the
// foreground from a temporary directory on a free loopback port; stopped
// by the destructor.
class NginxProxy {
 public:
  explicit NginxProxy(const std::vector<int>& upstream_ports);
  ~NginxProxy();
  NginxProxy(const NginxProxy&) = delete;
  NginxProxy& operator=(const NginxProxy&) = delete;

  int port() const { return port_; }
  std::string base_url() const;
  std::string error_log() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// The nginx binary, or "" when it is not installed.
std::string nginx_binary();

}  // namespace prism::testing
