// AuthService rules that the HTTP tests cannot reach quickly: idle and
// absolute session expiry, API token expiry and use tracking, audit entries,
// the reset-mail cap and rehashing of weaker password hashes. Runs against a
// real SQLite database and the in-process cache.
#include "services/auth/auth_service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <thread>

#include "cache/memory/memory_cache.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "store/audit_store.hpp"
#include "store/migrations.hpp"
#include "store/tokens_store.hpp"
#include "store/users_store.hpp"

namespace prism::services {
namespace {

using namespace std::chrono_literals;

// Keeps what would have been sent; SMTP itself is covered by the mail tests.
class RecordingMailer : public mail::Mailer {
 public:
  void send(const mail::Message& m) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(m);
  }
  std::vector<mail::Message> sent() {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  std::mutex mutex_;
  std::vector<mail::Message> sent_;
};

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    dir_ = std::filesystem::temp_directory_path() / ("prism-auth-" + new_id());
    std::filesystem::create_directories(dir_);
    db_ = store::open_database("sqlite:" + (dir_ / "auth.db").string());
    store::migrate(*db_);
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  AuthService& service(SessionPolicy policy = {}, bool email_verifiable = false) {
    AuthConfig config;
    config.jwt = auth::JwtSettings{std::string(32, 's'), "prism", "prism-api", 900};
    config.public_url = "https://prism.example";
    config.sessions = policy;
    config.email_verifiable = email_verifiable;
    service_ = std::make_unique<AuthService>(*db_, cache_, mailer_, config);
    return *service_;
  }
  AuthResult register_alice(AuthService& s, std::optional<std::string> org = "Acme") {
    return s.register_account({"alice@example.com", kPassword, "Alice", std::move(org)}, client_);
  }

  // The token of the newest e-mailed link whose subject mentions `subject`.
  std::string mailed_token(AuthService& s, std::string_view subject) {
    s.wait_for_background_jobs();
    std::string token;
    for (const auto& m : mailer_.sent()) {
      auto pos = m.text.find("token=");
      if (m.subject.find(subject) != std::string::npos && pos != std::string::npos) {
        token = m.text.substr(pos + 6, m.text.find('\n', pos) - pos - 6);
      }
    }
    return token;
  }
  std::vector<std::string> audit_actions(const std::string& org_id) {
    std::vector<std::string> out;
    for (const auto& e : db_->read([&](store::Tx& tx) {
           return store::audit::list_for_org(tx, org_id, std::nullopt, 100);
         })) {
      out.push_back(e.action);
    }
    return out;
  }

  static constexpr const char* kPassword = "correct horse battery staple";
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  cache::MemoryCache cache_;
  RecordingMailer mailer_;
  ClientInfo client_{"203.0.113.7", "TestAgent/1.0\x01"};
  std::unique_ptr<AuthService> service_;
};

TEST_F(AuthServiceTest, IdleSessionsEndEvenWithAValidAccessToken) {
  auto& s = service({std::chrono::seconds(1), std::chrono::hours(1)});
  auto reg = register_alice(s);
  ASSERT_TRUE(s.authenticate(reg.tokens->access_token));
  std::this_thread::sleep_for(1100ms);
  EXPECT_FALSE(s.authenticate(reg.tokens->access_token));
  EXPECT_THROW(s.refresh(reg.tokens->refresh_token, client_), Error);
}

TEST_F(AuthServiceTest, RefreshKeepsASessionAliveUntilItsAbsoluteEnd) {
  auto& s = service({std::chrono::milliseconds(1500), std::chrono::seconds(3)});
  auto tokens = *register_alice(s).tokens;
  EXPECT_EQ(tokens.refresh_max_age, 3);
  std::this_thread::sleep_for(1000ms);
  tokens = *s.refresh(tokens.refresh_token, client_).tokens;  // used: not idle
  std::this_thread::sleep_for(1000ms);
  tokens = *s.refresh(tokens.refresh_token, client_).tokens;  // 2 s: past one idle period
  EXPECT_TRUE(s.authenticate(tokens.access_token));
  std::this_thread::sleep_for(1100ms);  // 3.1 s after login, 1.1 s after the last use
  EXPECT_FALSE(s.authenticate(tokens.access_token));
  EXPECT_THROW(s.refresh(tokens.refresh_token, client_), Error);
}

TEST_F(AuthServiceTest, SessionsStoreACleanedUserAgent) {
  auto& s = service();
  auto reg = register_alice(s);
  auto who = *s.authenticate(reg.tokens->access_token);
  auto list = s.sessions(who, std::nullopt, 50);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].user_agent, "TestAgent/1.0?");
  EXPECT_EQ(list[0].ip, "203.0.113.7");
  EXPECT_TRUE(list[0].current);
}

TEST_F(AuthServiceTest, LoginsAreAuditedInTheUsersOrganizations) {
  auto& s = service();
  auto reg = register_alice(s);
  s.login("ALICE@example.com", kPassword, client_);
  EXPECT_THROW(s.login("alice@example.com", "wrong password!!", client_), Error);
  s.wait_for_background_jobs();
  auto who = *s.authenticate(reg.tokens->access_token);
  auto org = s.me(who).memberships.at(0).org_id;
  auto entries = db_->read(
      [&](store::Tx& tx) { return store::audit::list_for_org(tx, org, std::nullopt, 50); });
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"auth.login_failed", "auth.login", "auth.register",
                                               "org.created"}));
  EXPECT_EQ(entries[1].ip, "203.0.113.7");
  EXPECT_EQ(entries[1].actor_id, reg.user.id);
}

TEST_F(AuthServiceTest, OrganizationSlugsStayUnique) {
  auto& s = service();
  register_alice(s, "Acme Labs!");
  s.register_account({"bob@example.com", kPassword, "Bob", "acme labs"}, client_);
  auto slugs = db_->read([&](store::Tx& tx) {
    std::vector<std::string> out;
    for (auto& r : tx.query("SELECT slug FROM organizations ORDER BY created_at")) {
      out.push_back(r.str(0));
    }
    return out;
  });
  ASSERT_EQ(slugs.size(), 2u);
  EXPECT_EQ(slugs[0], "acme-labs");
  EXPECT_EQ(slugs[1], "acme-labs-2");
}

TEST_F(AuthServiceTest, ExpiredApiTokensAreRejectedAndUseIsRecordedSparingly) {
  auto& s = service();
  auto reg = register_alice(s);
  auto who = *s.authenticate(reg.tokens->access_token);
  auto created = s.create_api_token(who, "ci", std::nullopt);
  auto principal = s.authenticate(created.secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->token_id, created.token.id);
  EXPECT_TRUE(principal->session_id.empty());
  auto first_use = s.api_tokens(who, std::nullopt, 50).at(0).last_used_at;
  ASSERT_TRUE(first_use);
  s.authenticate(created.secret);
  EXPECT_EQ(s.api_tokens(who, std::nullopt, 50).at(0).last_used_at, first_use)
      << "written at most once a minute";

  std::string expired = "prism_pat_expired-token-for-the-test";
  db_->write([&](store::Tx& tx) {
    std::int64_t now = now_unix_ms();
    store::tokens::insert_api_token(
        tx, {new_id(), reg.user.id, "old", crypto::sha256_hex(expired), "prism_pat_expi",
             now - 10'000, std::nullopt, now - 1, std::nullopt});
  });
  EXPECT_FALSE(s.authenticate(expired));
  EXPECT_EQ(s.api_tokens(who, std::nullopt, 50).size(), 1u) << "expired tokens are not listed";
}

TEST_F(AuthServiceTest, ResetMailsPerAccountAreCapped) {
  auto& s = service();
  register_alice(s);
  for (int i = 0; i < kResetMailsPerHour + 3; ++i) s.forgot_password("alice@example.com", client_);
  s.forgot_password("nobody@example.com", client_);
  s.wait_for_background_jobs();
  int resets = 0;
  for (const auto& m : mailer_.sent()) {
    if (m.subject.find("Reset") != std::string::npos) {
      ++resets;
      EXPECT_EQ(m.to, "alice@example.com");
      EXPECT_NE(m.text.find("https://prism.example/reset-password?token="), std::string::npos);
    }
  }
  EXPECT_EQ(resets, kResetMailsPerHour);
}

TEST_F(AuthServiceTest, OnlyTheNewestResetLinkWorks) {
  auto& s = service();
  register_alice(s);
  s.forgot_password("alice@example.com", client_);
  s.forgot_password("alice@example.com", client_);
  s.wait_for_background_jobs();
  std::vector<std::string> tokens;
  for (const auto& m : mailer_.sent()) {
    auto pos = m.text.find("token=");
    if (m.subject.find("Reset") != std::string::npos) {
      tokens.push_back(m.text.substr(pos + 6, m.text.find('\n', pos) - pos - 6));
    }
  }
  ASSERT_EQ(tokens.size(), 2u);
  try {
    s.reset_password(tokens[0], "a new passphrase, quite long", client_);
    FAIL() << "the older link must be dead";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kGone);
  }
  s.reset_password(tokens[1], "a new passphrase, quite long", client_);
  EXPECT_NO_THROW(s.login("alice@example.com", "a new passphrase, quite long", client_));
}

TEST_F(AuthServiceTest, WeakerPasswordHashesAreUpgradedAtLogin) {
  auto& s = service();
  auto reg = register_alice(s);
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, kPassword, std::strlen(kPassword), 1, 8 * 1024 * 1024,
                                  crypto_pwhash_ALG_ARGON2ID13),
            0);
  db_->write([&](store::Tx& tx) { store::users::update_password(tx, reg.user.id, weak, 1); });
  s.login("alice@example.com", kPassword, client_);
  auto user = db_->read([&](store::Tx& tx) { return store::users::find_by_id(tx, reg.user.id); });
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_EQ(user->password_changed_at, 1) << "an upgrade is not a password change";
}

TEST_F(AuthServiceTest, AResetEndsEveryCredentialAndAuditsEachRevocation) {
  auto& s = service();
  auto reg = register_alice(s);
  auto second = s.login("alice@example.com", kPassword, client_);
  auto who = *s.authenticate(reg.tokens->access_token);
  auto ci = s.create_api_token(who, "ci", std::nullopt);
  auto backup = s.create_api_token(who, "backup", 30);
  ASSERT_TRUE(s.authenticate(ci.secret));
  // The verified-token cache has seen this access token; the reset must win.
  ASSERT_TRUE(s.authenticate(second.tokens->access_token));

  s.forgot_password("alice@example.com", client_);
  s.reset_password(mailed_token(s, "Reset"), "a new passphrase, quite long", client_);

  EXPECT_FALSE(s.authenticate(ci.secret));
  EXPECT_FALSE(s.authenticate(backup.secret));
  EXPECT_FALSE(s.authenticate(reg.tokens->access_token));
  EXPECT_FALSE(s.authenticate(second.tokens->access_token));
  EXPECT_THROW(s.refresh(second.tokens->refresh_token, client_), Error);
  // The verification link sent at registration died with the rest.
  std::string verify = mailed_token(s, "Confirm");
  ASSERT_FALSE(verify.empty());
  auto pending = db_->read([&](store::Tx& tx) {
    return store::tokens::find_email_token(tx, crypto::sha256_hex(verify), "verify_email");
  });
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->used_at);

  auto actions = audit_actions(s.me(who).memberships.at(0).org_id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.api_token_revoked"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.sessions_revoked"), 1);
}

TEST_F(AuthServiceTest, APasswordChangeRevokesPersonalTokensUnlessAskedToKeepThem) {
  auto& s = service();
  auto reg = register_alice(s);
  auto who = *s.authenticate(reg.tokens->access_token);
  auto first = s.create_api_token(who, "first", std::nullopt);
  s.change_password(who, kPassword, "another passphrase, long enough", true, client_);
  EXPECT_TRUE(s.authenticate(first.secret)) << "kept on request";
  s.change_password(who, "another passphrase, long enough", "a third passphrase, long enough",
                    false, client_);
  EXPECT_FALSE(s.authenticate(first.secret));
  EXPECT_TRUE(s.authenticate(reg.tokens->access_token)) << "the session that changed it stays";
}

TEST_F(AuthServiceTest, UnconfirmedAccountsHoldNoPersonalTokensWhereAddressesCanBeConfirmed) {
  // A token made while addresses could not be confirmed (no SMTP yet) …
  auto& before = service();
  auto reg = register_alice(before);
  auto who = *before.authenticate(reg.tokens->access_token);
  auto old_token = before.create_api_token(who, "old", std::nullopt);
  ASSERT_TRUE(before.authenticate(old_token.secret));

  // … stops working once they can, and no new one can be made …
  auto& s = service({}, true);
  EXPECT_FALSE(s.authenticate(old_token.secret));
  try {
    s.create_api_token(who, "new", std::nullopt);
    FAIL() << "an unconfirmed account created a personal token";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kForbidden);
    EXPECT_EQ(e.machine_code, "email_not_verified");
  }
  // … until the owner of the address confirms it.
  s.verify_email(mailed_token(s, "Confirm"));
  EXPECT_TRUE(s.authenticate(old_token.secret));
  EXPECT_NO_THROW(s.create_api_token(who, "new", std::nullopt));
}

}  // namespace
}  // namespace prism::services
