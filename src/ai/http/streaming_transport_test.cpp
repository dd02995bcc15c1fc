#include "ai/http/streaming_transport.hpp"

#include <gtest/gtest.h>

namespace prism::ai::http {
namespace {

using std::chrono::milliseconds;

TEST(RetryAfter, ReadsSecondsAndHttpDates) {
  auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(parse_retry_after("0", now), milliseconds(0));
  EXPECT_EQ(parse_retry_after("7", now), milliseconds(7000));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            milliseconds(0));  // already past
  EXPECT_EQ(parse_retry_after("", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("99999999999999", now), std::nullopt);
}

TEST(ProviderErrorMessage, ReadsBothApisErrorShapes) {
  EXPECT_EQ(
      provider_error_message(
          R"({"type":"error","error":{"type":"invalid_request_error","message":"too long"}})"),
      "too long");
  EXPECT_EQ(
      provider_error_message(R"({"error":{"message":"bad model","type":"invalid_request_error"}})"),
      "bad model");
  EXPECT_EQ(provider_error_message(R"({"error":"model not found"})"), "model not found");
  EXPECT_EQ(provider_error_message("<html>\nBad Gateway</html>"), "<html> Bad Gateway</html>");
  EXPECT_EQ(provider_error_message(""), "no details");
  EXPECT_EQ(provider_error_message(std::string(5000, 'x')).size(), 200u);
}

}  // namespace
}  // namespace prism::ai::http
