#include "services/ai_settings/ai_settings_service.hpp"

#include <gtest/gtest.h>

#include "ai/template/template_provider.hpp"
#include "core/crypto.hpp"
#include "core/error_testing.hpp"
#include "services/ai_settings/key_rotation.hpp"
#include "services/orgs/testing_orgs.hpp"
#include "store/ai_settings_store.hpp"
#include "store/audit_store.hpp"

namespace prism::services::ai_settings {
namespace {

// EXPECT_EQ on the code of the prism::Error the statement throws.
#define EXPECT_EQ_CODE(code, fn) EXPECT_EQ(code_of(fn), code)

const std::string kKey = "sk-test-own-key-0123456789";
const std::string kSecret(40, 's');

class AiSettingsServiceTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  AiSettingsServiceTest() {
    crypto::init();
    config.allow_private_base_urls = true;  // the base URLs below are loopback
    registry.add(std::make_unique<ai::TemplateProvider>());
  }

  json::object openai_body(const std::string& base = "http://127.0.0.1:9/v1") {
    return json::object{
        {"provider", "openai"}, {"base_url", base}, {"model", "m1"}, {"api_key", kKey}};
  }

  std::optional<store::ai_settings::Settings> stored() {
    return tdb.db().read([&](store::Tx& tx) { return store::ai_settings::find(tx, org_a); });
  }

  config::AiConfig config;
  ai::ProviderRegistry registry{config};
  crypto::SecretBox box{kSecret};
  AiSettingsService service{tdb.db(), box, config, registry};
};

TEST_F(AiSettingsServiceTest, SealsTheKeyAndShowsOnlyItsHintToAdministrators) {
  auto view = service.put(as_owner, org_a, openai_body());
  EXPECT_TRUE(view.own);
  EXPECT_TRUE(view.key_set);
  EXPECT_EQ(view.key_hint, "6789");
  EXPECT_EQ(view.effective.source, "organization");
  EXPECT_TRUE(view.effective.is_ai);
  auto row = stored();
  ASSERT_TRUE(row && row->sealed_key);
  EXPECT_EQ(row->sealed_key->find(kKey), std::string::npos);
  EXPECT_EQ(box.open(*row->sealed_key, org_a), kKey);
  EXPECT_EQ(box.open(*row->sealed_key, org_b), std::nullopt);

  auto as_member_view = service.get(as_member, org_a);
  EXPECT_FALSE(as_member_view.key_hint.has_value());
  EXPECT_FALSE(as_member_view.can_edit);
  EXPECT_TRUE(as_member_view.key_set);
}

TEST_F(AiSettingsServiceTest, OnlyAdministratorsChangeAndOtherTenantsSeeNothing) {
  EXPECT_EQ_CODE(ErrorCode::kForbidden, [&] { service.put(as_member, org_a, openai_body()); });
  EXPECT_EQ_CODE(ErrorCode::kForbidden, [&] { service.remove(as_viewer, org_a); });
  EXPECT_EQ_CODE(ErrorCode::kNotFound, [&] { service.get(as_stranger, org_a); });
  EXPECT_EQ_CODE(ErrorCode::kNotFound, [&] { service.put(as_stranger, org_a, openai_body()); });
  EXPECT_FALSE(stored().has_value());
}

TEST_F(AiSettingsServiceTest, KeepsTheKeyOnlyForTheSameProviderAndUrl) {
  service.put(as_owner, org_a, openai_body());
  auto same = openai_body();
  same.erase("api_key");
  same["model"] = "m2";
  EXPECT_TRUE(service.put(as_owner, org_a, same).key_set);
  auto elsewhere = same;
  elsewhere["base_url"] = "http://127.0.0.2:9/v1";
  EXPECT_EQ_CODE(ErrorCode::kValidationFailed, [&] { service.put(as_owner, org_a, elsewhere); });
  auto anthropic = json::object{{"provider", "anthropic"}};
  EXPECT_EQ_CODE(ErrorCode::kValidationFailed, [&] { service.put(as_owner, org_a, anthropic); });
  EXPECT_EQ(stored()->model, "m2") << "refused changes change nothing";

  auto removed = same;
  removed["api_key"] = nullptr;
  auto view = service.put(as_owner, org_a, removed);
  EXPECT_FALSE(view.key_set) << "a server at its own base URL may need no key";
  auto official = json::object{{"provider", "openai"}, {"api_key", nullptr}};
  EXPECT_EQ_CODE(ErrorCode::kValidationFailed, [&] { service.put(as_owner, org_a, official); });
}

TEST_F(AiSettingsServiceTest, ValidatesTheBody) {
  for (const char* bad :
       {R"({"provider":"gemini"})", R"({"provider":"openai","api_key":"sk with space 123"})",
        R"({"provider":"openai","api_key":"short"})", R"({"provider":"openai","extra":1})",
        R"({"provider":"template","api_key":"sk-0123456789"})", R"({})"}) {
    EXPECT_EQ_CODE(ErrorCode::kValidationFailed,
                   [&] { service.put(as_owner, org_a, json::parse(bad).as_object()); });
  }
}

TEST_F(AiSettingsServiceTest, ChangesAreAuditedWithoutTheKey) {
  service.put(as_owner, org_a, openai_body());
  EXPECT_TRUE(service.remove(as_owner, org_a));
  EXPECT_FALSE(service.remove(as_owner, org_a));
  auto rows = tdb.db().read(
      [&](store::Tx& tx) { return store::audit::list_for_org(tx, org_a, std::nullopt, 100); });
  std::vector<std::string> actions;
  for (const auto& r : rows) {
    if (r.action.rfind("ai_settings.", 0) == 0) actions.push_back(r.action);
    EXPECT_EQ(r.details_json.find(kKey), std::string::npos) << r.details_json;
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"ai_settings.removed", "ai_settings.updated"}));
}

TEST_F(AiSettingsServiceTest, GenerationsGetTheOrganizationsProviderOrNone) {
  EXPECT_EQ(service.provider_for(org_a, ""), nullptr) << "no settings: the server's";
  service.put(as_owner, org_a, openai_body());
  auto own = service.provider_for(org_a, "");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->name(), "openai");
  EXPECT_EQ(own->default_model(), "m1");
  EXPECT_EQ(service.provider_for(org_a, "anthropic"), nullptr) << "another provider: the server's";
  EXPECT_EQ(service.provider_for(org_b, ""), nullptr) << "another organization";
  service.put(as_owner, org_a, json::object{{"provider", "template"}});
  auto offline = service.provider_for(org_a, "");
  ASSERT_NE(offline, nullptr);
  EXPECT_FALSE(offline->is_ai());
  EXPECT_FALSE(stored()->sealed_key.has_value()) << "the template takes no key";
  EXPECT_FALSE(service.get(as_member, org_a).effective.is_ai);
}

TEST_F(AiSettingsServiceTest, RotationResealsUnderTheNewKey) {
  service.put(as_owner, org_a, openai_body());
  const std::string next(40, 'n');
  crypto::SecretBox rotated(next, kSecret);
  auto report = reseal_provider_keys(tdb.db(), rotated);
  EXPECT_EQ(report.resealed, 1);
  EXPECT_TRUE(report.unreadable.empty());
  EXPECT_EQ(crypto::SecretBox(next).open(*stored()->sealed_key, org_a), kKey);
  EXPECT_EQ(reseal_provider_keys(tdb.db(), rotated).current, 1);
  auto lost = reseal_provider_keys(tdb.db(), crypto::SecretBox(std::string(40, 'x')));
  EXPECT_EQ(lost.unreadable, std::vector<std::string>{org_a});
}

}  // namespace
}  // namespace prism::services::ai_settings
