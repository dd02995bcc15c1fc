// `prism openapi` prints the document the server serves, so the web app can
// generate its API types without starting a server.
#include <gtest/gtest.h>

#include <cstdio>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

using testing::HttpClient;
using testing::ServerProcess;

TEST(OpenApiCommand, PrintsTheServedDocument) {
  std::string printed;
  FILE* pipe = ::popen(PRISM_BINARY " openapi", "r");
  ASSERT_NE(pipe, nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) printed.append(buf, n);
  EXPECT_EQ(::pclose(pipe), 0);
  ASSERT_FALSE(printed.empty());
  EXPECT_EQ(printed.back(), '\n');
  auto document = boost::json::parse(printed);
  EXPECT_TRUE(document.as_object().contains("openapi"));
  EXPECT_TRUE(document.at("paths").as_object().contains("/api/v1/openapi.json"));

  ServerProcess server;
  auto served = HttpClient(server.base_url()).get("/api/v1/openapi.json");
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(printed, served.body + "\n");
}

}  // namespace
}  // namespace prism
