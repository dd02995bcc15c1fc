#include "api/auth_routes.hpp"

#include <boost/url/parse.hpp>
#include <limits>

#include "api/common.hpp"
#include "core/clock.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using http::Status;
using services::AuthService;

// Long enough for any real password (the policy allows 128 code points, up
// to 512 bytes) while keeping hashing input bounded; the service explains
// the actual limits.
constexpr std::size_t kMaxPasswordField = 1024;
constexpr std::size_t kMaxEmailField = 320;

services::ClientInfo client_of(const Request& req) {
  return {req.client_ip(), std::string(req.user_agent())};
}

std::string_view bearer_of(const Request& req) {
  std::string_view auth = req.header("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (auth.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(auth[i])) != kScheme[i]) return {};
  }
  auth.remove_prefix(kScheme.size());
  while (!auth.empty() && auth.front() == ' ') auth.remove_prefix(1);
  return auth;
}

json::object user_json(const services::UserView& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"email_verified", u.email_verified},
          {"is_admin", u.is_admin},
          {"created_at", rfc3339_ms(u.created_at)}};
}

json::object token_json(const services::ApiTokenView& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"created_at", rfc3339_ms(t.created_at)},
          {"last_used_at", optional_time(t.last_used_at)},
          {"expires_at", optional_time(t.expires_at)},
          {"scopes", json::value_from(t.scopes)}};
}

// {user, access_token, token_type, expires_in} plus the refresh cookie; when
// the account still has to verify its e-mail there are no tokens yet.
Response auth_response(const services::AuthResult& result, const RefreshCookieSettings& cookie,
                       Status status) {
  json::object body{{"user", user_json(result.user)}};
  if (!result.tokens) {
    body["verification_required"] = true;
    return Response::json(body, status);
  }
  body["access_token"] = result.tokens->access_token;
  body["token_type"] = "bearer";
  body["expires_in"] = result.tokens->expires_in;
  Response res = Response::json(body, status);
  res.header("Set-Cookie",
             refresh_cookie(cookie, result.tokens->refresh_token, result.tokens->refresh_max_age));
  return res;
}

// {user, memberships:[{org_id, org_name, role}]}
json::object me_json(const services::MeView& me) {
  json::array memberships;
  for (const auto& m : me.memberships) {
    memberships.push_back(
        json::object{{"org_id", m.org_id}, {"org_name", m.org_name}, {"role", m.role}});
  }
  return json::object{{"user", user_json(me.user)}, {"memberships", std::move(memberships)}};
}

std::string id_of(const json::value& item) {
  return std::string(item.as_object().at("id").as_string());
}

}  // namespace

RefreshCookieSettings refresh_cookie_settings(const std::string& public_url) {
  auto url = boost::urls::parse_absolute_uri(public_url);
  if (!url || url->scheme() != "http") return {true};
  std::string host(url->host());
  bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1";
  return {!local};
}

std::string refresh_cookie(const RefreshCookieSettings& settings, const std::string& token,
                           std::int64_t max_age_seconds) {
  std::string cookie = std::string(kRefreshCookie) + "=" + token +
                       "; Path=/api/v1/auth; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Strict";
  if (settings.secure) cookie += "; Secure";
  return cookie;
}

http::Handler cookie_authenticated(auth::CookieGuard guard, http::Handler handler) {
  return [guard = std::move(guard), handler = std::move(handler)](Request& req) {
    guard.check(req);
    return handler(req);
  };
}

void register_auth_routes(http::Router& router, AuthService& auth,
                          const RefreshCookieSettings& cookie, const auth::CookieGuard& guard) {
  using http::Auth;
  using verb = http::beast_http::verb;
  const std::string base = "/api/v1/auth";

  router.add(
      verb::post, base + "/register",
      [&auth, cookie](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        services::RegisterInput input;
        input.email = r.required_string("email", 1, kMaxEmailField);
        input.password = r.required_string("password", 1, kMaxPasswordField);
        input.name = r.required_string("name", 1, 200);
        input.organization_name = r.optional_string("organization_name", 1, 200);
        r.finish();
        return auth_response(auth.register_account(input, client_of(req)), cookie, Status::created);
      },
      Auth::kNone);

  router.add(
      verb::post, base + "/login",
      [&auth, cookie](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        auto email = r.required_string("email", 1, kMaxEmailField);
        auto password = r.required_string("password", 1, kMaxPasswordField);
        r.finish();
        return auth_response(auth.login(email, password, client_of(req)), cookie, Status::ok);
      },
      Auth::kNone);

  router.add(verb::post, base + "/refresh",
             cookie_authenticated(guard,
                                  [&auth, cookie](Request& req) {
                                    return auth_response(
                                        auth.refresh(req.cookie(kRefreshCookie), client_of(req)),
                                        cookie, Status::ok);
                                  }),
             Auth::kNone);

  // Public, so a client whose access token has expired can still end its
  // session with the refresh cookie alone.
  router.add(verb::post, base + "/logout",
             cookie_authenticated(guard,
                                  [&auth, cookie](Request& req) {
                                    auth.logout(req.cookie(kRefreshCookie), bearer_of(req));
                                    Response res = Response::no_content();
                                    res.header("Set-Cookie", refresh_cookie(cookie, "", 0));
                                    return res;
                                  }),
             Auth::kNone);

  router.add(verb::get, base + "/me",
             [&auth](Request& req) { return Response::json(me_json(auth.me(req.principal()))); });

  router.add(verb::patch, base + "/me", [&auth](Request& req) {
    auto body = req.json_body();
    JsonReader r(body);
    // Any length: the service states the limit (the body's size bounds it).
    auto name = r.required_string("name", 0, std::numeric_limits<std::size_t>::max());
    r.finish();
    return Response::json(me_json(auth.update_name(req.principal(), name, client_of(req))));
  });

  router.add(verb::get, base + "/sessions", [&auth](Request& req) {
    Page page = page_from(req);
    json::array items;
    for (const auto& s : auth.sessions(req.principal(), page.cursor, page.limit)) {
      items.push_back(json::object{{"id", s.id},
                                   {"created_at", rfc3339_ms(s.created_at)},
                                   {"last_used_at", rfc3339_ms(s.last_used_at)},
                                   {"expires_at", rfc3339_ms(s.expires_at)},
                                   {"user_agent", s.user_agent},
                                   {"ip", s.ip},
                                   {"current", s.current}});
    }
    return Response::json(list_body(std::move(items), page, id_of));
  });

  router.add(verb::delete_, base + "/sessions/{id}", [&auth](Request& req) {
    auth.revoke_session(req.principal(), req.param("id"));
    return Response::no_content();
  });

  router.add(verb::post, base + "/password", [&auth](Request& req) {
    auto body = req.json_body();
    JsonReader r(body);
    auto current = r.required_string("current_password", 1, kMaxPasswordField);
    auto next = r.required_string("new_password", 1, kMaxPasswordField);
    // Personal API tokens are revoked with the password unless asked otherwise.
    bool keep_api_tokens = r.optional_bool("keep_api_tokens").value_or(false);
    r.finish();
    auth.change_password(req.principal(), current, next, keep_api_tokens, client_of(req));
    return Response::no_content();
  });

  router.add(
      verb::post, base + "/password/forgot",
      [&auth](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        auto email = r.required_string("email", 1, kMaxEmailField);
        r.finish();
        auth.forgot_password(email, client_of(req));
        // One answer whether or not the address has an account.
        return Response::json(
            json::object{
                {"message", "if an account uses this address, a reset link is on its way"}},
            Status::accepted);
      },
      Auth::kNone);

  router.add(
      verb::post, base + "/password/reset",
      [&auth](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        auto token = r.required_string("token", 1, 256);
        auto next = r.required_string("new_password", 1, kMaxPasswordField);
        r.finish();
        auth.reset_password(token, next, client_of(req));
        return Response::no_content();
      },
      Auth::kNone);

  router.add(
      verb::post, base + "/verify-email",
      [&auth](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        auto token = r.required_string("token", 1, 256);
        r.finish();
        auth.verify_email(token);
        return Response::no_content();
      },
      Auth::kNone);

  router.add(
      verb::post, base + "/verify-email/resend",
      [&auth](Request& req) {
        auto body = req.json_body();
        JsonReader r(body);
        auto email = r.required_string("email", 1, kMaxEmailField);
        r.finish();
        auth.resend_verification(email, client_of(req));
        // One answer whether or not the address has an unconfirmed account.
        return Response::json(
            json::object{{"message",
                          "if an account with this address still needs confirming, a new link "
                          "is on its way"}},
            Status::accepted);
      },
      Auth::kNone);

  router.add(verb::get, base + "/tokens", [&auth](Request& req) {
    Page page = page_from(req);
    json::array items;
    for (const auto& t : auth.api_tokens(req.principal(), page.cursor, page.limit)) {
      items.push_back(token_json(t));
    }
    return Response::json(list_body(std::move(items), page, id_of));
  });

  router.add(verb::post, base + "/tokens", [&auth](Request& req) {
    auto body = req.json_body();
    JsonReader r(body);
    auto name = r.required_string("name", 1, 200);
    auto days = r.optional_int("expires_in_days", 1, 365);
    auto scopes = r.optional_string_array("scopes", 2, 20);
    r.finish();
    auto created = auth.create_api_token(req.principal(), name, days, scopes);
    json::object out = token_json(created.token);
    out["token"] = created.secret;
    return Response::json(out, Status::created);
  });

  router.add(verb::delete_, base + "/tokens/{id}", [&auth](Request& req) {
    auth.revoke_api_token(req.principal(), req.param("id"));
    return Response::no_content();
  });
}

}  // namespace prism::api
