#pragma once

#include <cstdint>
#include <string>

#include "auth/cookie_guard.hpp"
#include "http/router.hpp"
#include "services/auth/auth_service.hpp"

namespace prism::api {

inline constexpr std::string_view kRefreshCookie = "prism_refresh";

struct RefreshCookieSettings {
  // Browsers drop Secure cookies on plain http, so only a plain-http
  // localhost PUBLIC_URL (development) goes without it.
  bool secure = true;
};

RefreshCookieSettings refresh_cookie_settings(const std::string& public_url);

// The Set-Cookie value carrying a refresh token; max_age 0 deletes the cookie.
std::string refresh_cookie(const RefreshCookieSettings& settings, const std::string& token,
                           std::int64_t max_age_seconds);

// Every route a browser authenticates with a cookie is registered through
// this: `guard` refuses requests from other sites (403) and bodies that are
// not JSON (415) before `handler` runs.
http::Handler cookie_authenticated(auth::CookieGuard guard, http::Handler handler);

// /api/v1/auth/*: accounts, sessions, passwords, e-mail links, API tokens.
void register_auth_routes(http::Router& router, services::AuthService& auth,
                          const RefreshCookieSettings& cookie, const auth::CookieGuard& guard);

}  // namespace prism::api
