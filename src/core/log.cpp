#include "core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace prism::log {

namespace {

thread_local std::string t_request_id;

class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string escaped = json_escape(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string escaped = json_escape(t_request_id);
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>();
  }
};

}  // namespace

void set_request_id(std::string id) { t_request_id = std::move(id); }
const std::string& request_id() { return t_request_id; }

std::string json_escape(std::string_view s) {
  std::string quoted = boost::json::serialize(boost::json::string(s));
  return quoted.substr(1, quoted.size() - 2);
}

void setup(const std::string& level, const std::string& format) {
  auto logger = std::make_shared<spdlog::logger>("prism", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('*');
  formatter->add_flag<RequestIdFlag>('Q');
  if (format == "json") {
    formatter->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","request_id":"%Q","msg":"%*"})");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%Q] %v");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);

  auto access_logger =
      std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  auto access_formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  access_formatter->set_pattern(format == "json"
                                    ? R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"info","msg":"request",%v})"
                                    : "%Y-%m-%d %H:%M:%S.%e access %v");
  access_logger->set_formatter(std::move(access_formatter));
  access_logger->set_level(spdlog::level::from_str(level) <= spdlog::level::info ? spdlog::level::info
                                                                                : spdlog::level::off);
  spdlog::drop("access");
  spdlog::register_logger(access_logger);
}

namespace {
const std::shared_ptr<spdlog::logger>& access_logger() {
  static thread_local std::shared_ptr<spdlog::logger> logger;
  if (!logger) logger = spdlog::get("access");
  return logger;
}
}  // namespace

void access(const std::string& fields) {
  if (const auto& logger = access_logger()) logger->info(fields);
}

bool access_enabled() {
  const auto& logger = access_logger();
  return logger && logger->should_log(spdlog::level::info);
}

}  // namespace prism::log
