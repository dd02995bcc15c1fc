#pragma once

#include <string>
#include <string_view>

#include "ai/http/streaming_transport.hpp"

namespace prism::ai {

// How to reach one HTTP LLM API.
struct RemoteSettings {
  RemoteSettings() = default;
  RemoteSettings(std::string key, std::string base, std::string default_model,
                 http::TransportOptions options)
      : api_key(std::move(key)),
        base_url(std::move(base)),
        model(std::move(default_model)),
        transport(options) {}

  std::string api_key;   // empty: no auth header (OpenAI-compatible local servers)
  std::string base_url;  // without a trailing slash
  std::string model;     // used when a request names none
  http::TransportOptions transport;
  // For a base URL an organization typed (check_base_url): the addresses
  // that were checked, and whether only https may be used. Empty / false for
  // the server's own configuration.
  std::string pin;
  bool https_only = false;
};

// `request` aimed at `path` under the settings' base URL, pinned as checked,
// with the key marked as a secret to keep out of error messages.
template <typename Request>
Request remote_request(const RemoteSettings& settings, std::string_view path) {
  Request request;
  request.url = settings.base_url + std::string(path);
  request.secret = settings.api_key;
  request.pin = settings.pin;
  request.https_only = settings.https_only;
  return request;
}

}  // namespace prism::ai
