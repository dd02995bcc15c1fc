#include "services/ai_settings/key_rotation.hpp"

#include "services/audit/audit.hpp"
#include "store/ai_settings_store.hpp"

namespace prism::services::ai_settings {

namespace stored = store::ai_settings;

RotationReport reseal_provider_keys(store::Database& db, const crypto::SecretBox& box) {
  constexpr int kPage = 200;
  RotationReport report;
  std::optional<std::string> after;
  for (;;) {
    bool more = db.write([&](store::Tx& tx) {
      auto page = stored::with_keys(tx, after, kPage);
      for (const auto& s : page) {
        after = s.org_id;
        if (box.is_current(*s.sealed_key)) {
          ++report.current;
          continue;
        }
        auto key = box.open(*s.sealed_key, s.org_id);
        if (!key) {
          report.unreadable.push_back(s.org_id);
          continue;
        }
        stored::replace_sealed_key(tx, s.org_id, box.seal(*key, s.org_id));
        record_audit(tx,
                     {s.org_id, std::nullopt, "ai_settings.key_resealed", "organization", s.org_id,
                      json::object{{"by", "command line"}, {"key_id", box.key_id()}}, ""});
        ++report.resealed;
      }
      return static_cast<int>(page.size()) == kPage;
    });
    if (!more) return report;
  }
}

}  // namespace prism::services::ai_settings
