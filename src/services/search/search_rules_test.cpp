#include "services/search/search_rules.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::services::search {
namespace {

std::vector<std::string> fields_refused(std::optional<std::string_view> q,
                                        std::optional<std::string_view> limit) {
  try {
    parse_search_request(q, limit);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    std::vector<std::string> out;
    for (const auto& f : e.field_errors) out.push_back(f.field);
    return out;
  }
  return {};
}

TEST(SearchRules, TakesWordsAKeyAndALimit) {
  auto r = parse_search_request("refund  window", std::nullopt);
  EXPECT_EQ(r.words, (std::vector<std::string>{"refund", "window"}));
  EXPECT_FALSE(r.key);
  EXPECT_EQ(r.limit, kDefaultLimit);
  r = parse_search_request(" chk-12 ", "50");
  ASSERT_TRUE(r.key);
  EXPECT_EQ(r.key->project_key, "CHK");
  EXPECT_EQ(r.key->number, 12);
  EXPECT_EQ(r.words, (std::vector<std::string>{"chk", "12"}));
  EXPECT_EQ(r.limit, 50);
}

TEST(SearchRules, RefusesUnboundedOrEmptyRequestsNamingEachField) {
  using V = std::vector<std::string>;
  EXPECT_EQ(fields_refused(std::nullopt, std::nullopt), V{"q"});
  EXPECT_EQ(fields_refused("", std::nullopt), V{"q"});
  EXPECT_EQ(fields_refused("?!-", std::nullopt), V{"q"});
  EXPECT_EQ(fields_refused(std::string(201, 'a'), std::nullopt), V{"q"});
  EXPECT_EQ(fields_refused("\xff\xfe", std::nullopt), V{"q"});
  EXPECT_EQ(fields_refused(std::string(200, 'a'), std::nullopt), V{});
  EXPECT_EQ(fields_refused(std::string(100, 'a') + std::string(50, ' '), "1"), V{});
  for (const char* bad : {"0", "51", "-1", "x", "1.5", " 2"}) {
    EXPECT_EQ(fields_refused("ok", bad), V{"limit"}) << bad;
  }
  EXPECT_EQ(fields_refused("", "99"), (V{"q", "limit"}));
}

}  // namespace
}  // namespace prism::services::search
