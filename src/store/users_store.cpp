#include "store/users_store.hpp"

namespace prism::store::users {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO users (id, email, name, password_hash, email_verified_at, password_changed_at,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr std::string_view kFindById =
    "SELECT id, email, name, password_hash, email_verified_at, password_changed_at, created_at,"
    " updated_at, is_admin, disabled_at FROM users WHERE id = ?1";

constexpr std::string_view kFindByEmail =
    "SELECT id, email, name, password_hash, email_verified_at, password_changed_at, created_at,"
    " updated_at, is_admin, disabled_at FROM users WHERE email = ?1";

constexpr std::string_view kUpdatePassword =
    "UPDATE users SET password_hash = ?2, password_changed_at = ?3, updated_at = ?3 WHERE id = ?1";

constexpr std::string_view kUpdateName =
    "UPDATE users SET name = ?2, updated_at = ?3 WHERE id = ?1";

constexpr std::string_view kMarkEmailVerified =
    "UPDATE users SET email_verified_at = ?2, updated_at = ?2"
    " WHERE id = ?1 AND email_verified_at IS NULL";

constexpr std::string_view kMemberships =
    "SELECT o.id, o.name, m.role FROM memberships m"
    " JOIN organizations o ON o.id = m.org_id AND o.deleted_at IS NULL"
    " WHERE m.user_id = ?1 ORDER BY m.created_at, o.id";

constexpr std::string_view kSetAdmin =
    "UPDATE users SET is_admin = ?2, updated_at = ?3 WHERE id = ?1";
constexpr std::string_view kSetDisabled =
    "UPDATE users SET disabled_at = ?2, updated_at = ?3 WHERE id = ?1";
// ?1: after this id; ?2: a LIKE pattern, matched against the lower-cased
// e-mail and name (both sides lowered by the database, so they agree).
constexpr std::string_view kListSummaries =
    "SELECT u.id, u.email, u.name, u.password_hash, u.email_verified_at, u.password_changed_at,"
    " u.created_at, u.updated_at, u.is_admin, u.disabled_at,"
    " (SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.org_id"
    "  AND o.deleted_at IS NULL WHERE m.user_id = u.id)"
    " FROM users u WHERE (CAST(?1 AS TEXT) IS NULL OR u.id > ?1)"
    " AND (CAST(?2 AS TEXT) IS NULL OR lower(u.email) LIKE lower(CAST(?2 AS TEXT)) ESCAPE '\\'"
    " OR lower(u.name) LIKE lower(CAST(?2 AS TEXT)) ESCAPE '\\')"
    " ORDER BY u.id LIMIT ?3";
constexpr std::string_view kCountOrganizations =
    "SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.org_id"
    " AND o.deleted_at IS NULL WHERE m.user_id = ?1";

User from_row(const Row& r) {
  return User{r.str(0), r.str(1), r.str(2), r.str(3),      r.opt_i64(4),
              r.i64(5), r.i64(6), r.i64(7), r.i64(8) != 0, r.opt_i64(9)};
}

// `text` anywhere, with LIKE's wildcards in it taken literally.
std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::optional<User> find(Tx& tx, std::string_view sql, std::string_view key) {
  return tx.query_one_as(sql, {std::string(key)}, from_row);
}

}  // namespace

void insert(Tx& tx, const User& u) {
  tx.exec(kInsert, {u.id, u.email, u.name, u.password_hash, opt(u.email_verified_at),
                    u.password_changed_at, u.created_at, u.updated_at});
}

std::optional<User> find_by_id(Tx& tx, std::string_view id) { return find(tx, kFindById, id); }

std::optional<User> find_by_email(Tx& tx, std::string_view email) {
  return find(tx, kFindByEmail, email);
}

void update_password(Tx& tx, std::string_view id, std::string_view password_hash,
                     std::int64_t now) {
  tx.exec(kUpdatePassword, {std::string(id), std::string(password_hash), now});
}

void update_name(Tx& tx, std::string_view id, std::string_view name, std::int64_t now) {
  tx.exec(kUpdateName, {std::string(id), std::string(name), now});
}

void mark_email_verified(Tx& tx, std::string_view id, std::int64_t now) {
  tx.exec(kMarkEmailVerified, {std::string(id), now});
}

std::vector<Membership> memberships(Tx& tx, std::string_view user_id) {
  std::vector<Membership> out;
  for (const auto& r : tx.query(kMemberships, {std::string(user_id)})) {
    out.push_back(Membership{r.str(0), r.str(1), r.str(2)});
  }
  return out;
}

void set_admin(Tx& tx, std::string_view id, bool admin, std::int64_t now) {
  tx.exec(kSetAdmin, {std::string(id), std::int64_t{admin ? 1 : 0}, now});
}

void set_disabled(Tx& tx, std::string_view id, std::optional<std::int64_t> disabled_at,
                  std::int64_t now) {
  tx.exec(kSetDisabled, {std::string(id), opt(disabled_at), now});
}

std::vector<Summary> list_summaries(Tx& tx, const std::optional<std::string>& after_id,
                                    const std::optional<std::string>& search, int limit) {
  std::optional<std::string> pattern;
  if (search) pattern = contains_pattern(*search);
  std::vector<Summary> out;
  for (auto& row : tx.query(kListSummaries, {opt(after_id), opt(pattern), std::int64_t{limit}})) {
    out.push_back(Summary{from_row(row), row.i64(10)});
  }
  return out;
}

std::optional<Summary> find_summary(Tx& tx, std::string_view id) {
  auto user = find_by_id(tx, id);
  if (!user) return std::nullopt;
  auto count = tx.query_one(kCountOrganizations, {std::string(id)});
  return Summary{std::move(*user), count ? count->i64(0) : 0};
}

}  // namespace prism::store::users
