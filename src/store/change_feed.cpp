#include "store/change_feed.hpp"

#include "core/ids.hpp"

namespace prism::store::changes {

namespace {

constexpr std::string_view kDocument = "document";
constexpr std::string_view kDocumentList = "documents";
constexpr std::string_view kBacklog = "backlog";

void announce(Tx& tx, std::string_view kind, std::string_view org_id, std::string_view id) {
  std::string payload(kind);
  payload += ':';
  payload += org_id;
  payload += ':';
  payload += id;
  payload += ':';
  payload += new_id();
  tx.notify(kChannel, payload);
}

}  // namespace

void document_changed(Tx& tx, std::string_view org_id, std::string_view document_id) {
  announce(tx, kDocument, org_id, document_id);
}

void document_list_changed(Tx& tx, std::string_view org_id) {
  announce(tx, kDocumentList, org_id, "");
}

void backlog_changed(Tx& tx, std::string_view org_id, std::string_view project_id) {
  announce(tx, kBacklog, org_id, project_id);
}

std::optional<Change> parse(std::string_view payload) {
  auto first = payload.find(':');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = payload.find(':', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto third = payload.find(':', second + 1);
  if (third == std::string_view::npos || third + 1 == payload.size()) return std::nullopt;
  std::string_view kind = payload.substr(0, first);
  Change c;
  c.org_id = std::string(payload.substr(first + 1, second - first - 1));
  c.id = std::string(payload.substr(second + 1, third - second - 1));
  c.tag = std::string(payload.substr(third + 1));
  if (kind == kDocument && !c.id.empty()) {
    c.kind = Change::Kind::kDocument;
  } else if (kind == kDocumentList) {
    c.kind = Change::Kind::kDocumentList;
  } else if (kind == kBacklog && !c.id.empty()) {
    c.kind = Change::Kind::kBacklog;
  } else {
    return std::nullopt;
  }
  if (c.org_id.empty()) return std::nullopt;
  return c;
}

}  // namespace prism::store::changes
