#include "store/ai_settings_store.hpp"

namespace prism::store::ai_settings {

namespace {

constexpr std::string_view kColumns =
    "org_id, provider, model, base_url, sealed_key, key_hint, updated_by, created_at, updated_at";

constexpr std::string_view kSave =
    "INSERT INTO org_ai_settings (org_id, provider, model, base_url, sealed_key, key_hint,"
    " updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
    " ON CONFLICT (org_id) DO UPDATE SET provider = excluded.provider, model = excluded.model,"
    " base_url = excluded.base_url, sealed_key = excluded.sealed_key,"
    " key_hint = excluded.key_hint, updated_by = excluded.updated_by,"
    " updated_at = excluded.updated_at";

Settings from_row(Row& r) {
  Settings s;
  s.org_id = r.take_str(0);
  s.provider = r.take_str(1);
  s.model = r.take_str(2);
  s.base_url = r.take_opt_str(3);
  s.sealed_key = r.take_opt_str(4);
  s.key_hint = r.take_opt_str(5);
  s.updated_by = r.take_opt_str(6);
  s.created_at = r.i64(7);
  s.updated_at = r.i64(8);
  return s;
}

}  // namespace

std::optional<Settings> find(Tx& tx, std::string_view org_id) {
  return tx.query_one_as(
      "SELECT " + std::string(kColumns) + " FROM org_ai_settings WHERE org_id = ?1",
      {std::string(org_id)}, from_row);
}

void save(Tx& tx, const Settings& s) {
  tx.exec(kSave, {s.org_id, s.provider, s.model, opt(s.base_url), opt(s.sealed_key),
                  opt(s.key_hint), opt(s.updated_by), s.updated_at});
}

bool remove(Tx& tx, std::string_view org_id) {
  return tx.exec("DELETE FROM org_ai_settings WHERE org_id = ?1", {std::string(org_id)}) > 0;
}

std::vector<Settings> with_keys(Tx& tx, const std::optional<std::string>& after_org_id,
                                int limit) {
  auto rows = tx.query("SELECT " + std::string(kColumns) +
                           " FROM org_ai_settings WHERE sealed_key IS NOT NULL"
                           " AND (CAST(?1 AS TEXT) IS NULL OR org_id > ?1) ORDER BY org_id"
                           " LIMIT ?2",
                       {opt(after_org_id), std::int64_t{limit}});
  std::vector<Settings> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(from_row(r));
  return out;
}

void replace_sealed_key(Tx& tx, std::string_view org_id, std::string_view sealed_key) {
  tx.exec("UPDATE org_ai_settings SET sealed_key = ?2 WHERE org_id = ?1",
          {std::string(org_id), std::string(sealed_key)});
}

}  // namespace prism::store::ai_settings
