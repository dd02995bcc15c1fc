#include "core/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace prism {

namespace {

// The 74 bits after the timestamp, as 12 (rand_a) + 62 (rand_b).
struct Tail {
  std::uint16_t a = 0;  // 12 bits
  std::uint64_t b = 0;  // 62 bits
};

constexpr std::uint64_t kMaxB = (std::uint64_t{1} << 62) - 1;

// Bytes from libsodium's CSPRNG, fetched 256 at a time: one getrandom call
// per ~20 ids instead of two per id (an id is made for every request).
class RandomPool {
 public:
  template <typename T>
  T take() {
    T v;
    if (used_ + sizeof v > sizeof bytes_) {
      randombytes_buf(bytes_, sizeof bytes_);
      used_ = 0;
    }
    std::memcpy(&v, bytes_ + used_, sizeof v);
    sodium_memzero(bytes_ + used_, sizeof v);  // each byte is handed out once
    used_ += sizeof v;
    return v;
  }

 private:
  unsigned char bytes_[256];
  std::size_t used_ = sizeof bytes_;
};

Tail random_tail(RandomPool& pool) {
  Tail t;
  t.a = pool.take<std::uint16_t>() & 0x0FFF;
  t.b = pool.take<std::uint64_t>() & kMaxB;
  return t;
}

// Ids made in the same millisecond must still sort in creation order, since
// lists page and sort by id (RFC 9562 §6.2, method 2: the random part grows
// by a random increment, so a successor cannot be guessed from its predecessor).
struct Generator {
  std::mutex mutex;  // guards all below
  std::uint64_t last_ms = 0;
  Tail last;
  RandomPool pool;

  std::pair<std::uint64_t, Tail> next(std::uint64_t now_ms) {
    std::lock_guard lock(mutex);
    if (now_ms > last_ms) {
      last_ms = now_ms;
      last = random_tail(pool);
      return {last_ms, last};
    }
    // Same millisecond, or the clock stepped back: stay on the last timestamp and count up.
    auto step = pool.take<std::uint32_t>();
    std::uint64_t increment = std::uint64_t{step} + 1;
    if (last.b > kMaxB - increment) {
      last.b = (last.b + increment) & kMaxB;
      if (++last.a > 0x0FFF) {
        // The whole tail overflowed: borrow the next millisecond.
        ++last_ms;
        last = random_tail(pool);
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
