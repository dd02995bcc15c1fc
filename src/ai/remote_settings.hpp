#pragma once

#include <string>

#include "ai/http/streaming_transport.hpp"

namespace prism::ai {

// How to reach one HTTP LLM API.
struct RemoteSettings {
  std::string api_key;   // empty: no auth header (OpenAI-compatible local servers)
  std::string base_url;  // without a trailing slash
  std::string model;     // used when a request names none
  http::TransportOptions transport;
};

}  // namespace prism::ai
