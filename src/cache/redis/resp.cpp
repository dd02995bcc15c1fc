#include "cache/redis/resp.hpp"

#include <hiredis/hiredis.h>

#include <stdexcept>

namespace prism::cache::resp {
namespace {

Reply convert(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
  }
  return out;
}

}  // namespace

Reply from_hiredis(const void* redis_reply) {
  return convert(static_cast<const redisReply*>(redis_reply));
}

std::string format(const std::vector<std::string>& argv) {
  std::vector<const char*> parts;
  std::vector<std::size_t> sizes;
  for (const auto& a : argv) {
    parts.push_back(a.data());
    sizes.push_back(a.size());
  }
  char* command = nullptr;
  int size =
      redisFormatCommandArgv(&command, static_cast<int>(argv.size()), parts.data(), sizes.data());
  if (size < 0 || command == nullptr) throw std::bad_alloc();
  std::string out(command, static_cast<std::size_t>(size));
  redisFreeCommand(command);
  return out;
}

Parser::Parser() : reader_(redisReaderCreate()) {
  if (!reader_) throw std::bad_alloc();
}

Parser::~Parser() { redisReaderFree(reader_); }

void Parser::feed(const char* data, std::size_t size) {
  if (redisReaderFeed(reader_, data, size) != REDIS_OK) {
    throw std::runtime_error("redis protocol error");
  }
}

std::optional<Reply> Parser::next() {
  void* raw = nullptr;
  if (redisReaderGetReply(reader_, &raw) != REDIS_OK) {
    throw std::runtime_error(std::string("redis protocol error: ") + reader_->errstr);
  }
  if (!raw) return std::nullopt;
  std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw),
                                                     freeReplyObject);
  return convert(reply.get());
}

}  // namespace prism::cache::resp
