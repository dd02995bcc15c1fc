#include "services/generations/generation_request.hpp"

#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "core/error_testing.hpp"

namespace prism::services::generations {
namespace {

json::object prd(json::object input) {
  return json::object{{"kind", "prd"}, {"input", std::move(input)}};
}

TEST(GenerationRequest, NormalizesWhiteSpaceButKeepsCase) {
  EXPECT_EQ(normalize_text("  A\t tool \n for  US teams  "), "A tool for US teams");
  auto r =
      parse_generation_request(prd(json::object{{"product_name", " Acme "},
                                                {"description", "x\n\ny"},
                                                {"key_features", json::array{" search  fast "}}}));
  EXPECT_EQ(r.input["product_name"].as_string(), "Acme");
  EXPECT_EQ(r.input["description"].as_string(), "x y");
  EXPECT_EQ(r.input["key_features"].as_array()[0].as_string(), "search fast");
  EXPECT_TRUE(r.use_cache);
}

TEST(GenerationRequest, RejectsUnknownKindsMissingFieldsAndUnknownFields) {
  EXPECT_EQ(code_of([] {
              parse_generation_request(json::object{{"kind", "poem"}, {"input", json::object{}}});
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([] {
              parse_generation_request(prd(json::object{{"product_name", "A"}}));
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([] {
              parse_generation_request(prd(
                  json::object{{"product_name", "A"}, {"description", "d"}, {"colour", "red"}}));
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([] {
              parse_generation_request(json::object{{"kind", "prd"}});
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(
      code_of([] {
        parse_generation_request(json::object{
            {"kind", "stories"}, {"input", json::object{{"document_id", "d"}, {"count", 500}}}});
      }),
      ErrorCode::kValidationFailed);
}

TEST(GenerationRequest, DocumentIdMayBeGivenAtTheTopLevelForAPrd) {
  auto body = prd(json::object{{"product_name", "A"}, {"description", "d"}});
  body["document_id"] = "doc-1";
  auto r = parse_generation_request(body);
  EXPECT_EQ(r.document_id, "doc-1");
  EXPECT_EQ(r.input["document_id"].as_string(), "doc-1");
}

TEST(GenerationRequest, CacheKeyDependsOnEveryPartButNotOnFieldOrder) {
  json::object a{{"x", "1"}, {"y", "2"}};
  json::object b{{"y", "2"}, {"x", "1"}};
  CacheKeyParts parts{"org", "prd", &a, "lean", 1, "openai", "gpt", {}, ""};
  std::string key = cache_key(parts);
  EXPECT_EQ(key.size(), 64u);
  CacheKeyParts reordered = parts;
  reordered.input = &b;
  EXPECT_EQ(cache_key(reordered), key);
  for (auto change : std::vector<std::function<void(CacheKeyParts&)>>{
           [](CacheKeyParts& p) { p.org_id = "other"; },
           [](CacheKeyParts& p) { p.kind = "section"; },
           [](CacheKeyParts& p) { p.template_name = "agile"; },
           [](CacheKeyParts& p) { p.template_version = 2; },
           [](CacheKeyParts& p) { p.provider = "anthropic"; },
           [](CacheKeyParts& p) { p.model = "other"; },
           [](CacheKeyParts& p) { p.params["temperature"] = 0.9; },
           [](CacheKeyParts& p) { p.source_fingerprint = "abc"; }}) {
    CacheKeyParts changed = parts;
    change(changed);
    EXPECT_NE(cache_key(changed), key);
  }
}

TEST(UsagePeriod, MonthsAndDaysInUtc) {
  // 2026-11-25T16:00:00Z
  auto m = month_of(1795622400000);
  EXPECT_EQ(m.from_ms, *parse_day("2026-11-01"));
  EXPECT_EQ(m.to_ms, *parse_day("2026-12-01"));
  auto dec = month_of(*parse_day("2026-12-31") + 1000);
  EXPECT_EQ(dec.to_ms, *parse_day("2027-01-01"));
  EXPECT_EQ(*parse_day("1970-01-02"), 86400000);
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("2026-13-01"));
  EXPECT_FALSE(parse_day("26-1-1"));
}

}  // namespace
}  // namespace prism::services::generations
