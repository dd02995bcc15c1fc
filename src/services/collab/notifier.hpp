#pragma once

// Tells people what needs them: a notification row per recipient, written in
// the transaction of the change it is about, and an e-mail per their
// preferences, sent in the background once that transaction committed.
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/mailer.hpp"
#include "services/background_queue.hpp"
#include "store/database.hpp"

namespace prism::services::collab {

inline constexpr std::array<std::string_view, 5> kKinds{"mention", "review_request", "review",
                                                        "reply", "invitation_accepted"};
bool is_kind(std::string_view kind);

struct Event {
  std::string user_id;  // who is told
  std::string org_id;
  std::string kind;  // one of kKinds
  std::string actor_id;
  std::optional<std::string> document_id;
  std::optional<std::string> comment_id;
  std::optional<std::string> review_id;
  std::string excerpt;
};

// Where a notification leads, as the web app reads it: the exact comment
// (?comment=), the exact review (?review=<id>), the review card for a
// request (?review=requested), else the document or the notifications page.
std::string document_link(const Event& event);

// The e-mails of a transaction's notifications, sent after it committed.
using Outbox = std::vector<mail::Message>;

class Notifier {
 public:
  // `public_url` makes the links; the unsubscribe links are signed with a
  // key derived from `secret_key` (and still accepted under `previous_key`
  // after a rotation).
  Notifier(mail::Mailer& mailer, std::string public_url, std::string_view secret_key,
           std::string_view previous_key = {});

  // Writes the notification unless the recipient is the actor, and queues
  // its e-mail in `outbox` when the recipient wants this kind by e-mail.
  void add(store::Tx& tx, const Event& event, Outbox& outbox) const;
  // Sends the outbox's e-mails in the background (failures are logged).
  void send(Outbox outbox);

  // The signed token of a one-click unsubscribe link, and what it names.
  std::string unsubscribe_token(std::string_view user_id, std::string_view kind) const;
  struct Unsubscribe {
    std::string user_id;
    std::string kind;
  };
  std::optional<Unsubscribe> read_unsubscribe_token(std::string_view token) const;

  // Tests: waits until the queued e-mails were handed to the mailer.
  void wait_idle() { queue_.wait_idle(); }

 private:
  mail::Message email(store::Tx& tx, const Event& event, const std::string& to) const;

  mail::Mailer& mailer_;
  std::string public_url_;
  std::string key_;
  std::string previous_key_;
  BackgroundQueue queue_{"notification e-mail", 1000};
};

}  // namespace prism::services::collab
