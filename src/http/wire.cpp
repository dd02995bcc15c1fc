#include "http/wire.hpp"

namespace prism::http {

std::string wire_head(const RawResponse& res) {
  std::string head;
  head.reserve(640);
  head += res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(res.result_int());
  head += ' ';
  head += res.reason();
  head += "\r\n";
  for (const auto& field : res) {
    head += field.name_string();
    head += ": ";
    head += field.value();
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

}  // namespace prism::http
