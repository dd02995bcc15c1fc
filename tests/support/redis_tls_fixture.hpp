#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "support/redis_server.hpp"

namespace prism::testing {

// Tests that start a redis-server of their own with TLS: skipped unless
// tests/services/redis.sh made its certificates (PRISM_TEST_REDIS_TLS_DIR);
// ca_ is the CA file a server's REDIS_CA_CERT names.
class RedisTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisServer::tls_available()) {
      GTEST_SKIP()
          << "PRISM_TEST_REDIS_TLS_DIR is unset (source tests/services/redis.sh; redis_start)";
    }
    ca_ = std::getenv("PRISM_TEST_REDIS_CA");
  }
  std::string ca_;
};

}  // namespace prism::testing
