#include "http/wire.hpp"

#include <gtest/gtest.h>

namespace prism::http {
namespace {

TEST(WireTest, WritesTheStatusLineAndEveryFieldInOrder) {
  RawResponse res{beast_http::status::not_found, 11};
  res.set(beast_http::field::content_type, "application/problem+json");
  res.set("X-Request-ID", "abc");
  res.insert("Set-Cookie", "a=1");
  res.insert("Set-Cookie", "b=2");
  res.body() = "{}";
  res.keep_alive(false);
  res.prepare_payload();
  EXPECT_EQ(wire_head(res),
            "HTTP/1.1 404 Not Found\r\n"
            "Content-Type: application/problem+json\r\n"
            "X-Request-ID: abc\r\n"
            "Set-Cookie: a=1\r\n"
            "Set-Cookie: b=2\r\n"
            "Connection: close\r\n"
            "Content-Length: 2\r\n"
            "\r\n");
}

TEST(WireTest, AnswersAnHttp10RequestInHttp10) {
  RawResponse res{beast_http::status::ok, 10};
  res.prepare_payload();
  EXPECT_EQ(wire_head(res), "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
}

}  // namespace
}  // namespace prism::http
