#include "support/api_helpers.hpp"

#include <random>
#include <stdexcept>

namespace prism::testing {
namespace {

std::string random_hex(std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device rd;
  std::uniform_int_distribution<int> pick(0, 15);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(kHex[pick(rd)]);
  return out;
}

std::string string_at(const boost::json::value& v, std::initializer_list<const char*> path) {
  const boost::json::value* cur = &v;
  for (const char* key : path) {
    const auto* obj = cur->if_object();
    if (!obj || !obj->contains(key)) return {};
    cur = &obj->at(key);
  }
  return cur->is_string() ? std::string(cur->get_string()) : std::string();
}

}  // namespace

std::string unique_email(const std::string& prefix) {
  return prefix + "-" + random_hex(12) + "@example.com";
}

std::string strong_password() { return "tundra-" + random_hex(8) + "-Quokka-" + random_hex(8); }

void expect_status(const HttpResponse& r, long expected, const std::string& what) {
  if (r.status != expected) {
    throw std::runtime_error(what + ": expected " + std::to_string(expected) + ", got " +
                             std::to_string(r.status) + ": " + r.body.substr(0, 1000));
  }
}

TestUser register_user(HttpClient& client, const std::string& email_prefix,
                       const std::string& org_name) {
  TestUser u;
  u.email = unique_email(email_prefix);
  u.password = strong_password();
  auto r =
      client.post("/api/v1/auth/register", boost::json::object{{"email", u.email},
                                                               {"password", u.password},
                                                               {"name", "Test User"},
                                                               {"organization_name", org_name}});
  expect_status(r, 201, "POST /api/v1/auth/register");
  auto body = r.json();
  u.user_id = string_at(body, {"user", "id"});
  u.access_token = string_at(body, {"access_token"});
  if (u.user_id.empty() || u.access_token.empty()) {
    throw std::runtime_error("register response lacks user.id or access_token: " + r.body);
  }
  client.set_bearer(u.access_token);

  auto me = client.get("/api/v1/auth/me");
  expect_status(me, 200, "GET /api/v1/auth/me");
  auto mj = me.json();
  const auto* memberships = mj.is_object() && mj.as_object().contains("memberships")
                                ? mj.as_object().at("memberships").if_array()
                                : nullptr;
  if (!memberships || memberships->empty()) {
    throw std::runtime_error("GET /api/v1/auth/me has no memberships: " + me.body);
  }
  u.org_id = string_at((*memberships)[0], {"org_id"});
  if (u.org_id.empty()) throw std::runtime_error("membership without org_id: " + me.body);
  return u;
}

std::string login(HttpClient& client, const std::string& email, const std::string& password) {
  auto r = client.post("/api/v1/auth/login",
                       boost::json::object{{"email", email}, {"password", password}});
  expect_status(r, 200, "POST /api/v1/auth/login");
  std::string token = string_at(r.json(), {"access_token"});
  if (token.empty()) throw std::runtime_error("login response lacks access_token: " + r.body);
  client.set_bearer(token);
  return token;
}

}  // namespace prism::testing
