#include "http/request.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::http {
namespace {

TEST(Request, QueryParametersAreDecodedAndTheLastValueWins) {
  RawRequest raw{beast_http::verb::get, "/x?limit=5&q=a%20b&limit=7", 11};
  Request req(raw, "/x", "limit=5&q=a%20b&limit=7", "rid", "127.0.0.1");
  EXPECT_EQ(req.query("limit"), "7");
  EXPECT_EQ(req.query("q"), "a b");
  EXPECT_FALSE(req.query("cursor").has_value());
}

TEST(Request, AFragmentOrMalformedQueryIsABadRequest) {
  for (std::string query : {"#y", "a=1#y", "a=%zz", "a b"}) {
    RawRequest raw{beast_http::verb::get, "/x?" + query, 11};
    try {
      Request req(raw, "/x", query, "rid", "127.0.0.1");
      ADD_FAILURE() << "accepted the query " << query;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadRequest) << query;
    }
  }
}

TEST(Request, EmptyAndValuelessParametersAreKept) {
  RawRequest raw{beast_http::verb::get, "/x?a&b=&=c", 11};
  Request req(raw, "/x", "a&b=&=c", "rid", "127.0.0.1");
  EXPECT_EQ(req.query("a"), "");
  EXPECT_EQ(req.query("b"), "");
  EXPECT_FALSE(req.query("c").has_value());
}

}  // namespace
}  // namespace prism::http
