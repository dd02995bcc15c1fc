#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <vector>

#include "core/text.hpp"

namespace prism::http {

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           int trusted_hops) {
  if (trusted_hops <= 0) return std::string(peer);
  std::vector<std::string_view> chain;
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.find(',');
    chain.push_back(trim_blanks(forwarded_for.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    forwarded_for.remove_prefix(comma + 1);
  }
  chain.push_back(peer);
  // Fewer entries than proxies: the request came past fewer of them than
  // configured; the leftmost entry is the farthest anyone vouches for.
  std::size_t hops = static_cast<std::size_t>(trusted_hops);
  std::string_view chosen = hops < chain.size() ? chain[chain.size() - 1 - hops] : chain.front();
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(chosen), ec);
  if (ec) return std::string(peer);
  // An IPv4 client reached over IPv6 reads as itself.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .to_string();
  }
  return address.to_string();
}

}  // namespace prism::http
