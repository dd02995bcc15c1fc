#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/remote/reply.hpp"

struct redisReader;

namespace prism::cache::resp {

// A hiredis redisReply (from its reader or its synchronous client) as a Reply.
Reply from_hiredis(const void* redis_reply);

// One command in RESP, formatted by hiredis.
std::string format(const std::vector<std::string>& argv);

// hiredis's incremental RESP parser: feed bytes, take whole replies.
class Parser {
 public:
  Parser();
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  void feed(const char* data, std::size_t size);
  // The next complete reply, or nothing until more bytes arrive. Throws
  // std::runtime_error on a protocol error.
  std::optional<Reply> next();

 private:
  redisReader* reader_;
};

}  // namespace prism::cache::resp
