// Bring your own key through the real binary: an organization connects its
// own OpenAI-compatible provider (a local server speaking OpenAI's wire
// format, reached through the base URL the admin types) and its generations
// use it; the key is never returned, logged or in the audit log; members
// read, only admins change; the connection test and the model list say what
// happened; base URLs pointing to private addresses are refused unless
// AI_ALLOW_PRIVATE_BASE_URLS; and rotating SECRET_KEY keeps the key usable.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"
#include "support/email_confirmation.hpp"
#include "support/fake_llm_server.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::EnvVars;
using testing::FakeLlmServer;
using testing::HttpClient;
using testing::ServerProcess;

const std::string kOrgKey = "sk-org-own-key-7f3a9c2e51d4b8a6";
const std::string kOldSecret = "old-secret-key-of-the-byok-test-0123456789abcdef";
const std::string kNewSecret = "new-secret-key-of-the-byok-test-fedcba9876543210";

std::string settings_path(const std::string& org) { return "/api/v1/orgs/" + org + "/ai-settings"; }

json::object own_settings(const FakeLlmServer& llm, const std::string& key = kOrgKey) {
  return json::object{{"provider", "openai"},
                      {"base_url", llm.openai_base_url()},
                      {"model", "fake-large"},
                      {"api_key", key}};
}

// Starts a PRD generation and waits for it to end; the final generation.
json::value generate(HttpClient& client, const std::string& project) {
  auto started = client.post("/api/v1/projects/" + project + "/generations",
                             json::object{{"kind", "prd"},
                                          {"cache", false},
                                          {"input", json::object{{"product_name", "Ledger"},
                                                                 {"description", "Books"}}}});
  EXPECT_EQ(started.status, 202) << started.body;
  std::string id = testing::str(started.json(), "id");
  for (int i = 0; i < 400; ++i) {
    auto g = client.get("/api/v1/generations/" + id).json();
    auto status = testing::str(g, "status");
    if (status != "queued" && status != "running") return g;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ADD_FAILURE() << "generation " << id << " did not finish";
  return {};
}

std::string authorization_of_last(const FakeLlmServer& llm) {
  auto requests = llm.requests();
  if (requests.empty()) return "";
  auto it = requests.back().headers.find("authorization");
  return it == requests.back().headers.end() ? "" : it->second;
}

class AiSettings : public ::testing::Test {
 protected:
  AiSettings()
      : server(EnvVars{{"AI_ALLOW_PRIVATE_BASE_URLS", "true"},
                       {"SECRET_KEY", kOldSecret},
                       {"SMTP_URL", sink.url()},
                       {"PUBLIC_URL", testing::kTestPublicUrl},
                       {"AI_MAX_RETRIES", "0"}}) {}

  testing::SmtpSink sink;
  FakeLlmServer llm;
  ServerProcess server;
  HttpClient owner{server.base_url()};
  testing::TestUser owner_user = registered_owner();

 private:
  // With SMTP configured, only confirmed addresses may spend AI budget.
  testing::TestUser registered_owner() {
    auto user = testing::register_user(owner, "byok-owner", "BYOK Org");
    testing::confirm_email(owner, sink, user.email);
    return user;
  }
};

TEST_F(AiSettings, AnOrganizationsOwnProviderIsUsedAndItsKeyNeverShown) {
  const std::string path = settings_path(owner_user.org_id);
  auto before = owner.get(path);
  testing::expect_status(before, 200, "GET ai-settings");
  EXPECT_EQ(before.json().at("own"), false);
  EXPECT_EQ(before.json().at("effective").at("source"), "server");
  EXPECT_EQ(before.json().at("effective").at("is_ai"), false) << "the offline template";

  auto saved = owner.put(path, own_settings(llm));
  testing::expect_status(saved, 200, "PUT ai-settings");
  EXPECT_EQ(saved.body.find(kOrgKey), std::string::npos) << saved.body;
  EXPECT_EQ(saved.json().at("key_set"), true);
  EXPECT_EQ(testing::str(saved.json(), "key_hint"), kOrgKey.substr(kOrgKey.size() - 4));
  EXPECT_EQ(saved.json().at("effective").at("source"), "organization");
  EXPECT_EQ(saved.json().at("effective").at("model"), "fake-large");
  EXPECT_EQ(saved.json().at("effective").at("is_ai"), true);

  std::string project = testing::create_project(owner, owner_user.org_id, "Ledger", "LED");
  auto g = generate(owner, project);
  EXPECT_EQ(testing::str(g, "status"), "succeeded") << json::serialize(g);
  EXPECT_EQ(testing::str(g, "provider"), "openai");
  EXPECT_EQ(testing::str(g, "model"), "fake-large");
  EXPECT_EQ(authorization_of_last(llm), "Bearer " + kOrgKey) << "the organization's key";

  // A PUT without the key keeps it; another base URL needs it again.
  json::object same = own_settings(llm);
  same.erase("api_key");
  same["model"] = "fake-small";
  auto kept = owner.put(path, same);
  testing::expect_status(kept, 200, "PUT without api_key");
  EXPECT_EQ(kept.json().at("key_set"), true);
  json::object moved = same;
  moved["base_url"] = "http://127.0.0.2:9/v1";
  auto refused = owner.put(path, moved);
  testing::expect_problem(refused, 422, "validation_failed");
  EXPECT_TRUE(testing::has_error_for(refused, "api_key")) << refused.body;

  // Connection test and model list, saved settings and sent ones.
  auto test = owner.post(path + "/test", json::object{});
  testing::expect_status(test, 200, "test connection");
  EXPECT_EQ(test.json().at("ok"), true) << test.body;
  testing::FakeReply rejected;
  rejected.status = 401;
  llm.push(rejected);
  json::object wrong = own_settings(llm, "sk-wrong-key-000000000000");
  auto failed = owner.post(path + "/test", wrong);
  testing::expect_status(failed, 200, "test with a wrong key");
  EXPECT_EQ(failed.json().at("ok"), false);
  EXPECT_EQ(failed.json().at("error").at("code"), "invalid_key") << failed.body;
  EXPECT_EQ(authorization_of_last(llm), "Bearer sk-wrong-key-000000000000");
  auto models = owner.get(path + "/models");
  testing::expect_status(models, 200, "models");
  EXPECT_EQ(json::serialize(models.json().at("items")), R"(["fake-large","fake-small"])");

  // The audit log names each change, never the key; neither does the log.
  auto audit = owner.get("/api/v1/orgs/" + owner_user.org_id + "/audit?limit=100");
  EXPECT_NE(audit.body.find("ai_settings.updated"), std::string::npos) << audit.body;
  EXPECT_EQ(audit.body.find(kOrgKey), std::string::npos);
  EXPECT_EQ(audit.body.find("sk-wrong-key"), std::string::npos);
  EXPECT_EQ(server.log().find(kOrgKey), std::string::npos) << "the key is in the server log";
  EXPECT_EQ(server.log().find("sk-wrong-key"), std::string::npos);

  auto removed = owner.del(path);
  EXPECT_EQ(removed.status, 204);
  EXPECT_EQ(owner.get(path).json().at("own"), false);
}

TEST_F(AiSettings, MembersReadWhatIsUsedAndOnlyAdministratorsChangeIt) {
  const std::string path = settings_path(owner_user.org_id);
  testing::expect_status(owner.put(path, own_settings(llm)), 200, "PUT as owner");
  for (const char* role : {"member", "viewer"}) {
    HttpClient client(server.base_url());
    auto user = testing::register_user(client, std::string("byok-") + role);
    testing::invite_and_accept(owner, sink, owner_user.org_id, user, client, role);
    auto read = client.get(path);
    testing::expect_status(read, 200, std::string("GET as ") + role);
    EXPECT_TRUE(read.json().at("key_hint").is_null()) << role << ": " << read.body;
    EXPECT_EQ(read.json().at("can_edit"), false);
    EXPECT_EQ(read.json().at("effective").at("is_ai"), true);
    testing::expect_problem(client.put(path, own_settings(llm)), 403, "forbidden");
    testing::expect_problem(client.post(path + "/test", json::object{}), 403, "forbidden");
    testing::expect_problem(client.get(path + "/models"), 403, "forbidden");
    testing::expect_problem(client.del(path), 403, "forbidden");
  }
  HttpClient stranger(server.base_url());
  testing::register_user(stranger, "byok-stranger");
  testing::expect_problem(stranger.get(path), 404, "not_found");
  testing::expect_problem(stranger.put(path, own_settings(llm)), 404, "not_found");
}

TEST_F(AiSettings, RotatingSecretKeyKeepsTheKeyUsable) {
  const std::string path = settings_path(owner_user.org_id);
  testing::expect_status(owner.put(path, own_settings(llm)), 200, "PUT");
  std::string project = testing::create_project(owner, owner_user.org_id, "Rotate", "ROT");

  // A new SECRET_KEY alone cannot open it: starting a generation says why.
  server.restart({{"SECRET_KEY", kNewSecret}});
  auto lost = owner.post("/api/v1/projects/" + project + "/generations",
                         json::object{{"kind", "prd"},
                                      {"input", json::object{{"product_name", "X"}, {"description", "Y"}}}});
  testing::expect_problem(lost, 409, "ai_provider_unusable");
  EXPECT_NE(lost.body.find("SECRET_KEY_PREVIOUS"), std::string::npos) << lost.body;

  server.restart({{"SECRET_KEY", kNewSecret}, {"SECRET_KEY_PREVIOUS", kOldSecret}});
  EXPECT_EQ(testing::str(generate(owner, project), "status"), "succeeded");
  auto rotate = server.run_command({"keys", "rotate"});
  EXPECT_EQ(rotate.exit_code, 0) << rotate.output;
  EXPECT_NE(rotate.output.find("re-encrypted 1 organization"), std::string::npos) << rotate.output;

  server.restart({{"SECRET_KEY", kNewSecret}, {"SECRET_KEY_PREVIOUS", ""}});
  EXPECT_EQ(testing::str(generate(owner, project), "status"), "succeeded");
  EXPECT_EQ(authorization_of_last(llm), "Bearer " + kOrgKey);
  auto again = server.run_command({"keys", "rotate"});
  EXPECT_NE(again.output.find("re-encrypted 0 organization"), std::string::npos) << again.output;
}

// Without AI_ALLOW_PRIVATE_BASE_URLS, a base URL must be https to a public
// address, whatever its spelling.
TEST(AiSettingsBaseUrl, PrivateAndLoopbackAddressesAreRefused) {
  ServerProcess server;
  HttpClient owner(server.base_url());
  auto user = testing::register_user(owner, "byok-ssrf", "SSRF Org");
  const std::string path = settings_path(user.org_id);
  for (const char* url :
       {"http://api.example.com/v1", "https://127.0.0.1/v1", "https://localhost/v1",
        "https://169.254.169.254/latest", "https://10.0.0.5/v1", "https://2130706433/v1",
        "https://0x7f.1/v1", "https://0177.0.0.1/v1", "https://[::1]/v1",
        "https://[::ffff:127.0.0.1]/v1", "https://user:pass@api.openai.com/v1"}) {
    json::object body{{"provider", "openai"}, {"base_url", url}, {"model", "m"},
                      {"api_key", "sk-ssrf-test-0000000000"}};
    auto r = owner.put(path, body);
    testing::expect_problem(r, 422, "validation_failed");
    EXPECT_TRUE(testing::has_error_for(r, "base_url")) << url << ": " << r.body;
    auto t = owner.post(path + "/test", body);
    testing::expect_status(t, 200, std::string("test ") + url);
    EXPECT_EQ(t.json().at("error").at("code"), "base_url_refused") << url << ": " << t.body;
  }
  EXPECT_EQ(owner.get(path).json().at("own"), false) << "nothing was saved";
}

}  // namespace
}  // namespace prism
