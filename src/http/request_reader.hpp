#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <string>
#include <tuple>

#include "http/dispatcher.hpp"

namespace prism::http {

using RequestParser = beast_http::request_parser<beast_http::string_body>;

struct ReadTimeouts {
  std::chrono::seconds idle{60};  // for the first byte of the next request
  std::chrono::seconds read{30};  // for the head from its first byte, then for the body
};

// Reads one request off a connection into `parser`: waits for its first byte
// (idle timeout, holding no buffer meanwhile), then for its head (read
// timeout, counted from that byte: trickling bytes does not move it), checks
// the head before any of the body is read (check_request_head, the route's
// body limit), sends "100 Continue" when the client waits for it, then reads
// the body (read timeout again). Returns true when the request is ready;
// false when the connection must close, after an answer (400, 408, 413,
// 417, 431, 501) unless the client went away.
boost::asio::awaitable<bool> read_request(boost::beast::tcp_stream& stream,
                                          boost::beast::flat_buffer& buffer, RequestParser& parser,
                                          const Dispatcher& dispatcher, ReadTimeouts timeouts,
                                          const std::string& client_ip);

// A whole answer in one gathered write: its head, then its body.
boost::asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> write_response(
    boost::beast::tcp_stream& stream, const RawResponse& res);

}  // namespace prism::http
