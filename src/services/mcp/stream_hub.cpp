#include "services/mcp/stream_hub.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/push_stream.hpp"
#include "services/access.hpp"
#include "store/mcp_sessions_store.hpp"

namespace prism::services::mcp {

namespace sessions = store::mcp_sessions;
using store::changes::Change;

namespace {

constexpr std::size_t kMaxPending = 10'000;
// Announcements remembered to skip their repeat (PostgreSQL delivers the
// committing process's own twice, the second within moments).
constexpr std::size_t kRecentTags = 4096;

json::object notification(std::string_view method, json::object params) {
  return json::object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

std::string document_uri(std::string_view id) { return "prism://documents/" + std::string(id); }
std::string backlog_uri(std::string_view id) {
  return "prism://projects/" + std::string(id) + "/backlog";
}

// Whether `user_id` may read what changed; tenant isolation stays in
// services/access (not found and forbidden both mean no).
bool may_read(store::Tx& tx, const std::string& user_id, const Change& c) {
  try {
    switch (c.kind) {
      case Change::Kind::kDocument:
        require_document(tx, user_id, c.id, Role::kViewer);
        break;
      case Change::Kind::kBacklog:
        require_project(tx, user_id, c.id, Role::kViewer);
        break;
      case Change::Kind::kDocumentList:
        require_org(tx, user_id, c.org_id, Role::kViewer);
        break;
    }
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

// One open GET stream: JSON-RPC messages as SSE "message" events.
class McpStream : public http::PushStream {
 public:
  explicit McpStream(StreamHub& hub) : PushStream("retry: 5000\n\n"), hub_(hub) {}
  ~McpStream() override { close(); }

  void send(const json::object& message) {
    push("event: message\ndata: " + json::serialize(message) + "\n\n");
  }

 protected:
  void closed() override { hub_.forget(this); }

 private:
  StreamHub& hub_;
};

StreamHub::StreamHub(store::Database& db, SessionPolicy policy,
                     std::chrono::milliseconds check_every)
    : db_(db),
      policy_(policy),
      check_every_(check_every),
      last_check_(std::chrono::steady_clock::now()),
      thread_("prism-mcp-streams",
              std::min<std::chrono::milliseconds>(check_every, std::chrono::seconds(5)),
              [this] { round(); }) {
  auto& bus = db_.notifications();
  changes_.emplace(bus.listen(std::string(store::changes::kChannel),
                              [this](std::string_view payload) { queue(std::string(payload)); }));
  ended_.emplace(bus.listen(std::string(sessions::kEndedChannel),
                            [this](std::string_view id) { evict_session(id); }));
}

StreamHub::~StreamHub() {
  changes_.reset();
  ended_.reset();
}

std::shared_ptr<http::EventSource> StreamHub::open(const std::string& session_id,
                                                   const std::string& user_id) {
  std::lock_guard lock(mutex_);
  // A session's messages go on one stream: a reconnect replaces the old one.
  // A closed connection is noticed only at its next write, so rather than
  // refuse, the oldest of the user's streams makes room.
  std::size_t of_user = 0;
  for (auto it = open_.begin(); it != open_.end();) {
    if (it->session_id == session_id) {
      it->stream->end();
      it = open_.erase(it);
    } else {
      of_user += it->user_id == user_id ? 1 : 0;
      ++it;
    }
  }
  for (auto it = open_.begin(); of_user >= kMaxStreamsPerUser && it != open_.end();) {
    if (it->user_id == user_id) {
      it->stream->end();
      it = open_.erase(it);
      --of_user;
    } else {
      ++it;
    }
  }
  auto s = std::make_shared<McpStream>(*this);
  open_.push_back({session_id, user_id, s.get()});
  return s;
}

void StreamHub::forget(McpStream* stream) {
  std::lock_guard lock(mutex_);
  std::erase_if(open_, [&](const Open& o) { return o.stream == stream; });
}

void StreamHub::queue(std::string payload) {
  {
    // Queued even with no stream open: its tag is remembered, so its
    // repeat through LISTEN is not sent to a stream opened meanwhile.
    std::lock_guard lock(mutex_);
    if (pending_.size() >= kMaxPending) {
      spdlog::warn("MCP streams: {} changes waiting, one dropped", pending_.size());
      return;
    }
    pending_.push_back(std::move(payload));
  }
  thread_.wake();
}

void StreamHub::evict_session(std::string_view session_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(open_, [&](const Open& o) {
    if (o.session_id != session_id) return false;
    o.stream->end();
    return true;
  });
}

void StreamHub::send(const std::string& session_id, const json::object& message) {
  std::lock_guard lock(mutex_);
  for (const auto& o : open_) {
    if (o.session_id == session_id) o.stream->send(message);
  }
}

void StreamHub::round() {
  std::vector<std::string> payloads;
  std::vector<Open> open;
  bool check = false;
  {
    std::lock_guard lock(mutex_);
    payloads.assign(pending_.begin(), pending_.end());
    pending_.clear();
    open = open_;
    auto now = std::chrono::steady_clock::now();
    if (now - last_check_ >= check_every_) {
      check = true;
      last_check_ = now;
    }
  }
  // One transaction may announce the same change many times (a backlog of
  // generated stories): each is sent once.
  std::set<std::string> seen;
  for (const auto& payload : payloads) {
    auto change = store::changes::parse(payload);
    if (!change || !first_time(change->tag) || open.empty()) continue;
    if (!seen.insert(payload.substr(0, payload.size() - change->tag.size())).second) continue;
    try {
      deliver(*change, open);
    } catch (const std::exception& e) {
      spdlog::warn("MCP streams: a change was not sent: {}", e.what());
    }
  }
  if (!check || open.empty()) return;
  try {
    check_sessions(open);
  } catch (const std::exception& e) {
    spdlog::warn("MCP streams: sessions not checked: {}", e.what());
  }
}

bool StreamHub::first_time(const std::string& tag) {
  if (!recent_tags_.insert(tag).second) return false;
  recent_order_.push_back(tag);
  if (recent_order_.size() > kRecentTags) {
    recent_tags_.erase(recent_order_.front());
    recent_order_.pop_front();
  }
  return true;
}

void StreamHub::deliver(const Change& change, const std::vector<Open>& open) {
  std::vector<std::string> to;
  json::object message;
  db_.read([&](store::Tx& tx) {
    if (change.kind == Change::Kind::kDocumentList) {
      message = notification("notifications/resources/list_changed", {});
      for (const auto& o : open) {
        if (may_read(tx, o.user_id, change)) to.push_back(o.session_id);
      }
      return;
    }
    std::string uri =
        change.kind == Change::Kind::kDocument ? document_uri(change.id) : backlog_uri(change.id);
    message = notification("notifications/resources/updated", json::object{{"uri", uri}});
    for (const auto& sub : sessions::subscribers(tx, uri)) {
      bool here = std::any_of(open.begin(), open.end(),
                              [&](const Open& o) { return o.session_id == sub.session_id; });
      if (here && may_read(tx, sub.user_id, change)) to.push_back(sub.session_id);
    }
  });
  for (const auto& session_id : to) send(session_id, message);
}

void StreamHub::check_sessions(const std::vector<Open>& open) {
  std::int64_t now = now_unix_ms();
  std::vector<std::string> gone;
  std::vector<std::string> used;
  db_.read([&](store::Tx& tx) {
    for (const auto& o : open) {
      auto s = sessions::find(tx, o.session_id);
      if (!usable(s, o.user_id, now, policy_)) {
        gone.push_back(o.session_id);
      } else if (stale(*s, now, policy_)) {
        used.push_back(o.session_id);
      }
    }
  });
  if (!used.empty()) {
    db_.write([&](store::Tx& tx) {
      for (const auto& id : used) sessions::touch(tx, id, now, policy_.touch_interval_ms());
    });
  }
  for (const auto& id : gone) evict_session(id);
}

}  // namespace prism::services::mcp
