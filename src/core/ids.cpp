#include "core/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <mutex>

namespace prism {

namespace {

// The 74 bits after the timestamp, as 12 (rand_a) + 62 (rand_b).
struct Tail {
  std::uint16_t a = 0;  // 12 bits
  std::uint64_t b = 0;  // 62 bits
};

constexpr std::uint64_t kMaxB = (std::uint64_t{1} << 62) - 1;

Tail random_tail() {
  Tail t;
  randombytes_buf(&t.a, sizeof t.a);
  randombytes_buf(&t.b, sizeof t.b);
  t.a &= 0x0FFF;
  t.b &= kMaxB;
  return t;
}

// Ids made in the same millisecond must still sort in creation order, since
// lists page and sort by id (RFC 9562 §6.2, method 2: the random part grows
// by a random increment, so a successor cannot be guessed from its predecessor).
struct Generator {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  Tail last;

  std::pair<std::uint64_t, Tail> next(std::uint64_t now_ms) {
    std::lock_guard lock(mutex);
    if (now_ms > last_ms) {
      last_ms = now_ms;
      last = random_tail();
      return {last_ms, last};
    }
    // Same millisecond, or the clock stepped back: stay on the last timestamp and count up.
    std::uint32_t step = 0;
    randombytes_buf(&step, sizeof step);
    std::uint64_t increment = std::uint64_t{step} + 1;
    if (last.b > kMaxB - increment) {
      last.b = (last.b + increment) & kMaxB;
      if (++last.a > 0x0FFF) {
        // The whole tail overflowed: borrow the next millisecond.
        ++last_ms;
        last = random_tail();
      }
    } else {
      last.b += increment;
    }
    return {last_ms, last};
  }
};

Generator& generator() {
  static Generator g;
  return g;
}

}  // namespace

std::string new_id() {
  using namespace std::chrono;
  auto now_ms = static_cast<std::uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
  auto [ms, tail] = generator().next(now_ms);
  unsigned char b[16];
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = static_cast<unsigned char>(0x70 | (tail.a >> 8));
  b[7] = static_cast<unsigned char>(tail.a & 0xFF);
  b[8] = static_cast<unsigned char>(0x80 | ((tail.b >> 56) & 0x3F));
  for (int i = 9; i < 16; ++i) b[i] = static_cast<unsigned char>(tail.b >> (8 * (15 - i)));
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kDigits[b[i] >> 4]);
    out.push_back(kDigits[b[i] & 0xF]);
  }
  return out;
}

bool looks_like_id(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace prism
