#include "support/upstash_rest_server.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "cache/redis/redis_settings.hpp"
#include "cache/redis/resp.hpp"
#include "cache/upstash/upstash_wire.hpp"

namespace prism::testing {
namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace json = boost::json;
using cache::Reply;

namespace {

using RedisPtr = std::unique_ptr<redisContext, void (*)(redisContext*)>;

RedisPtr connect_redis(const std::string& url) {
  auto s = cache::parse_redis_url(url);
  timeval timeout{5, 0};
  RedisPtr c(redisConnectWithTimeout(s.host.c_str(), std::stoi(s.port), timeout), redisFree);
  if (!c || c->err) throw std::runtime_error("stand-in: cannot connect to redis");
  timeval command_timeout{10, 0};
  redisSetTimeout(c.get(), command_timeout);
  auto run = [&](std::vector<std::string> argv) {
    std::vector<const char*> parts;
    std::vector<size_t> sizes;
    for (auto& a : argv) parts.push_back(a.data()), sizes.push_back(a.size());
    auto* r = static_cast<redisReply*>(
        redisCommandArgv(c.get(), static_cast<int>(argv.size()), parts.data(), sizes.data()));
    bool ok = r && r->type != REDIS_REPLY_ERROR;
    if (r) freeReplyObject(r);
    if (!ok) throw std::runtime_error("stand-in: redis refused " + argv[0]);
  };
  if (!s.password.empty()) {
    s.user.empty() ? run({"AUTH", s.password}) : run({"AUTH", s.user, s.password});
  }
  if (s.db != 0) run({"SELECT", std::to_string(s.db)});
  return c;
}

// One command as Upstash takes it: strings, with numbers allowed too.
std::vector<std::string> command_of(const json::value& v) {
  if (!v.is_array() || v.as_array().empty()) throw std::invalid_argument("not a command array");
  std::vector<std::string> argv;
  for (const auto& a : v.as_array()) {
    if (a.is_string()) {
      argv.emplace_back(a.as_string());
    } else if (a.is_number()) {
      argv.push_back(json::serialize(a));
    } else {
      throw std::invalid_argument("command arguments must be strings or numbers");
    }
  }
  return argv;
}

Reply run(redisContext* c, const std::vector<std::string>& argv) {
  std::vector<const char*> parts;
  std::vector<size_t> sizes;
  for (const auto& a : argv) parts.push_back(a.data()), sizes.push_back(a.size());
  auto* r = static_cast<redisReply*>(
      redisCommandArgv(c, static_cast<int>(argv.size()), parts.data(), sizes.data()));
  if (!r) throw std::runtime_error("redis connection lost");
  Reply reply = cache::resp::from_hiredis(r);
  freeReplyObject(r);
  return reply;
}

http::response<http::string_body> answer(http::status status, const json::value& body) {
  http::response<http::string_body> res{status, 11};
  res.set(http::field::content_type, "application/json");
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

}  // namespace

UpstashRestServer::UpstashRestServer(std::string redis_url, std::string token)
    : redis_url_(std::move(redis_url)), token_(std::move(token)) {
  connect_redis(redis_url_);  // fail here, not on the first request
  listener_ = std::make_unique<LoopbackListener>("upstash stand-in", [this](int fd) { serve(fd); });
}

UpstashRestServer::~UpstashRestServer() {
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  listener_->stop();
}

std::string UpstashRestServer::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

long UpstashRestServer::commands() const {
  std::lock_guard lock(mutex_);
  return commands_;
}

void UpstashRestServer::serve(int fd) {
  {
    std::lock_guard lock(mutex_);
    open_fds_.insert(fd);
  }
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.assign(asio::ip::tcp::v4(), fd);
  try {
    RedisPtr redis = connect_redis(redis_url_);
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      http::read(socket, buffer, req);
      http::response<http::string_body> res;
      bool base64 = req["Upstash-Encoding"] == "base64";
      std::string target(req.target());
      if (req[http::field::authorization] != "Bearer " + token_) {
        res = answer(http::status::unauthorized, json::object{{"error", "Unauthorized"}});
      } else if (req.method() != http::verb::post) {
        res = answer(http::status::method_not_allowed, json::object{{"error", "POST only"}});
      } else {
        try {
          json::value body = json::parse(req.body());
          if (target == "/") {
            Reply r = run(redis.get(), command_of(body));
            std::lock_guard lock(mutex_);
            ++commands_;
            res = answer(r.is_error() ? http::status::bad_request : http::status::ok,
                         cache::upstash::reply_to_json(r, base64));
          } else if (target == "/pipeline" || target == "/multi-exec") {
            bool transaction = target == "/multi-exec";
            std::vector<std::vector<std::string>> commands;
            for (const auto& v : body.as_array()) commands.push_back(command_of(v));
            json::array results;
            if (transaction) run(redis.get(), {"MULTI"});
            for (const auto& argv : commands) {
              Reply r = run(redis.get(), argv);
              if (!transaction) results.push_back(cache::upstash::reply_to_json(r, base64));
            }
            if (transaction) {
              Reply exec = run(redis.get(), {"EXEC"});
              for (const auto& r : exec.elements) {
                results.push_back(cache::upstash::reply_to_json(r, base64));
              }
            }
            {
              std::lock_guard lock(mutex_);
              commands_ += static_cast<long>(commands.size());
            }
            res = answer(http::status::ok, results);
          } else {
            res = answer(http::status::not_found, json::object{{"error", "unknown path"}});
          }
        } catch (const std::invalid_argument& e) {
          res = answer(http::status::bad_request, json::object{{"error", e.what()}});
        } catch (const std::exception& e) {
          res = answer(http::status::bad_request, json::object{{"error", e.what()}});
        }
      }
      res.keep_alive(req.keep_alive());
      http::write(socket, res);
      if (!req.keep_alive()) break;
    }
  } catch (const std::exception&) {
    // The client went away or the server is stopping.
  }
  std::lock_guard lock(mutex_);
  open_fds_.erase(fd);
}

}  // namespace prism::testing
