#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "support/loopback_listener.hpp"

namespace prism::testing {

// A local server speaking Upstash's REST format in front of a REAL Redis
// (the only part of the Upstash backend that is stood in for is the hosted
// HTTP front end): POST / with a JSON command array, /pipeline with an array
// of them, /multi-exec as one transaction; answers {"result": …} or
// {"error": "…"} (400 for a failing single command), base64 strings with
// `Upstash-Encoding: base64`, and 401 without `Authorization: Bearer
// <token>`. Each HTTP connection forwards over its own Redis connection.
class UpstashRestServer {
 public:
  // `redis_url`: redis://[user:password@]host:port[/db] (no TLS).
  UpstashRestServer(std::string redis_url, std::string token);
  ~UpstashRestServer();

  std::string url() const;  // http://127.0.0.1:<port>
  int port() const { return listener_->port(); }
  // Commands forwarded so far (each command of a pipeline counts).
  long commands() const;

 private:
  void serve(int fd);

  std::string redis_url_;
  std::string token_;
  mutable std::mutex mutex_;
  std::set<int> open_fds_;
  long commands_ = 0;
  std::unique_ptr<LoopbackListener> listener_;
};

}  // namespace prism::testing
