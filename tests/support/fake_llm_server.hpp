#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_listener.hpp"

namespace prism::testing {

// One scripted answer of the fake LLM server.
struct FakeReply {
  // Not 200: a JSON error body in the API's own format (no stream).
  int status = 200;
  std::string error_type;  // e.g. "rate_limit_error"; derived from the status when empty
  std::string error_message = "scripted failure";
  std::optional<std::string> retry_after;  // the Retry-After header, seconds or an HTTP date

  std::string text = "Hello from the fake model.";
  int deltas = 3;           // `text` is sent in this many deltas, cut on UTF-8 boundaries
  std::string model;        // reported model; empty: the requested one
  std::string stop_reason;  // empty: "end_turn" (Anthropic) / "stop" (OpenAI)
  int input_tokens = 12;
  int output_tokens = 34;
  bool usage = true;                 // false: OpenAI sends no usage chunk, Anthropic zeros
  bool usage_in_final_only = false;  // Anthropic: input_tokens only in message_delta

  // 0: one TCP write per event; otherwise the whole body (chunk framing
  // included) is cut into writes of this many bytes, i.e. mid-event and
  // mid-UTF-8 character.
  std::size_t write_size = 0;
  std::chrono::milliseconds write_delay{0};  // pause before each write after the first

  int error_after_deltas = -1;  // >= 0: an error event after that many deltas
  std::string stream_error_type = "overloaded_error";
  int drop_after_deltas = -1;  // >= 0: the connection closes after that many deltas
  bool stall = false;          // nothing at all is sent until release()
  std::chrono::milliseconds first_byte_delay{0};  // nothing is sent for this long
};

// GET …/models answers these ids, in the list format of the API the
// request's headers name (x-api-key: Anthropic; else OpenAI). It takes the
// next scripted reply too, so a test can make it fail (e.g. status 401).
inline const std::vector<std::string> kFakeModels{"fake-large", "fake-small"};

// A request as the fake server received it.
struct RecordedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// A local HTTP/1.1 server on 127.0.0.1 and a random port that speaks the
// streaming wire formats of the Anthropic Messages API (POST /v1/messages)
// and OpenAI Chat Completions (POST /v1/chat/completions): SSE in chunked
// transfer encoding, exactly as the real APIs send it. Point PRISM at it with
// ANTHROPIC_BASE_URL=anthropic_base_url() or OPENAI_BASE_URL=openai_base_url().
// Each connection runs on its own thread; replies are scripted per test.
class FakeLlmServer {
 public:
  FakeLlmServer();
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  std::string anthropic_base_url() const;  // http://127.0.0.1:<port>
  std::string openai_base_url() const;     // http://127.0.0.1:<port>/v1

  // Queues replies for the next calls, in order; afterwards the default one.
  void push(FakeReply reply);
  void set_default(FakeReply reply);
  // Lets every stalled reply (now and later) proceed.
  void release();

  int calls() const;
  std::vector<RecordedRequest> requests() const;
  // How many connections the client closed before the reply was complete.
  int client_closes() const;
  // Waits until that count reaches `n`; false on timeout.
  bool wait_for_client_closes(int n, std::chrono::milliseconds timeout);
  // Waits until `n` requests have arrived; false on timeout.
  bool wait_for_calls(int n, std::chrono::milliseconds timeout);

 private:
  void serve(int fd);
  FakeReply next_reply();
  void note_client_close();
  // Sleeps `how_long`; false (the reply ends) when the server stops or the
  // client closes the connection meanwhile, which is counted.
  bool pause(int fd, std::chrono::milliseconds how_long);

  std::atomic<bool> stop_{false};

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<FakeReply> queue_;
  FakeReply default_;
  bool released_ = false;
  int client_closes_ = 0;
  std::vector<RecordedRequest> requests_;
  LoopbackListener listener_;  // last: its threads use everything above
};

}  // namespace prism::testing
