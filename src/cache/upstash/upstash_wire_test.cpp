#include "cache/upstash/upstash_wire.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cache/redis/redis_settings.hpp"

namespace prism::cache {
namespace {

namespace json = boost::json;

TEST(UpstashWire, Base64RoundTripsEveryLength) {
  std::string bytes("\0\xff\x10 abc\n", 8);
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    std::string part = bytes.substr(0, n);
    EXPECT_EQ(upstash::base64_decode(upstash::base64_encode(part)), part) << n;
  }
  EXPECT_EQ(upstash::base64_encode("v"), "dg==");
  EXPECT_FALSE(upstash::base64_decode("OK"));
  EXPECT_FALSE(upstash::base64_decode("a*=="));
}

TEST(UpstashWire, OnlyValidUtf8WithoutNulTravelsAsJsonText) {
  EXPECT_TRUE(upstash::json_safe("plain"));
  EXPECT_TRUE(upstash::json_safe("gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(upstash::json_safe(std::string("a\0b", 3)));
  EXPECT_FALSE(upstash::json_safe("\xff"));
  EXPECT_FALSE(upstash::json_safe("\xc3"));          // cut short
  EXPECT_FALSE(upstash::json_safe("\xc0\xaf"));      // overlong
  EXPECT_FALSE(upstash::json_safe("\xed\xa0\x80"));  // a surrogate
}

TEST(UpstashWire, RepliesDecodeFromTheEnvelope) {
  auto r = upstash::reply_from_json(json::parse(R"({"result":["dg==",3,null,"OK"]})"), true);
  ASSERT_EQ(r.type, Reply::Type::kArray);
  ASSERT_EQ(r.elements.size(), 4u);
  EXPECT_EQ(r.elements[0].text, "v");
  EXPECT_EQ(r.elements[1].integer, 3);
  EXPECT_EQ(r.elements[2].type, Reply::Type::kNil);
  EXPECT_EQ(r.elements[3].text, "OK");
  auto e = upstash::reply_from_json(json::parse(R"({"error":"ERR wrong"})"), true);
  EXPECT_TRUE(e.is_error());
  EXPECT_EQ(e.text, "ERR wrong");
  EXPECT_EQ(json::serialize(upstash::reply_to_json(r, true)), R"({"result":["dg==",3,null,"OK"]})");
}

TEST(RedisUrl, ParsesUserPasswordDatabaseAndTls) {
  auto s = parse_redis_url("rediss://app:p%40ss@cache.example:6380/3");
  EXPECT_TRUE(s.tls);
  EXPECT_EQ(s.host, "cache.example");
  EXPECT_EQ(s.port, "6380");
  EXPECT_EQ(s.user, "app");
  EXPECT_EQ(s.password, "p@ss");
  EXPECT_EQ(s.db, 3);
  EXPECT_EQ(s.redacted_url, "rediss://***@cache.example:6380/3");
  auto p = parse_redis_url("redis://:only-password@127.0.0.1");
  EXPECT_EQ(p.user, "");
  EXPECT_EQ(p.password, "only-password");
  EXPECT_EQ(p.port, "6379");
  EXPECT_FALSE(p.tls);
  EXPECT_THROW(parse_redis_url("redis://host:6379/16"), std::invalid_argument);
  EXPECT_THROW(parse_redis_url("memcached://host"), std::invalid_argument);
}

}  // namespace
}  // namespace prism::cache
