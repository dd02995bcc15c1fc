// prism_upstash_stand_in: the Upstash REST stand-in (tests/support/
// upstash_rest_server.hpp) as a process, for scripts that run several
// `prism` instances against one "Upstash". Reads the Redis URL and the token
// from the environment (STAND_IN_REDIS_URL, STAND_IN_TOKEN) so neither shows
// in `ps`, prints its URL on stdout and serves until SIGTERM or SIGINT.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "support/upstash_rest_server.hpp"

int main() {
  const char* redis_url = std::getenv("STAND_IN_REDIS_URL");
  const char* token = std::getenv("STAND_IN_TOKEN");
  if (!redis_url || !token) {
    std::fprintf(stderr, "set STAND_IN_REDIS_URL and STAND_IN_TOKEN\n");
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    prism::testing::UpstashRestServer server(redis_url, token);
    std::printf("%s\n", server.url().c_str());
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "upstash stand-in: %s\n", e.what());
    return 1;
  }
  return 0;
}
