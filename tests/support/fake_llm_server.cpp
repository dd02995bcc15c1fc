#include "fake_llm_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <stdexcept>

#include "fake_llm_wire.hpp"

namespace prism::testing {

namespace {

constexpr int kPollMs = 20;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True when the peer has closed its end (or reset the connection).
bool peer_closed(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLHUP | POLLERR)) return true;
  char c;
  return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads one request (headers and a Content-Length body); nullopt when the
// client went away or the server stops.
std::optional<RecordedRequest> read_request(int fd, const std::atomic<bool>& stop) {
  std::string buf;
  std::size_t header_end = std::string::npos;
  std::size_t need = 0;
  RecordedRequest req;
  char chunk[4096];
  while (!stop) {
    if (header_end == std::string::npos &&
        (header_end = buf.find("\r\n\r\n")) != std::string::npos) {
      std::string head = buf.substr(0, header_end);
      auto line_end = head.find("\r\n");
      std::string first = head.substr(0, line_end);
      req.method = first.substr(0, first.find(' '));
      req.path = first.substr(req.method.size() + 1, first.rfind(' ') - req.method.size() - 1);
      for (std::size_t pos = line_end; pos != std::string::npos && pos < head.size();) {
        std::size_t next = head.find("\r\n", pos + 2);
        std::string h =
            head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        if (auto colon = h.find(':'); colon != std::string::npos) {
          std::string value = h.substr(colon + 1);
          value.erase(0, value.find_first_not_of(' '));
          req.headers[lower(h.substr(0, colon))] = value;
        }
        pos = next;
      }
      need = req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
      if (req.headers.count("expect") && !send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n"))
        return std::nullopt;
    }
    if (header_end != std::string::npos && buf.size() >= header_end + 4 + need) {
      req.body = buf.substr(header_end + 4, need);
      return req;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return std::nullopt;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

std::string chunked(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

}  // namespace

FakeLlmServer::FakeLlmServer()
    : listener_("fake llm", [this](int fd) {
        serve(fd);
        ::close(fd);
      }) {}

FakeLlmServer::~FakeLlmServer() {
  stop_ = true;
  cv_.notify_all();
  listener_.stop();
}

std::string FakeLlmServer::anthropic_base_url() const {
  return "http://127.0.0.1:" + std::to_string(listener_.port());
}
std::string FakeLlmServer::openai_base_url() const { return anthropic_base_url() + "/v1"; }

void FakeLlmServer::push(FakeReply reply) {
  std::lock_guard lock(mu_);
  queue_.push_back(std::move(reply));
}

void FakeLlmServer::set_default(FakeReply reply) {
  std::lock_guard lock(mu_);
  default_ = std::move(reply);
}

void FakeLlmServer::release() {
  std::lock_guard lock(mu_);
  released_ = true;
  cv_.notify_all();
}

int FakeLlmServer::calls() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(requests_.size());
}

std::vector<RecordedRequest> FakeLlmServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

int FakeLlmServer::client_closes() const {
  std::lock_guard lock(mu_);
  return client_closes_;
}

bool FakeLlmServer::wait_for_client_closes(int n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return client_closes_ >= n; });
}

bool FakeLlmServer::wait_for_calls(int n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return static_cast<int>(requests_.size()) >= n; });
}

FakeReply FakeLlmServer::next_reply() {
  std::lock_guard lock(mu_);
  if (queue_.empty()) return default_;
  FakeReply r = std::move(queue_.front());
  queue_.pop_front();
  return r;
}

bool FakeLlmServer::pause(int fd, std::chrono::milliseconds how_long) {
  auto until = std::chrono::steady_clock::now() + how_long;
  while (std::chrono::steady_clock::now() < until) {
    if (stop_) return false;
    if (peer_closed(fd)) {
      note_client_close();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void FakeLlmServer::note_client_close() {
  std::lock_guard lock(mu_);
  ++client_closes_;
  cv_.notify_all();
}

void FakeLlmServer::serve(int fd) {
  auto request = read_request(fd, stop_);
  if (!request) return;
  FakeReply reply = next_reply();
  {
    std::lock_guard lock(mu_);
    requests_.push_back(*request);
    cv_.notify_all();
  }
  bool anthropic = ends_with(request->path, "/v1/messages");
  bool openai = ends_with(request->path, "/chat/completions");
  if (request->method == "GET" && ends_with(request->path, "/models")) {
    LlmDialect dialect =
        request->headers.count("x-api-key") ? LlmDialect::kAnthropic : LlmDialect::kOpenAi;
    int status = reply.status;
    std::string body =
        status == 200 ? models_body(dialect, kFakeModels) : error_body(dialect, reply);
    send_all(fd, "HTTP/1.1 " + std::to_string(status) +
                     " Scripted\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    return;
  }
  if (!anthropic && !openai) {
    send_all(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  LlmDialect dialect = anthropic ? LlmDialect::kAnthropic : LlmDialect::kOpenAi;

  if (reply.stall) {
    std::unique_lock lock(mu_);
    while (!released_ && !stop_) {
      lock.unlock();
      if (peer_closed(fd)) return note_client_close();
      lock.lock();
      cv_.wait_for(lock, std::chrono::milliseconds(kPollMs));
    }
    if (stop_) return;
  }
  if (!pause(fd, reply.first_byte_delay)) return;

  if (reply.status != 200) {
    std::string body = error_body(dialect, reply);
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) +
                       " Scripted\r\nContent-Type: application/json\r\n";
    if (reply.retry_after) head += "Retry-After: " + *reply.retry_after + "\r\n";
    send_all(fd, head + "Content-Length: " + std::to_string(body.size()) +
                     "\r\nConnection: close\r\n\r\n" + body);
    return;
  }

  std::string model;
  std::string forced_tool;
  bool include_usage = false;
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(request->body, ec);
  if (!ec && parsed.is_object()) {
    const auto& o = parsed.as_object();
    if (auto* m = o.if_contains("model"); m && m->is_string()) model = std::string(m->as_string());
    if (auto* tc = o.if_contains("tool_choice"); tc && tc->is_object()) {
      auto* name = tc->as_object().if_contains("name");
      if (name && name->is_string()) forced_tool = std::string(name->as_string());
    }
    if (auto* so = o.if_contains("stream_options"); so && so->is_object()) {
      auto* iu = so->as_object().if_contains("include_usage");
      include_usage = iu && iu->is_bool() && iu->as_bool();
    }
  }
  ScriptedStream stream = scripted_stream(dialect, reply, model, include_usage, forced_tool);

  std::vector<std::string> writes{
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"};
  for (const auto& event : stream.events) writes.push_back(chunked(event));
  if (!stream.drop) writes.push_back("0\r\n\r\n");
  if (reply.write_size > 0) {
    std::string all;
    for (const auto& w : writes) all += w;
    writes.clear();
    for (std::size_t i = 0; i < all.size(); i += reply.write_size)
      writes.push_back(all.substr(i, reply.write_size));
  }
  for (std::size_t i = 0; i < writes.size(); ++i) {
    if (i > 0 && !pause(fd, reply.write_delay)) return;
    if (peer_closed(fd) || !send_all(fd, writes[i])) return note_client_close();
  }
  // A dropped stream ends here: the socket closes without the final chunk.
}

}  // namespace prism::testing
