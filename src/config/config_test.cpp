#include "config/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/ids.hpp"

namespace prism::config {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("prism-cfg-" + new_id());
    env_["DATABASE_URL"] = "sqlite:" + (dir_ / "prism.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string error_variable() {
    try {
      load_config(env_);
    } catch (const ConfigError& e) {
      return e.variable();
    }
    return "";
  }
  std::filesystem::path dir_;
  Env env_;
};

TEST_F(ConfigTest, GeneratesSecretsOnceOnTheEmbeddedDefault) {
  Config a = load_config(env_);
  EXPECT_TRUE(a.jwt_secret_generated);
  EXPECT_GE(a.jwt_secret.size(), 32u);
  Config b = load_config(env_);
  EXPECT_EQ(a.jwt_secret, b.jwt_secret);
  EXPECT_NE(a.jwt_secret, a.secret_key);
  auto perms = std::filesystem::status(dir_ / "jwt_secret").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
}

TEST_F(ConfigTest, BadValuesNameTheVariable) {
  env_["PORT"] = "eighty";
  EXPECT_EQ(error_variable(), "PORT");
  env_.erase("PORT");
  env_["JWT_SECRET_KEY"] = "short";
  EXPECT_EQ(error_variable(), "JWT_SECRET_KEY");
  env_.erase("JWT_SECRET_KEY");
  env_["CORS_ALLOWED_ORIGINS"] = "https://ok.example, not a url";
  EXPECT_EQ(error_variable(), "CORS_ALLOWED_ORIGINS");
  env_.erase("CORS_ALLOWED_ORIGINS");
  env_["LOG_LEVEL"] = "loud";
  EXPECT_EQ(error_variable(), "LOG_LEVEL");
  env_.erase("LOG_LEVEL");
  env_["DATABASE_URL"] = "mysql://x";
  EXPECT_EQ(error_variable(), "DATABASE_URL");
}

TEST_F(ConfigTest, AnExplicitWebDirMustHoldABuiltApp) {
  env_["WEB_DIR"] = (dir_ / "missing").string();
  EXPECT_EQ(error_variable(), "WEB_DIR");
  std::filesystem::create_directories(dir_ / "web");
  env_["WEB_DIR"] = (dir_ / "web").string();
  try {
    load_config(env_);
    ADD_FAILURE() << "a WEB_DIR without index.html was accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.variable(), "WEB_DIR");
    EXPECT_NE(std::string(e.what()).find("index.html"), std::string::npos) << e.what();
  }
  std::ofstream(dir_ / "web" / "index.html") << "<!doctype html>";
  EXPECT_EQ(load_config(env_).web_dir, (dir_ / "web").string());
}

TEST_F(ConfigTest, DescribeRedactsSecrets) {
  env_["JWT_SECRET_KEY"] = std::string(40, 'k');
  env_["JWT_SECRET_KEY_PREVIOUS"] = std::string(40, 'p');
  env_["SMTP_URL"] = "smtp://user:hunter2@mail.example:587";
  Config c = load_config(env_);
  EXPECT_EQ(c.previous_keys.jwt_secret, std::string(40, 'p'));
  std::string text = describe(c);
  EXPECT_EQ(text.find(std::string(40, 'k')), std::string::npos);
  EXPECT_EQ(text.find(std::string(40, 'p')), std::string::npos);
  EXPECT_NE(
      text.find("JWT_SECRET_KEY_PREVIOUS=(redacted, 40 bytes)\nSECRET_KEY_PREVIOUS=(unset)\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("hunter2"), std::string::npos);
  EXPECT_NE(text.find("smtp://***@mail.example:587"), std::string::npos);
}

TEST(Dotenv, ParsesQuotesCommentsAndExport) {
  Env env = parse_dotenv("# c\nexport A=1\nB=\"two words\"\nC=3 # trailing\n\nD='x=y'\n");
  EXPECT_EQ(env["A"], "1");
  EXPECT_EQ(env["B"], "two words");
  EXPECT_EQ(env["C"], "3");
  EXPECT_EQ(env["D"], "x=y");
}

TEST_F(ConfigTest, LoadsAndDescribesTheAiSettings) {
  env_["AI_DEFAULT_PROVIDER"] = "anthropic";
  EXPECT_EQ(error_variable(), "AI_DEFAULT_PROVIDER");
  env_["ANTHROPIC_API_KEY"] = "sk-ant-very-secret";
  Config c = load_config(env_);
  EXPECT_EQ(c.ai.default_provider, "anthropic");
  std::string text = describe(c);
  EXPECT_NE(text.find("AI_DEFAULT_PROVIDER=anthropic\n"), std::string::npos);
  EXPECT_NE(text.find("AI_MAX_RETRIES=3\n"), std::string::npos);
  EXPECT_EQ(text.find("very-secret"), std::string::npos);
}

}  // namespace
}  // namespace prism::config

namespace prism::config {
namespace {

// PostgreSQL settings: validated, the pool sizes the default worker count,
// and `prism config check` shows no password (in the user part or as a
// libpq parameter).
TEST(PostgresConfigTest, AcceptsPostgresUrlsAndValidatesThePool) {
  Env env{{"DATABASE_URL",
           "postgres://prism:hunter2secret@db.example:5432/prism?sslmode=verify-full"
           "&password=alsosecret"},
          {"JWT_SECRET_KEY", std::string(40, 'j')},
          {"SECRET_KEY", std::string(40, 'k')},
          {"DATABASE_POOL_SIZE", "30"}};
  Config c = load_config(env);
  EXPECT_TRUE(c.postgres_database());
  EXPECT_EQ(c.database_pool_size, 30);
  EXPECT_EQ(c.database_pool_timeout_ms, 2000);
  EXPECT_EQ(c.database_statement_timeout_ms, 5000);
  EXPECT_GE(c.worker_threads, 34);
  std::string text = describe(c);
  EXPECT_EQ(text.find("hunter2secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("alsosecret"), std::string::npos) << text;
  EXPECT_NE(text.find("DATABASE_POOL_SIZE=30"), std::string::npos);

  env["DATABASE_URL"] = "postgresql://prism@localhost/prism";
  for (const char* name :
       {"DATABASE_POOL_SIZE", "DATABASE_POOL_TIMEOUT_MS", "DATABASE_STATEMENT_TIMEOUT_MS"}) {
    Env bad = env;
    bad[name] = "0";
    try {
      load_config(bad);
      ADD_FAILURE() << name << "=0 was accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.variable(), name);
    }
  }
  env.erase("JWT_SECRET_KEY");
  EXPECT_THROW(load_config(env), ConfigError) << "a server database needs explicit secrets";
}

}  // namespace
}  // namespace prism::config
