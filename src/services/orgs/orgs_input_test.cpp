#include "services/orgs/orgs_input.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::services {
namespace {

std::vector<FieldError> field_errors(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    return e.field_errors;
  }
  ADD_FAILURE() << "expected a validation error";
  return {};
}

bool has_field(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(CreateOrgInput, TrimsTheNameAndKeepsAnExplicitSlug) {
  auto in = parse_create_org(parse_json_object(R"({"name":"  Acme  ","slug":"acme-hq"})"));
  EXPECT_EQ(in.name, "Acme");
  EXPECT_EQ(in.slug, "acme-hq");
  EXPECT_FALSE(parse_create_org(parse_json_object(R"({"name":"Acme"})")).slug.has_value());
}

TEST(CreateOrgInput, ReportsEveryBadFieldAtOnce) {
  auto errors = field_errors(
      [] { parse_create_org(parse_json_object(R"({"name":"   ","slug":"Bad Slug","x":1})")); });
  EXPECT_TRUE(has_field(errors, "name"));
  EXPECT_TRUE(has_field(errors, "slug"));
  EXPECT_TRUE(has_field(errors, "x"));
  EXPECT_TRUE(has_field(field_errors([] { parse_create_org(parse_json_object("{}")); }), "name"));
  std::string long_name = R"({"name":")" + std::string(101, 'a') + R"("})";
  EXPECT_TRUE(
      has_field(field_errors([&] { parse_create_org(parse_json_object(long_name)); }), "name"));
}

TEST(UpdateOrgInput, NullBudgetsClearAbsentOnesStay) {
  auto in = parse_update_org(
      parse_json_object(R"({"monthly_budget_tokens":null,"monthly_budget_usd":12.5})"));
  EXPECT_FALSE(in.name.has_value());
  EXPECT_TRUE(in.set_budget_tokens);
  EXPECT_FALSE(in.monthly_budget_tokens.has_value());
  EXPECT_TRUE(in.set_budget_usd);
  EXPECT_DOUBLE_EQ(*in.monthly_budget_usd, 12.5);
  auto none = parse_update_org(parse_json_object("{}"));
  EXPECT_FALSE(none.set_budget_tokens);
  EXPECT_FALSE(none.set_budget_usd);
}

TEST(UpdateOrgInput, RejectsNegativeBudgetsWrongTypesAndNullName) {
  auto errors = field_errors([] {
    parse_update_org(
        parse_json_object(R"({"name":null,"monthly_budget_tokens":-1,"monthly_budget_usd":"5"})"));
  });
  EXPECT_TRUE(has_field(errors, "name"));
  EXPECT_TRUE(has_field(errors, "monthly_budget_tokens"));
  EXPECT_TRUE(has_field(errors, "monthly_budget_usd"));
  EXPECT_TRUE(has_field(
      field_errors([] { parse_update_org(parse_json_object(R"({"monthly_budget_tokens":1.5})")); }),
      "monthly_budget_tokens"));
}

TEST(InvitationInput, NormalizesTheAddressAndChecksTheRole) {
  auto in = parse_invitation(parse_json_object(R"({"email":"Ada@Example.com","role":"admin"})"));
  EXPECT_EQ(in.email, "ada@example.com");
  EXPECT_EQ(in.role, Role::kAdmin);
  auto errors = field_errors(
      [] { parse_invitation(parse_json_object(R"({"email":"nope","role":"boss"})")); });
  EXPECT_TRUE(has_field(errors, "email"));
  EXPECT_TRUE(has_field(errors, "role"));
  EXPECT_TRUE(has_field(field_errors([] { parse_invitation(parse_json_object("{}")); }), "role"));
}

TEST(RoleChangeInput, RequiresAKnownRole) {
  EXPECT_EQ(parse_role_change(parse_json_object(R"({"role":"viewer"})")), Role::kViewer);
  EXPECT_TRUE(has_field(
      field_errors([] { parse_role_change(parse_json_object(R"({"role":"Owner"})")); }), "role"));
  EXPECT_TRUE(has_field(field_errors([] { parse_role_change(parse_json_object(R"({"role":3})")); }),
                        "role"));
}

TEST(ProjectInput, ValidatesNameKeyAndDescription) {
  auto in = parse_create_project(parse_json_object(R"({"name":"Web","key":"WEB"})"));
  EXPECT_EQ(in.key, "WEB");
  EXPECT_EQ(in.description, "");
  std::string long_desc =
      R"({"name":"Web","key":"web","description":")" + std::string(5001, 'd') + R"("})";
  auto errors = field_errors([&] { parse_create_project(parse_json_object(long_desc)); });
  EXPECT_TRUE(has_field(errors, "key"));
  EXPECT_TRUE(has_field(errors, "description"));
  EXPECT_TRUE(has_field(
      field_errors([] { parse_create_project(parse_json_object(R"({"name":"W"})")); }), "key"));
}

TEST(ProjectInput, PatchClearsDescriptionWithNullButNotNameOrKey) {
  auto in = parse_update_project(parse_json_object(R"({"description":null})"));
  EXPECT_EQ(in.description, "");
  EXPECT_FALSE(in.name.has_value());
  EXPECT_FALSE(in.key.has_value());
  auto errors =
      field_errors([] { parse_update_project(parse_json_object(R"({"name":null,"key":null})")); });
  EXPECT_TRUE(has_field(errors, "name"));
  EXPECT_TRUE(has_field(errors, "key"));
}

}  // namespace
}  // namespace prism::services
