#include <netdb.h>
#include <sys/socket.h>

#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "ai/http/url_guard.hpp"

namespace prism::ai::http {

namespace {

using boost::asio::ip::address;

// One lookup, shared with its thread, which may outlive the wait for it.
struct Lookup {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  int status = 0;
  std::vector<address> addresses;
};

void run_lookup(const std::string& host, Lookup& lookup) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int status = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  std::vector<address> addresses;
  for (addrinfo* p = status == 0 ? found : nullptr; p != nullptr; p = p->ai_next) {
    if (p->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(p->ai_addr);
      addresses.emplace_back(boost::asio::ip::address_v4(ntohl(sin->sin_addr.s_addr)));
    } else if (p->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(p->ai_addr);
      boost::asio::ip::address_v6::bytes_type bytes;
      std::memcpy(bytes.data(), &sin6->sin6_addr, bytes.size());
      addresses.emplace_back(boost::asio::ip::address_v6(bytes, sin6->sin6_scope_id));
    }
  }
  if (found != nullptr) ::freeaddrinfo(found);
  std::lock_guard lock(lookup.mutex);
  lookup.status = status;
  lookup.addresses = std::move(addresses);
  lookup.done = true;
  lookup.done_cv.notify_all();
}

}  // namespace

Resolver system_resolver(std::chrono::milliseconds timeout) {
  return [timeout](const std::string& host) {
    // getaddrinfo cannot be given a deadline: wait for it on another thread.
    auto lookup = std::make_shared<Lookup>();
    std::thread([lookup, host] { run_lookup(host, *lookup); }).detach();
    std::unique_lock lock(lookup->mutex);
    if (!lookup->done_cv.wait_for(lock, timeout, [&] { return lookup->done; })) {
      throw BaseUrlRejected("looking up the host name " + host + " took longer than " +
                            std::to_string(timeout.count()) + " ms");
    }
    if (lookup->status != 0) {
      throw BaseUrlRejected("the host name " + host + " could not be found (" +
                            ::gai_strerror(lookup->status) + ")");
    }
    return lookup->addresses;
  };
}

}  // namespace prism::ai::http
