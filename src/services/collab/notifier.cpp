#include "services/collab/notifier.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "store/documents_store.hpp"
#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::collab {

namespace {

std::string derive(std::string_view secret) {
  return secret.empty() ? std::string()
                        : crypto::sha256("prism unsubscribe v1\n" + std::string(secret));
}

std::string signature(const std::string& key, std::string_view user_id, std::string_view kind) {
  return crypto::hmac_sha256(key, std::string(user_id) + "\n" + std::string(kind));
}

// What the e-mail says happened, by kind.
std::string what_happened(std::string_view kind, const std::string& actor,
                          const std::string& title) {
  std::string doc = "“" + title + "”";
  if (kind == "mention") return actor + " mentioned you in a comment on " + doc;
  if (kind == "review_request") return actor + " asked you to review " + doc;
  if (kind == "review") return actor + " reviewed " + doc;
  if (kind == "reply") return actor + " replied to a comment thread on " + doc;
  return actor + " accepted your invitation";
}

}  // namespace

std::string document_link(const Event& e) {
  if (!e.document_id) return "/notifications";
  std::string link = "/documents/" + *e.document_id;
  if (e.comment_id) return link + "?comment=" + *e.comment_id;
  if (e.review_id) return link + "?review=" + *e.review_id;
  if (e.kind == "review_request") return link + "?review=requested";
  return link;
}

bool is_kind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

Notifier::Notifier(mail::Mailer& mailer, std::string public_url, std::string_view secret_key,
                   std::string_view previous_key)
    : mailer_(mailer),
      public_url_(std::move(public_url)),
      key_(derive(secret_key)),
      previous_key_(derive(previous_key)) {}

void Notifier::add(store::Tx& tx, const Event& e, Outbox& outbox) const {
  if (e.user_id == e.actor_id) return;  // nobody is told of their own actions
  store::notifications::insert(
      tx, store::notifications::Notification{new_id(), e.user_id, e.org_id, e.kind, e.actor_id, "",
                                             e.document_id, "", "", e.comment_id, e.review_id,
                                             e.excerpt, now_unix_ms(), std::nullopt});
  auto prefs = store::notifications::email_preferences(tx, e.user_id);
  if (auto it = prefs.find(e.kind); it != prefs.end() && !it->second) return;
  auto contact = store::orgs::user_contact(tx, e.user_id);
  if (!contact || contact->email.empty()) return;
  outbox.push_back(email(tx, e, contact->email));
}

mail::Message Notifier::email(store::Tx& tx, const Event& e, const std::string& to) const {
  auto actor = store::orgs::user_contact(tx, e.actor_id);
  std::string actor_name = actor ? (actor->name.empty() ? actor->email : actor->name) : "Someone";
  std::string title;
  if (e.document_id) {
    if (auto doc = store::documents::find_document(tx, *e.document_id)) title = doc->title;
  }
  std::string link = public_url_ + document_link(e);
  std::string headline = what_happened(e.kind, actor_name, title);
  std::string token = unsubscribe_token(e.user_id, e.kind);
  std::string text = headline + ".\n\n";
  if (!e.excerpt.empty()) text += "> " + e.excerpt + "\n\n";
  text += "Open it: " + link +
          "\n\n-- \nYou get this e-mail because of your PRISM notification "
          "settings. Stop e-mails like this one: " +
          public_url_ + "/unsubscribe?token=" + token + "\nAll settings: " + public_url_ +
          "/account/notifications\n";
  return mail::Message{to, headline, text,
                       public_url_ + "/api/v1/notifications/unsubscribe?token=" + token};
}

void Notifier::send(Outbox outbox) {
  for (auto& message : outbox) {
    bool queued = queue_.post([this, message = std::move(message)] {
      try {
        mailer_.send(message);
      } catch (const std::exception& e) {
        spdlog::warn("notification e-mail not sent: {}", e.what());
      }
    });
    if (!queued) spdlog::warn("notification e-mail dropped: the queue is full");
  }
}

std::string Notifier::unsubscribe_token(std::string_view user_id, std::string_view kind) const {
  std::string payload = std::string(user_id) + "." + std::string(kind);
  return crypto::base64url_encode(payload) + "." +
         crypto::base64url_encode(signature(key_, user_id, kind));
}

std::optional<Notifier::Unsubscribe> Notifier::read_unsubscribe_token(
    std::string_view token) const {
  if (token.size() > 512) return std::nullopt;
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto payload = crypto::base64url_decode(token.substr(0, dot));
  auto mac = crypto::base64url_decode(token.substr(dot + 1));
  if (!payload || !mac) return std::nullopt;
  auto sep = payload->rfind('.');
  if (sep == std::string::npos) return std::nullopt;
  Unsubscribe u{payload->substr(0, sep), payload->substr(sep + 1)};
  if (!is_kind(u.kind) || u.user_id.empty()) return std::nullopt;
  for (const auto* key : {&key_, &previous_key_}) {
    if (!key->empty() && crypto::constant_time_equal(*mac, signature(*key, u.user_id, u.kind))) {
      return u;
    }
  }
  return std::nullopt;
}

}  // namespace prism::services::collab
