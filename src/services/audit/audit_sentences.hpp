#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace prism::services {

// A user as an audit entry names them: who acted, or whom it was about.
struct AuditPerson {
  std::string id;
  std::optional<std::string> name;   // unset: the account no longer exists
  std::optional<std::string> email;  // unset likewise
};

// The words of one audit entry.
struct AuditFacts {
  std::string_view action;
  const json::object* details = nullptr;  // null: none
  std::optional<AuditPerson> actor;       // unset: PRISM itself or the command line
  std::optional<AuditPerson> target;      // set when the entry is about a user
};

// How a person is named: their name, else their e-mail address, else "a
// deleted user".
std::string person_words(const AuditPerson& person);

// Who acted: the actor's words, or PRISM itself, or an operator on the
// command line.
std::string audit_actor_words(const AuditFacts& facts);

// The entry as one sentence, e.g. "Ana Lopez changed Bo Chen's role from
// admin to viewer." An action the catalogue does not know (written by an
// older PRISM) still reads as a sentence that names the code.
std::string audit_sentence(const AuditFacts& facts);

}  // namespace prism::services
