#include "services/audit/audit_log_service.hpp"

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "services/access.hpp"
#include "services/audit/audit_catalog.hpp"
#include "store/orgs_store.hpp"

namespace prism::services {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxActorIdLength = 100;

std::optional<std::string> present(const std::optional<std::string>& v) {
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::optional<AuditPerson> person(const std::optional<std::string>& id,
                                  const std::optional<store::audit::Person>& known) {
  if (!id) return std::nullopt;
  if (!known) return AuditPerson{*id, std::nullopt, std::nullopt};
  return AuditPerson{*id, known->name, known->email};
}

std::string today_utc() { return rfc3339(now_unix_ms() / 1000).substr(0, 10); }

}  // namespace

store::audit::Filter audit_filter(const AuditFilterInput& input) {
  store::audit::Filter f;
  std::vector<FieldError> errors;
  if (auto actor = present(input.actor)) {
    if (actor->size() > kMaxActorIdLength) {
      errors.push_back({"actor", "must be a user id (at most 100 characters)"});
    } else {
      f.actor_id = actor;
    }
  }
  if (auto action = present(input.action)) {
    if (find_audit_action(*action)) {
      f.action = action;
    } else if (is_audit_category(*action)) {
      f.action_prefix = *action + ".";
    } else {
      errors.push_back({"action",
                        "must be an action code such as member.role_changed, or a group of them "
                        "such as member"});
    }
  }
  auto day = [&](const std::optional<std::string>& text, const char* field) {
    std::optional<std::int64_t> ms;
    if (auto t = present(text)) {
      ms = parse_day(*t);
      if (!ms) errors.push_back({field, "must be a date written YYYY-MM-DD"});
    }
    return ms;
  };
  f.from_ms = day(input.from, "from");
  auto to = day(input.to, "to");
  if (to) f.until_ms = *to + kDayMs;  // `to` names the last day included
  if (f.from_ms && to && *to < *f.from_ms) errors.push_back({"to", "must not be before from"});
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return f;
}

AuditFacts audit_facts(const store::audit::NamedRow& entry, const json::object* details) {
  AuditFacts facts;
  facts.action = entry.row.action;
  facts.details = details;
  facts.actor = person(entry.row.actor_id, entry.actor);
  if (entry.row.target_type == "user" && !entry.row.target_id.empty()) {
    facts.target = person(entry.row.target_id, entry.target);
  }
  return facts;
}

std::vector<store::audit::NamedRow> AuditLogService::list(std::string_view user_id,
                                                          std::string_view org_id,
                                                          const AuditFilterInput& filter,
                                                          const std::optional<std::string>& cursor,
                                                          int limit) {
  return db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kAdmin);
    store::audit::Filter f = audit_filter(filter);
    f.before_id = cursor;
    return store::audit::list_named(tx, std::string(org_id), f, limit + 1);
  });
}

AuditExport AuditLogService::export_log(std::string_view user_id, std::string_view org_id,
                                        const AuditFilterInput& filter, std::string_view format) {
  auto [slug, rows] = db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kAdmin);
    if (format != "csv") throw validation_failed("format", "must be csv");
    store::audit::Filter f = audit_filter(filter);
    auto org = store::orgs::find_org(tx, org_id);
    if (!org) throw not_found("organization");
    return std::make_pair(
        org->slug, store::audit::list_named(tx, std::string(org_id), f, kMaxAuditExportRows + 1));
  });
  if (rows.size() > static_cast<std::size_t>(kMaxAuditExportRows)) {
    throw validation_failed("from", "more than " + std::to_string(kMaxAuditExportRows) +
                                        " entries match: choose a shorter period or more filters");
  }
  std::string out =
      "Time (UTC),Action,Action code,Description,Actor,Actor e-mail,Target type,Target,"
      "Target e-mail,IP address,Details\r\n";
  for (const auto& entry : rows) {
    boost::system::error_code ec;
    json::value details = json::parse(entry.row.details_json, ec);
    if (ec || !details.is_object()) details = json::object{};
    AuditFacts facts = audit_facts(entry, &details.as_object());
    const AuditActionInfo* info = find_audit_action(entry.row.action);
    std::string cells[] = {
        rfc3339(entry.row.created_at / 1000),
        info ? std::string(info->label) : entry.row.action,
        entry.row.action,
        audit_sentence(facts),
        audit_actor_words(facts),
        facts.actor && facts.actor->email ? *facts.actor->email : "",
        entry.row.target_type,
        facts.target ? person_words(*facts.target) : entry.row.target_id,
        facts.target && facts.target->email ? *facts.target->email : "",
        entry.row.ip,
        json::serialize(details),
    };
    bool first = true;
    for (const auto& cell : cells) {
      if (!first) out += ',';
      out += csv_cell(cell);
      first = false;
    }
    out += "\r\n";
  }
  return AuditExport{"audit-" + slug + "-" + today_utc() + ".csv", std::move(out)};
}

}  // namespace prism::services
