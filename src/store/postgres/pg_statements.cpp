#include "store/postgres/pg_statements.hpp"

#include <sodium.h>

#include <cctype>
#include <charconv>

namespace prism::store::postgres {

namespace {

// PostgreSQL type oids (pg_type.dat) of the typed parameters.
constexpr Oid kInt8 = 20, kFloat8 = 701;

}  // namespace

EncodedParams encode_params(const std::vector<Value>& params) {
  EncodedParams out{std::vector<std::string>(params.size()), std::vector<Oid>(params.size(), 0),
                    std::vector<const char*>(params.size(), nullptr)};
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (auto* n = std::get_if<std::int64_t>(&params[i])) {
      out.text[i] = std::to_string(*n);
      out.types[i] = kInt8;
    } else if (auto* d = std::get_if<double>(&params[i])) {
      char buf[32];
      auto res = std::to_chars(buf, buf + sizeof buf, *d);
      out.text[i].assign(buf, res.ptr);
      out.types[i] = kFloat8;
    } else if (auto* s = std::get_if<std::string>(&params[i])) {
      out.values[i] = s->c_str();
      continue;
    } else {
      continue;  // NULL
    }
    out.values[i] = out.text[i].c_str();
  }
  return out;
}

std::string PreparedStatements::name_for(std::string_view sql, std::span<const Oid> types) {
  // The types are part of the name: a statement prepared for an integer
  // parameter must not be run with a double in that place.
  crypto_generichash_state state;
  unsigned char digest[16];
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(sql.data()), sql.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(types.data()),
                            types.size_bytes());
  crypto_generichash_final(&state, digest, sizeof digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "prism_";
  for (unsigned char b : digest) {
    name += kHex[b >> 4];
    name += kHex[b & 15];
  }
  return name;
}

bool worth_preparing(std::string_view sql) {
  auto start = sql.find_first_not_of(" \t\n(");
  if (start == std::string_view::npos) return false;
  std::string word;
  for (std::size_t i = start; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]));
       ++i) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
  }
  return word == "SELECT" || word == "INSERT" || word == "UPDATE" || word == "DELETE" ||
         word == "WITH";
}

bool means_pooler_without_prepared_statements(std::string_view sqlstate) {
  // invalid_sql_statement_name ("prepared statement … does not exist") and
  // duplicate_prepared_statement: the server connection is not the one the
  // statement was prepared on.
  return sqlstate == "26000" || sqlstate == "42P05";
}

bool is_prepared_statement_mismatch(std::string_view sqlstate, std::string_view message) {
  return means_pooler_without_prepared_statements(sqlstate) ||
         (sqlstate == "0A000" && message.find("cached plan") != std::string_view::npos);
}

}  // namespace prism::store::postgres
