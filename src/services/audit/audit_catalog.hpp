#pragma once

// Every kind of audit event PRISM records, with the words people read it
// in: the one mapping from an action code to its label (filter lists, the
// CSV export) and its sentence (the audit log, the CSV export). An action
// code that is not listed here does not compile (AuditAction), so no event
// can reach the log without a sentence.

#include <string>
#include <string_view>

namespace prism::services {

struct AuditActionInfo {
  std::string_view code;   // "member.role_changed"
  std::string_view label;  // "Role changed"
  // "{actor} changed {target}'s role from {from} to {to}". Placeholders:
  // {actor} the user who acted, {target} the user acted on, {changes} a
  // details object of changed fields, and {name}, {from.to} … a value of the
  // details; ":q" quotes it, ":h" turns its underscores into spaces, and
  // "|words" is said when the details lack it.
  std::string_view sentence;
  // Said instead when the actor acted on themselves (someone left rather
  // than was removed); empty: `sentence` either way.
  std::string_view self_sentence = {};
};

inline constexpr AuditActionInfo kAuditActions[] = {
    // Accounts and sign-ins.
    {"auth.register", "Account created", "{actor} created their account"},
    {"auth.login", "Signed in", "{actor} signed in"},
    {"auth.login_failed", "Sign-in failed", "A sign-in as {actor} failed"},
    {"auth.refresh_token_reuse", "Stolen session ended",
     "A session of {actor} was ended: its refresh token was presented twice"},
    {"auth.sessions_revoked", "Sessions ended",
     "{actor} was signed out of {count|several} session(s)"},
    {"auth.password_changed", "Password changed", "{actor} changed their password"},
    {"auth.password_reset_requested", "Password reset requested",
     "{actor} asked for a password reset link"},
    {"auth.password_reset", "Password reset", "{actor} reset their password by e-mailed link"},
    {"auth.api_token_created", "API token created",
     "{actor} created the personal API token {name:q|without a name}"},
    {"auth.api_token_revoked", "API token revoked", "A personal API token of {actor} was revoked"},
    {"auth.name_changed", "Name changed", "{actor} changed their name from {from:q} to {to:q}"},
    // The organization.
    {"org.created", "Organization created", "{actor} created the organization {name:q}"},
    {"org.updated", "Organization changed", "{actor} changed the organization: {changes}"},
    {"org.deleted", "Organization deleted", "{actor} deleted the organization"},
    // Members and invitations.
    {"member.joined", "Member joined", "{actor} joined as {role|a member}"},
    {"member.role_changed", "Role changed", "{actor} changed {target}'s role from {from} to {to}"},
    {"member.removed", "Member removed", "{actor} removed {target} (was {role})",
     "{actor} left the organization (was {role})"},
    {"invitation.created", "Invitation sent", "{actor} invited {email} as {role}"},
    {"invitation.resent", "Invitation sent again",
     "{actor} sent the invitation for {email} ({role}) again"},
    {"invitation.withdrawn", "Invitation withdrawn",
     "{actor} withdrew the invitation for {email} ({role})"},
    // Projects, documents, stories, templates and share links.
    {"project.created", "Project created", "{actor} created the project {name:q} ({key})"},
    {"project.updated", "Project changed", "{actor} changed a project: {changes}"},
    {"project.deleted", "Project deleted", "{actor} deleted the project {name:q} ({key})"},
    {"document.created", "Document created", "{actor} created the document {title:q}"},
    {"document.status_changed", "Document status changed",
     "{actor} moved {title:q|a document} from {from:h} to {to:h}"},
    {"document.deleted", "Document deleted", "{actor} deleted the document {title:q}"},
    {"document.restored", "Document restored",
     "{actor} restored the document {title:q} from the trash"},
    {"document.purged", "Document purged",
     "{actor} deleted the document {title:q} for good after {retention_days|its} days in the "
     "trash"},
    {"comment.created", "Comment added", "{actor} commented on a document"},
    {"comment.deleted", "Comment deleted", "{actor} deleted a comment on a document"},
    {"review.requested", "Review requested", "{actor} asked for a review of a document"},
    {"review.submitted", "Review submitted",
     "{actor} reviewed version {version|the current version} of a document: {decision:h}"},
    {"story.created", "Story created", "{actor} created the story {key} {title:q}"},
    {"story.status_changed", "Story status changed",
     "{actor} moved {key|a story} from {from:h} to {to:h}"},
    {"story.deleted", "Story deleted", "{actor} deleted the story {key} {title:q}"},
    {"template.created", "Template created", "{actor} created the template {name:q}"},
    {"template.updated", "Template changed", "{actor} changed a template: {changes}"},
    {"template.deleted", "Template deleted", "{actor} deleted the template {name:q}"},
    {"share.created", "Share link created",
     "{actor} created a read-only share link to a document, valid until {expires_at}"},
    {"share.revoked", "Share link revoked", "{actor} revoked a share link to a document"},
    // The organization's AI provider.
    {"ai_settings.updated", "AI provider set",
     "{actor} set the organization's AI provider to {provider} ({model|its default model})"},
    {"ai_settings.removed", "AI provider removed",
     "{actor} removed the organization's AI provider ({provider}): the server's is used again"},
    {"ai_settings.key_resealed", "AI key re-encrypted",
     "{actor} re-encrypted the organization's AI provider key with a new server key"},
    // Server administration.
    {"admin.granted", "Server administrator added", "{actor} made {email} a server administrator"},
    {"admin.revoked", "Server administrator removed",
     "{actor} removed {email} from the server administrators"},
    {"user.disabled", "Account disabled", "{actor} disabled the account {email}"},
    {"user.enabled", "Account enabled", "{actor} enabled the account {email} again"},
    {"cache.rate_limits_cleared", "Rate limits cleared",
     "{actor} cleared {keys|the} rate-limit counters"},
};

// The entry for `code`, or null when the catalogue does not know it (an
// entry written by an older PRISM).
constexpr const AuditActionInfo* find_audit_action(std::string_view code) {
  for (const auto& a : kAuditActions) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

// Whether the catalogue has an entry for `code`. (A position, not a pointer:
// GCC's UBSan instrumentation makes comparing a pointer into the catalogue
// with null at compile time "not a constant expression".)
constexpr bool known_audit_action(std::string_view code) {
  for (const auto& a : kAuditActions) {
    if (a.code == code) return true;
  }
  return false;
}

// An action code the catalogue knows. Made from a string literal at compile
// time: a code without an entry in kAuditActions is a compile error.
class AuditAction {
 public:
  consteval AuditAction(const char* code) : info_(checked(code)) {}  // NOLINT: implicit on purpose

  std::string_view code() const { return info_->code; }
  const AuditActionInfo& info() const { return *info_; }

 private:
  static consteval const AuditActionInfo* checked(std::string_view code) {
    // Not a constant expression, so the build stops here: add the code, its
    // label and its sentence to kAuditActions.
    if (!known_audit_action(code))
      throw "audit action missing from kAuditActions (services/audit/audit_catalog.hpp)";
    return find_audit_action(code);
  }

  const AuditActionInfo* info_;
};

// The group an action belongs to, named for people: "member.role_changed"
// → ("member", "Members"). Unknown groups are named by their code.
struct AuditCategory {
  std::string_view code;
  std::string_view label;
};
inline constexpr AuditCategory kAuditCategories[] = {
    {"auth", "Accounts and sign-ins"},
    {"org", "Organization"},
    {"member", "Members"},
    {"invitation", "Invitations"},
    {"project", "Projects"},
    {"document", "Documents"},
    {"story", "Stories"},
    {"template", "Templates"},
    {"comment", "Comments"},
    {"review", "Reviews"},
    {"share", "Share links"},
    {"ai_settings", "AI provider"},
    {"admin", "Server administration"},
    {"user", "Server administration"},
    {"cache", "Server administration"},
};

std::string_view audit_category_of(std::string_view code);
std::string audit_category_label(std::string_view category);
// Whether `category` is the group of at least one catalogued action.
bool is_audit_category(std::string_view category);

}  // namespace prism::services
