// libFuzzer target: arbitrary bytes through the path a request takes on an
// I/O thread — Beast's parser (with the server's limits), the dispatcher with
// the application's real routes (request id, CORS, routing, query parsing,
// inline handlers, response headers) — and then the JSON body through
// parse_json_object and JsonReader the way handlers read it. Errors must be
// prism::Error values that map to a well-formed problem document; anything
// else (a crash, a sanitizer report, a foreign exception) is a finding. A
// request the server would serve must have a certain body length: with
// Transfer-Encoding, exactly "chunked" (check_framing), or the bytes after it
// could run as a smuggled request.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>
#include <vector>

#include "app/application.hpp"
#include "config/config.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "http/dispatcher.hpp"
#include "http/problem.hpp"
#include "http/request_head.hpp"

namespace {

namespace beast_http = boost::beast::http;
using namespace prism;

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "request_fuzz invariant violated: %s\n", what);
  std::abort();
}

struct World {
  std::filesystem::path dir;
  config::Config config;
  std::unique_ptr<app::Application> app;
  std::unique_ptr<http::Dispatcher> dispatcher;

  World() {
    crypto::init();
    spdlog::set_level(spdlog::level::off);
    char tmpl[] = "/tmp/prism-fuzz-XXXXXX";
    if (!::mkdtemp(tmpl)) finding("mkdtemp failed");
    dir = tmpl;
    // A small web app, so paths outside the API reach the static site.
    std::filesystem::create_directories(dir / "web" / "assets");
    std::ofstream(dir / "web" / "index.html") << "<!doctype html><div id=root></div>";
    std::ofstream(dir / "web" / "assets" / "app-1a2b3c.js") << "console.log('fuzz')";
    std::ofstream(dir / "web" / "assets" / "app-1a2b3c.js.br") << "br";
    config = config::load_config({{"DATABASE_URL", "sqlite:" + (dir / "fuzz.db").string()},
                                  {"WEB_DIR", (dir / "web").string()},
                                  {"JWT_SECRET_KEY", std::string(48, 'j')},
                                  {"SECRET_KEY", std::string(48, 's')},
                                  {"CORS_ALLOWED_ORIGINS", "https://app.example.com"},
                                  {"LOG_LEVEL", "off"}});
    app = std::make_unique<app::Application>(config);
    dispatcher = std::make_unique<http::Dispatcher>(
        app->router(), app->authenticator(), app->metrics(),
        http::DispatchOptions{config.cors_allowed_origins, false});
  }
  ~World() {
    dispatcher.reset();
    app.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& world() {
  static World w;
  return w;
}

void check_problem(const Error& e) {
  http::Response res = http::problem_response(e);
  boost::system::error_code ec;
  auto v = json::parse(res.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("status")) {
    finding("problem_response produced an invalid body");
  }
  if (v.as_object().at("status").to_number<int>() != static_cast<int>(res.status)) {
    finding("problem status differs from the HTTP status");
  }
}

// Reads fields the way the API's handlers do, nested objects included.
void read_like_a_handler(const json::object& obj, int depth) {
  JsonReader r(obj, depth == 0 ? "" : "input");
  (void)r.optional_string("email", 3, 254);
  (void)r.optional_string("name", 1, 200);
  (void)r.optional_string("password", 12, 128);
  (void)r.optional_int("limit", 1, 200);
  (void)r.optional_number("budget", 0, 1e9);
  (void)r.optional_bool("cache");
  (void)r.optional_string_array("key_features", 50, 500);
  (void)r.is_null("content");
  if (const json::value* input = r.optional_value("input");
      input && input->is_object() && depth < 3) {
    read_like_a_handler(input->as_object(), depth + 1);
  }
  (void)r.required_string("title", 1, 300);
  try {
    r.finish();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kValidationFailed || e.field_errors.empty()) {
      finding("JsonReader::finish threw something other than a 422 with field errors");
    }
    throw;
  }
}

void exercise_body(const http::Request& request) {
  try {
    json::object obj = request.json_body();
    read_like_a_handler(obj, 0);
  } catch (const Error& e) {
    switch (e.code()) {
      case ErrorCode::kBadRequest:
      case ErrorCode::kUnsupportedMediaType:
      case ErrorCode::kValidationFailed:
        break;
      default:
        finding("unexpected error code from the JSON body path");
    }
    check_problem(e);
  }
}

void check_match(const http::Router& router, const http::RawRequest& raw) {
  std::string_view target = raw.target();
  std::string_view path = target.substr(0, target.find('?'));
  http::Match m = router.match(raw.method(), path);
  if (!m.route) return;
  bool head_by_get = raw.method() == beast_http::verb::head && m.route->method == beast_http::verb::get;
  if (m.route->method != raw.method() && m.route != router.fallback() && !head_by_get)
    finding("matched a route of another method");
  std::size_t placeholders = 0;
  for (const auto& seg : m.route->segments) placeholders += !seg.empty() && seg.front() == '{';
  if (m.params.size() != placeholders) finding("parameter count differs from the template");
}

// A request the server would serve (Beast parsed it and check_request_head
// let it through) has a body whose end is certain, judged by Beast's own
// reading rather than by a second copy of check_request_head's rules: with
// Transfer-Encoding, Beast read the body as chunked, in HTTP/1.1, without
// Content-Length; without it, not as chunked. The finer rules (chunked once,
// last) are the unit tests' in src/http/request_head_test.cpp.
void check_framing(const http::RawRequest& raw, bool parsed_chunked) {
  if (raw.find(beast_http::field::transfer_encoding) == raw.end()) {
    if (parsed_chunked) finding("chunked body without Transfer-Encoding");
    return;
  }
  if (raw.find(beast_http::field::content_length) != raw.end())
    finding("served a request with Transfer-Encoding and Content-Length");
  if (raw.version() < 11) finding("served an HTTP/1.0 request with Transfer-Encoding");
  if (!parsed_chunked) finding("Transfer-Encoding accepted but the body was not read as chunked");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  beast_http::request_parser<beast_http::string_body> parser;
  parser.body_limit(w.config.max_body_bytes);
  parser.header_limit(16 * 1024);
  parser.eager(true);

  boost::beast::error_code ec;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty() && !parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
    if (ec == beast_http::error::need_more) {
      // The whole input was offered: there is no more to come. Beast expects
      // the next put() to bring more bytes than this one (its read loop
      // does), so calling it again with the same bytes would break its own
      // assertions rather than test PRISM; end the input instead.
      ec = {};
      input.remove_prefix(used);
      break;
    }
    if (ec) return 0;
    input.remove_prefix(used);
  }
  if (!parser.is_done()) {
    if (!parser.got_some()) return 0;  // put_eof() requires some input (a Beast precondition)
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
  }
  bool parsed_chunked = parser.chunked();
  http::RawRequest raw = parser.release();
  // The server answers a refused head itself and closes the connection.
  if (auto problem = http::check_request_head(raw)) {
    check_problem(Error(problem->code, problem->detail));
    return 0;
  }
  check_framing(raw, parsed_chunked);

  check_match(w.app->router(), raw);
  http::Dispatcher::Exchange ex = w.dispatcher->begin(raw, "127.0.0.1");
  if (ex.early) {
    (void)w.dispatcher->finish(ex, std::move(*ex.early), raw.keep_alive());
    return 0;
  }
  exercise_body(*ex.request);
  // Inline handlers run on the I/O thread in production, so they run here;
  // worker handlers touch the database and are covered by the tests instead.
  http::Response res =
      w.dispatcher->needs_worker(ex) ? http::Response::no_content() : w.dispatcher->run(ex);
  (void)w.dispatcher->finish(ex, std::move(res), raw.keep_alive());
  return 0;
}
