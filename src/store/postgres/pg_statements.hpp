#pragma once

#include <postgres_ext.h>

#include <atomic>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/database.hpp"

namespace prism::store::postgres {

// One statement's parameters in libpq's text format. Integers and doubles
// are typed; text and NULL are sent untyped so that PostgreSQL takes the
// type the statement expects there.
struct EncodedParams {
  std::vector<std::string> text;
  std::vector<Oid> types;
  std::vector<const char*> values;
};
EncodedParams encode_params(const std::vector<Value>& params);

// The named prepared statements one connection has made, so that a query it
// runs again skips PostgreSQL's parse and plan (most of a short read's cost).
//
// A statement's name is a hash of its SQL and its parameter types, the same
// on every connection and every instance. Through a transaction-mode pooler
// that supports prepared statements (PgBouncer >= 1.21 with
// max_prepared_statements, Neon's -pooler host) that is all it takes. Through
// one that does not, the server connection behind a transaction may lack a
// statement (SQLSTATE 26000) or already have it (42P05); as a name always
// means the same statement, the worst outcome is that error, never a wrong
// statement run, and the database then stops naming statements (see
// PreparedStatements::Policy) and runs the transaction again.
class PreparedStatements {
 public:
  // Shared by every connection of one database.
  struct Policy {
    std::atomic<bool> enabled{true};
  };
  // Dynamic SQL (a search with N words) must not grow a connection's
  // statements without bound: past this many, new ones run unnamed.
  static constexpr std::size_t kMaxPerConnection = 256;

  static std::string name_for(std::string_view sql, std::span<const Oid> types);

  bool has(const std::string& name) const { return names_.contains(name); }
  bool full() const { return names_.size() >= kMaxPerConnection; }
  void add(std::string name) { names_.insert(std::move(name)); }

 private:
  std::unordered_set<std::string> names_;
};

// Whether `sql` is a query worth keeping prepared (SELECT, INSERT, UPDATE,
// DELETE, WITH); DDL and other utility statements run unnamed.
bool worth_preparing(std::string_view sql);

// Whether `sqlstate` says the connection's named statements are not what this
// client believes (a pooler in front, or a plan invalidated by a migration
// that changed a result's type): the transaction is safe to run again.
bool is_prepared_statement_mismatch(std::string_view sqlstate, std::string_view message);
// Whether the mismatch means named statements cannot be used at all here.
bool means_pooler_without_prepared_statements(std::string_view sqlstate);

}  // namespace prism::store::postgres
