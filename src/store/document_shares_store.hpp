#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::shares {

struct Share {
  std::string id;
  std::string org_id;
  std::string document_id;
  std::string token_hash;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> revoked_at;
};

void insert(Tx& tx, const Share& s);
std::optional<Share> find(Tx& tx, std::string_view id);
// By token hash, whatever its state; the caller checks expiry and revocation.
std::optional<Share> find_by_token_hash(Tx& tx, std::string_view token_hash);
// Shares of a document that are neither revoked nor expired at `now`, newest first.
std::vector<Share> list_active(Tx& tx, std::string_view document_id, std::int64_t now);
bool revoke(Tx& tx, std::string_view id, std::int64_t now);

}  // namespace prism::store::shares
