#include "http/request.hpp"

#include <gtest/gtest.h>

namespace prism::http {
namespace {

TEST(Request, QueryParametersAreDecodedAndTheLastValueWins) {
  RawRequest raw{beast_http::verb::get, "/x?limit=5&q=a%20b&limit=7", 11};
  Request req(raw, "/x", "limit=5&q=a%20b&limit=7", "rid", "127.0.0.1");
  EXPECT_EQ(req.query("limit"), "7");
  EXPECT_EQ(req.query("q"), "a b");
  EXPECT_FALSE(req.query("cursor").has_value());
}

}  // namespace
}  // namespace prism::http
