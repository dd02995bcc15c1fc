#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace prism::testing {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<HttpResponse*>(user)->body.append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* resp = static_cast<HttpResponse*>(user);
  std::string line(data, size * n);
  if (line.starts_with("HTTP/")) {
    resp->headers.clear();  // a new status line, e.g. after 100 Continue
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = lower(trim(line.substr(0, colon)));
  std::string value = trim(line.substr(colon + 1));
  auto [it, inserted] = resp->headers.emplace(name, value);
  if (!inserted) it->second += (name == "set-cookie" ? "\n" : ", ") + value;
  return size * n;
}

CURL* handle(void* p) { return static_cast<CURL*>(p); }

}  // namespace

const boost::json::value& HttpResponse::json() const& {
  if (!parsed_) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec) {
      throw std::runtime_error("response (status " + std::to_string(status) +
                               ") is not JSON: " + body.substr(0, 500));
    }
    parsed_ = std::move(v);
  }
  return *parsed_;
}

boost::json::value HttpResponse::json() && {
  const HttpResponse& self = *this;
  return self.json();
}

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
  // An empty file name turns on the in-memory cookie engine for this handle.
  curl_easy_setopt(handle(curl_), CURLOPT_COOKIEFILE, "");
  curl_easy_setopt(handle(curl_), CURLOPT_NOSIGNAL, 1L);
}

HttpClient::~HttpClient() { curl_easy_cleanup(handle(curl_)); }

HttpResponse HttpClient::request(std::string method, std::string path,
                                 std::optional<boost::json::value> body, Headers headers) {
  if (!body) return perform(method, path, nullptr, "", headers);
  std::string text = boost::json::serialize(*body);
  return perform(method, path, &text, "application/json", headers);
}

HttpResponse HttpClient::get(std::string path, Headers headers) {
  return request("GET", std::move(path), std::nullopt, std::move(headers));
}
HttpResponse HttpClient::post(std::string path, std::optional<boost::json::value> body,
                              Headers headers) {
  return request("POST", std::move(path), std::move(body), std::move(headers));
}
HttpResponse HttpClient::patch(std::string path, std::optional<boost::json::value> body,
                               Headers headers) {
  return request("PATCH", std::move(path), std::move(body), std::move(headers));
}
HttpResponse HttpClient::put(std::string path, std::optional<boost::json::value> body,
                             Headers headers) {
  return request("PUT", std::move(path), std::move(body), std::move(headers));
}
HttpResponse HttpClient::del(std::string path, Headers headers) {
  return request("DELETE", std::move(path), std::nullopt, std::move(headers));
}

HttpResponse HttpClient::raw(std::string method, std::string path, std::string raw_body,
                             std::string content_type, Headers headers) {
  return perform(method, path, &raw_body, content_type, headers);
}

HttpResponse HttpClient::perform(const std::string& method, const std::string& path,
                                 const std::string* body, const std::string& content_type,
                                 const Headers& headers) {
  CURL* h = handle(curl_);
  HttpResponse resp;
  std::string url = base_url_ + path;
  curl_slist* list = nullptr;
  // curl would otherwise add "Expect: 100-continue" and a form content type.
  list = curl_slist_append(list, "Expect:");
  list =
      curl_slist_append(list, body ? ("Content-Type: " + content_type).c_str() : "Content-Type:");
  if (!bearer_.empty())
    list = curl_slist_append(list, ("Authorization: Bearer " + bearer_).c_str());
  for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &resp);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  std::string interface = "host!" + source_ip_;
  curl_easy_setopt(h, CURLOPT_INTERFACE, source_ip_.empty() ? nullptr : interface.c_str());
  curl_easy_setopt(h, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  if (body) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else if (method != "HEAD") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
                   method == "GET" || method == "HEAD" ? nullptr : method.c_str());

  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp.status);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(list);
  // A server may answer (e.g. 413) and close before reading the whole body;
  // the answer is what the test wants, the failed upload is expected.
  if (rc != CURLE_OK && resp.status == 0) {
    throw std::runtime_error(method + " " + url +
                             " failed: " + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  }
  return resp;
}

std::vector<std::string> HttpClient::cookies() const {
  curl_slist* list = nullptr;
  curl_easy_getinfo(handle(curl_), CURLINFO_COOKIELIST, &list);
  std::vector<std::string> out;
  for (auto* p = list; p; p = p->next) out.emplace_back(p->data);
  curl_slist_free_all(list);
  return out;
}

void HttpClient::clear_cookies() { curl_easy_setopt(handle(curl_), CURLOPT_COOKIELIST, "ALL"); }

}  // namespace prism::testing
