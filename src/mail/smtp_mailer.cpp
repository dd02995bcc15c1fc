#include "mail/smtp_mailer.hpp"

#include <curl/curl.h>

#include <boost/url/parse.hpp>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "mail/mime_message.hpp"

namespace prism::mail {
namespace {

void global_init_once() {
  static std::once_flag flag;
  std::call_once(flag, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialize");
    }
  });
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t nitems, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * nitems, up->data.size() - up->offset);
  std::memcpy(buffer, up->data.data() + up->offset, n);
  up->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SmtpMailer::SmtpMailer(std::string smtp_url, std::string from, SmtpOptions options)
    : url_(std::move(smtp_url)), from_(std::move(from)), options_(options) {
  global_init_once();
  crypto::init();
  auto parsed = boost::urls::parse_absolute_uri(url_);
  if (!parsed) throw std::invalid_argument("SMTP_URL is not a valid URL");
  std::string scheme(parsed->scheme());
  if (scheme != "smtp" && scheme != "smtps") {
    throw std::invalid_argument("SMTP_URL must start with smtp:// or smtps://");
  }
  if (parsed->host().empty()) throw std::invalid_argument("SMTP_URL has no host");
  std::string port = parsed->has_port() ? std::string(parsed->port())
                                        : std::string(scheme == "smtps" ? "465" : "25");
  endpoint_ = scheme + "://" + std::string(parsed->encoded_host()) + ":" + port;
  if (parsed->has_userinfo()) {
    user_ = std::string(parsed->user());
    password_ = std::string(parsed->password());
  }
  // STARTTLS is only opportunistic for smtp://; never hand credentials to a
  // remote host over a connection an attacker could have downgraded.
  require_tls_ = scheme == "smtp" && !user_.empty() && !is_loopback(parsed->host());
  envelope_from_ = "<" + parse_mailbox(from_).address + ">";
}

std::string SmtpMailer::redact(std::string text) const {
  for (const std::string* secret : {&password_, &user_}) {
    // Very short user names would mangle the message and reveal little.
    if (secret->empty() || (secret == &user_ && secret->size() < 4)) continue;
    for (auto pos = text.find(*secret); pos != std::string::npos; pos = text.find(*secret)) {
      text.replace(pos, secret->size(), "***");
    }
  }
  return text;
}

void SmtpMailer::send(const Message& message) {
  std::string rcpt = "<" + parse_mailbox(message.to).address + ">";
  std::string data = compose_message(message, from_, now_unix(), new_message_id(from_));

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("libcurl could not create a handle");
  std::unique_ptr<curl_slist, SlistDeleter> rcpts(curl_slist_append(nullptr, rcpt.c_str()));
  if (!rcpts) throw std::runtime_error("out of memory building the recipient list");

  Upload upload{data};
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_USE_SSL, require_tls_ ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, envelope_from_.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.total_timeout.count()));
  // Worker threads must not receive SIGALRM from the resolver's timeout.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);

  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    std::string msg = "SMTP delivery via " + endpoint_ + " failed: " + detail;
    if (reply != 0) msg += " (last reply " + std::to_string(reply) + ")";
    throw std::runtime_error(redact(std::move(msg)));
  }
}

}  // namespace prism::mail
