#include "services/auth/auth_service.hpp"

#include <spdlog/spdlog.h>

#include "auth/email_address.hpp"
#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "services/auth/auth_internal.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/tokens_store.hpp"

namespace prism::services {

using namespace auth_detail;

namespace {

constexpr std::int64_t kRefreshTokenBytes = 32;  // 256 bits

std::int64_t to_ms(std::chrono::milliseconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
}

Error invalid_credentials() { return unauthorized("the e-mail or password is incorrect"); }

}  // namespace

AuthService::AuthService(store::Database& db, cache::Cache& cache, mail::Mailer& mailer,
                         AuthConfig config)
    : db_(db),
      cache_(cache),
      mailer_(mailer),
      config_(std::move(config)),
      throttle_(cache_, config_.throttle),
      registration_limiter_(cache_, "registrations", config_.registrations),
      reset_limiter_(cache_, "password reset requests", config_.password_resets),
      verification_limiter_(cache_, "verification e-mail requests", config_.verification_resends),
      sessions_(db.notifications()) {
  if (config_.jwt.secret.size() < auth::kMinJwtSecretBytes) {
    throw std::invalid_argument("the JWT secret must be at least 32 bytes");
  }
}

AuthResult AuthService::register_account(const RegisterInput& input, const ClientInfo& client) {
  std::vector<FieldError> errors;
  auto email = auth::normalize_email(input.email);
  if (!email) errors.push_back({"email", "must be a valid e-mail address"});
  auto name = trimmed_text(input.name, 100);
  if (!name) errors.push_back({"name", "must be 1 to 100 characters"});
  std::optional<std::string> org_name;
  if (input.organization_name) {
    org_name = trimmed_text(*input.organization_name, 100);
    if (!org_name) errors.push_back({"organization_name", "must be 1 to 100 characters"});
  }
  std::vector<std::string> personal{input.email, input.name};
  if (input.organization_name) personal.push_back(*input.organization_name);
  if (auto problem = auth::password_problem(input.password, personal)) {
    errors.push_back({"password", *problem});
  }
  if (!errors.empty()) throw validation_failed(std::move(errors));
  // Counted before the address is looked up, so a 409 costs a request too:
  // the limit is what keeps registration from listing accounts.
  registration_limiter_.admit(client.ip);

  // Hash before opening the write transaction: it takes tens of milliseconds.
  std::string password_hash = auth::hash_password(input.password);
  std::int64_t now = now_unix_ms();
  store::users::User user{new_id(), *email, *name, password_hash, std::nullopt,
                          now,      now,    now,   false,         std::nullopt};
  std::optional<IssuedTokens> tokens;
  try {
    db_.write([&](store::Tx& tx) {
      if (store::users::find_by_email(tx, user.email)) {
        throw conflict("an account with this e-mail address already exists");
      }
      store::users::insert(tx, user);
      if (org_name) {
        create_org_in_tx(tx, Caller{user.id, client.ip}, {*org_name, std::nullopt},
                         config_.org_defaults);
      }
      record_account_event(tx, user.id, "auth.register", client.ip);
      if (!config_.verification_required) tokens = start_session(tx, user.id, client, now);
    });
  } catch (const store::ConstraintError&) {
    // Two registrations for one address raced; the other one won.
    throw conflict("an account with this e-mail address already exists");
  }
  send_verification(user.id, user.email);
  return AuthResult{to_view(user), std::move(tokens)};
}

AuthResult AuthService::login(std::string_view email, std::string_view password,
                              const ClientInfo& client) {
  // An address that cannot exist is simply a wrong login: the same answer
  // and, after the dummy verification, the same time as any other.
  std::string account = auth::normalize_email(email).value_or(std::string(email));
  if (auto wait = throttle_.retry_after(account, client.ip); wait > 0) {
    throw throttled("too many failed sign-ins; try again later", wait, config_.throttle);
  }
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, account); });
  if (!user) {
    auth::equalize_password_timing(password);
    throttle_.record_failure(account, client.ip);
    throw invalid_credentials();
  }
  if (!auth::verify_password(password, user->password_hash)) {
    throttle_.record_failure(account, client.ip);
    // In the background: a write here would make a wrong password for a
    // real account measurably slower than one for an unknown address.
    in_background("audit of a failed login", [this, user_id = user->id, ip = client.ip] {
      db_.write([&](store::Tx& tx) { record_account_event(tx, user_id, "auth.login_failed", ip); });
    });
    throw invalid_credentials();
  }
  throttle_.record_success(account);
  // Only after the password: a disabled account is not revealed to guessers.
  if (user->disabled_at) {
    throw Error(ErrorCode::kForbidden, "this account is disabled; ask the server's administrator")
        .with_machine_code("account_disabled");
  }
  if (config_.verification_required && !user->email_verified_at) {
    throw Error(ErrorCode::kForbidden,
                "confirm your e-mail address first: open the link we sent you")
        .with_machine_code("email_not_verified");
  }
  std::optional<std::string> rehashed;
  if (auth::password_needs_rehash(user->password_hash)) rehashed = auth::hash_password(password);
  std::int64_t now = now_unix_ms();
  IssuedTokens tokens = db_.write([&](store::Tx& tx) {
    if (rehashed) store::users::update_password(tx, user->id, *rehashed, user->password_changed_at);
    record_account_event(tx, user->id, "auth.login", client.ip);
    return start_session(tx, user->id, client, now);
  });
  return AuthResult{to_view(*user), std::move(tokens)};
}

IssuedTokens AuthService::start_session(store::Tx& tx, const std::string& user_id,
                                        const ClientInfo& client, std::int64_t now_ms) {
  store::sessions::Session session{
      new_id(),    user_id, clean_user_agent(client.user_agent),       client.ip,
      now_ms,      now_ms,  now_ms + to_ms(config_.sessions.absolute), std::nullopt,
      std::nullopt};
  store::sessions::insert(tx, session);
  std::string refresh = crypto::random_token(kRefreshTokenBytes);
  store::tokens::insert_refresh(tx, token_hash(refresh), session.id, now_ms);
  return IssuedTokens{auth::issue_access_token(config_.jwt, user_id, session.id, now_ms / 1000),
                      config_.jwt.access_ttl_seconds, std::move(refresh),
                      (session.expires_at - now_ms) / 1000};
}

MeView AuthService::me(const http::Principal& who) {
  return db_.read([&](store::Tx& tx) {
    auto user = store::users::find_by_id(tx, who.user_id);
    if (!user) throw unauthorized();
    MeView view{to_view(*user), {}};
    for (auto& m : store::users::memberships(tx, who.user_id)) {
      view.memberships.push_back(MembershipView{m.org_id, m.org_name, m.role});
    }
    return view;
  });
}

void AuthService::in_background(std::string what, std::function<void()> job) {
  background_.post([what = std::move(what), job = std::move(job)] {
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", what, e.what());
    }
  });
}

}  // namespace prism::services
