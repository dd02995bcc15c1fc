#include "core/json.hpp"

#include <gtest/gtest.h>

namespace prism {
namespace {

TEST(JsonReader, CollectsEveryFieldErrorAndUnknownFields) {
  auto obj = parse_json_object(R"({"name":"","age":"x","extra":1})");
  JsonReader r(obj);
  r.required_string("name");
  r.optional_int("age", 0, 10);
  r.required_string("email");
  try {
    r.finish();
    FAIL() << "expected a validation error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    ASSERT_EQ(e.field_errors.size(), 4u);
    EXPECT_EQ(e.field_errors[3].field, "extra");
  }
}

TEST(JsonReader, MalformedJsonIsBadRequestAndNonObjectIsValidation) {
  try {
    parse_json_object("{");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadRequest);
  }
  try {
    parse_json_object("[1]");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
  }
}

// Which of two values a duplicated key keeps differs between parsers, so a
// body that says one thing to PRISM and another to a proxy is refused.
TEST(JsonReader, ADuplicatedKeyAtAnyDepthIsBadRequest) {
  for (const char* body : {R"({"a":1,"a":2})", R"({"a":1,"b":{"c":1,"c":1}})",
                           R"({"x":[{"k":"v","k":"w"}]})", R"({"a\u0062":1,"ab":2})"}) {
    try {
      parse_json_object(body);
      ADD_FAILURE() << body;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadRequest) << body;
    }
  }
  // The same key in sibling objects is fine, and so is an empty key once.
  auto obj = parse_json_object(R"({"a":{"k":1},"b":{"k":2},"":0,"list":[{"k":1},{"k":2}]})");
  EXPECT_EQ(obj.size(), 4u);
  EXPECT_EQ(obj.at("b").as_object().at("k").as_int64(), 2);
}

TEST(JsonReader, CountsCodePointsNotBytes) {
  auto obj = parse_json_object(R"({"p":"ééééé"})");
  JsonReader r(obj);
  EXPECT_EQ(r.optional_string("p", 5, 5).value_or(""), "ééééé");
  r.finish();
}

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_FALSE(utf8_length("\xC3").has_value());
  EXPECT_FALSE(utf8_length("\xFF").has_value());
  EXPECT_EQ(utf8_length("a€").value(), 2u);
}

}  // namespace
}  // namespace prism
