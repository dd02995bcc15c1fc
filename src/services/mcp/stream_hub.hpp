#pragma once

// The server's side of MCP's GET stream: one open stream per session (a
// new one replaces the session's earlier one), at most kMaxStreamsPerUser
// per user (a new one ends the user's oldest). Changes to documents and
// backlogs announced on the database's bus (by any instance) become
// notifications/resources/updated for the sessions subscribed to them and
// notifications/resources/list_changed for every stream whose user may read
// the organization; every notification is checked against what the
// session's user may read when it is sent. A stream ends when its session
// ends, here or on another instance, or goes idle.
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/periodic_thread.hpp"
#include "http/event_stream.hpp"
#include "services/mcp/session_rules.hpp"
#include "store/change_feed.hpp"
#include "store/database.hpp"

namespace prism::services::mcp {

inline constexpr std::size_t kMaxStreamsPerUser = 10;

class McpStream;

class StreamHub {
 public:
  // `check_every`: how often the sessions of open streams are checked
  // (ended or idle elsewhere ends the stream) and their use recorded (an
  // open stream keeps its session alive).
  StreamHub(store::Database& db, SessionPolicy policy,
            std::chrono::milliseconds check_every = std::chrono::seconds(30));
  ~StreamHub();
  StreamHub(const StreamHub&) = delete;
  StreamHub& operator=(const StreamHub&) = delete;

  // The stream of a session the caller already checked is usable.
  std::shared_ptr<http::EventSource> open(const std::string& session_id,
                                          const std::string& user_id);

 private:
  friend class McpStream;
  struct Open {
    std::string session_id;
    std::string user_id;
    McpStream* stream;
  };
  void forget(McpStream* stream);
  void queue(std::string payload);
  void round();
  // False for an announcement already handled (its repeat through LISTEN).
  bool first_time(const std::string& tag);
  void deliver(const store::changes::Change& change, const std::vector<Open>& open);
  void check_sessions(const std::vector<Open>& open);
  void send(const std::string& session_id, const json::object& message);
  void evict_session(std::string_view session_id);

  store::Database& db_;
  const SessionPolicy policy_;
  const std::chrono::milliseconds check_every_;
  std::mutex mutex_;
  std::vector<Open> open_;  // oldest first
  std::deque<std::string> pending_;
  std::chrono::steady_clock::time_point last_check_;
  std::deque<std::string> recent_order_;  // the hub's thread only
  std::set<std::string> recent_tags_;
  PeriodicThread thread_;
  std::optional<store::NotificationBus::Subscription> changes_;  // end before the thread
  std::optional<store::NotificationBus::Subscription> ended_;
};

}  // namespace prism::services::mcp
