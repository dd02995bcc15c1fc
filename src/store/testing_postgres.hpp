#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace prism::store::testing {

// The PostgreSQL the suites run against too, when PRISM_TEST_POSTGRES_URL
// names one (tests/services/postgres.sh starts it): a URL of a role that owns
// its database.
inline std::optional<std::string> test_postgres_url() {
  const char* url = std::getenv("PRISM_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// A fresh, empty schema in that database, dropped again by the destructor:
// each test database (or server) gets its own, so tests never see each
// other's rows. url() selects it through libpq's `options` parameter
// (search_path set at connection start).
class PostgresSchema {
 public:
  explicit PostgresSchema(const std::string& admin_url) : admin_(open_database(admin_url)) {
    static std::atomic<int> counter{0};
    name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_->write([&](Tx& tx) {
      tx.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
      tx.exec("CREATE SCHEMA " + name_);
    });
    url_ = admin_url + (admin_url.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + name_;
  }
  ~PostgresSchema() {
    try {
      admin_->write([&](Tx& tx) { tx.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE"); });
    } catch (const std::exception&) {
      // The server may be the one a fault test stopped: the schema stays.
    }
  }
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::unique_ptr<Database> admin_;
  std::string name_;
  std::string url_;
};

}  // namespace prism::store::testing
