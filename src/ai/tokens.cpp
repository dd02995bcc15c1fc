#include "ai/tokens.hpp"

namespace prism::ai {

std::int64_t estimate_tokens(std::string_view text) {
  std::int64_t code_points = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++code_points;
  }
  return (code_points + 3) / 4;
}

std::int64_t estimate_tokens(const CompletionRequest& request) {
  std::int64_t n = estimate_tokens(request.system);
  for (const auto& m : request.messages) n += estimate_tokens(m.content) + 4;
  return n;
}

}  // namespace prism::ai
