#pragma once

#include <string_view>

#include "ai/http/streaming_transport.hpp"
#include "ai/provider.hpp"
#include "ai/sse_parser.hpp"

namespace prism::ai::http {

// Posts `post` and feeds the Server-Sent Events of the answer to `decoder`
// (a provider's stream state: on_event, finish, reset, delivered), starting
// it afresh on every retry attempt. Shared by every SSE-speaking provider.
template <typename Decoder>
void post_sse(StreamingTransport& transport, const PostRequest& post, Decoder& decoder,
              const CancelToken& cancel) {
  SseParser parser;
  StreamHandlers handlers;
  handlers.on_attempt = [&] {
    parser.reset();
    decoder.reset();
  };
  handlers.on_body = [&](std::string_view bytes) {
    parser.feed(bytes, [&](const SseEvent& event) { decoder.on_event(event); });
  };
  handlers.on_complete = [&] { decoder.finish(); };
  handlers.delivered = [&] { return decoder.delivered(); };
  transport.post(post, handlers, cancel);
}

}  // namespace prism::ai::http
