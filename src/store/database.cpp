#include "store/database.hpp"

#include <charconv>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace prism::store {

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::nullptr_t>(values_.at(i));
}

std::string Row::str(std::size_t i) const { return opt_str(i).value_or(std::string{}); }

std::optional<std::string> Row::opt_str(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::nullopt;
}

std::string Row::take_str(std::size_t i) { return take_opt_str(i).value_or(std::string{}); }

std::optional<std::string> Row::take_opt_str(std::size_t i) {
  if (auto* s = std::get_if<std::string>(&values_.at(i))) return std::move(*s);
  return opt_str(i);
}

std::int64_t Row::i64(std::size_t i) const { return opt_i64(i).value_or(0); }

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    if (s->empty() || s->front() == 't') return s->empty() ? 0 : 1;  // PostgreSQL booleans
    if (s->front() == 'f') return 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return std::nullopt;
}

double Row::f64(std::size_t i) const { return opt_f64(i).value_or(0.0); }

std::optional<double> Row::opt_f64(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  return std::nullopt;
}

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

std::unique_ptr<Database> open_database(const std::string& url, const DatabaseOptions& options) {
  if (is_postgres_url(url)) return std::make_unique<postgres::PostgresDatabase>(url, options);
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) == 0) {
    std::string path = url.substr(kSqlite.size());
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    return std::make_unique<sqlite::SqliteDatabase>(path, 16, options.quota_bytes);
  }
  throw std::invalid_argument(
      "DATABASE_URL: unsupported scheme (expected sqlite:PATH or postgres://…)");
}

}  // namespace prism::store
