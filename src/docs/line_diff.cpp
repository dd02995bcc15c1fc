#include "docs/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <dtl/dtl.hpp>
#include <unordered_map>

namespace prism::docs {
namespace {

// dtl's time and memory grow with M*N in the worst case; regions up to this
// size are cheap (a few MB, milliseconds).
constexpr std::uint64_t kMaxDtlCells = 1'000'000;
// Total work (lines scanned plus dtl cells) one diff may spend before the
// remaining regions are reported as plain replacements.
constexpr std::uint64_t kWorkBudget = 60'000'000;
constexpr int kMaxDepth = 48;

class Matcher {
 public:
  Matcher(std::vector<int> a, std::vector<int> b) : a_(std::move(a)), b_(std::move(b)) {}

  std::vector<MatchRun> run() {
    region(0, a_.size(), 0, b_.size(), 0);
    return std::move(runs_);
  }

 private:
  void equal(std::size_t a, std::size_t b, std::size_t n) {
    if (n == 0) return;
    if (!runs_.empty()) {
      auto& last = runs_.back();
      if (last.a + last.length == a && last.b + last.length == b) {
        last.length += n;
        return;
      }
    }
    runs_.push_back({a, b, n});
  }

  void region(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, int depth) {
    std::size_t head = 0;
    while (a0 + head < a1 && b0 + head < b1 && a_[a0 + head] == b_[b0 + head]) ++head;
    equal(a0, b0, head);
    a0 += head;
    b0 += head;
    std::size_t tail = 0;
    while (a0 < a1 - tail && b0 < b1 - tail && a_[a1 - tail - 1] == b_[b1 - tail - 1]) ++tail;
    middle(a0, a1 - tail, b0, b1 - tail, depth);
    equal(a1 - tail, b1 - tail, tail);
  }

  void middle(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, int depth) {
    if (a0 == a1 || b0 == b1) return;  // pure insertion or deletion
    auto cells = static_cast<std::uint64_t>(a1 - a0) * (b1 - b0);
    if (cells <= kMaxDtlCells && work_ + cells <= kWorkBudget) {
      work_ += cells;
      minimal(a0, a1, b0, b1);
      return;
    }
    work_ += (a1 - a0) + (b1 - b0);
    if (depth >= kMaxDepth || work_ > kWorkBudget) return;  // replaced outright
    auto anchors = unique_common(a0, a1, b0, b1);
    if (anchors.empty()) return;
    for (const auto& [ai, bi] : anchors) {
      region(a0, ai, b0, bi, depth + 1);
      equal(ai, bi, 1);
      a0 = ai + 1;
      b0 = bi + 1;
    }
    region(a0, a1, b0, b1, depth + 1);
  }

  void minimal(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    std::vector<int> sa(a_.begin() + static_cast<std::ptrdiff_t>(a0),
                        a_.begin() + static_cast<std::ptrdiff_t>(a1));
    std::vector<int> sb(b_.begin() + static_cast<std::ptrdiff_t>(b0),
                        b_.begin() + static_cast<std::ptrdiff_t>(b1));
    dtl::Diff<int> d(sa, sb);
    d.compose();
    std::size_t ai = a0, bi = b0;
    for (const auto& [elem, info] : d.getSes().getSequence()) {
      (void)elem;
      if (info.type == dtl::SES_COMMON) {
        equal(ai++, bi++, 1);
      } else if (info.type == dtl::SES_DELETE) {
        ++ai;
      } else {
        ++bi;
      }
    }
  }

  // Lines occurring exactly once in each side of the region, reduced to the
  // longest chain increasing on both sides (patience diff's anchors).
  std::vector<std::pair<std::size_t, std::size_t>> unique_common(std::size_t a0, std::size_t a1,
                                                                 std::size_t b0, std::size_t b1) {
    struct Slot {
      std::uint32_t count_a = 0, count_b = 0;
      std::size_t pos_a = 0, pos_b = 0;
    };
    std::unordered_map<int, Slot> slots;
    for (std::size_t i = a0; i < a1; ++i) {
      auto& s = slots[a_[i]];
      ++s.count_a;
      s.pos_a = i;
    }
    for (std::size_t j = b0; j < b1; ++j) {
      auto it = slots.find(b_[j]);
      if (it == slots.end()) continue;
      ++it->second.count_b;
      it->second.pos_b = j;
    }
    std::vector<std::pair<std::size_t, std::size_t>> cand;
    for (std::size_t i = a0; i < a1; ++i) {
      const auto& s = slots[a_[i]];
      if (s.count_a == 1 && s.count_b == 1) cand.emplace_back(i, s.pos_b);
    }
    // Longest increasing subsequence on pos_b (patience sorting with back links).
    std::vector<std::size_t> tops, prev(cand.size(), SIZE_MAX);
    for (std::size_t k = 0; k < cand.size(); ++k) {
      auto it =
          std::lower_bound(tops.begin(), tops.end(), cand[k].second,
                           [&](std::size_t idx, std::size_t v) { return cand[idx].second < v; });
      if (it != tops.begin()) prev[k] = *(it - 1);
      if (it == tops.end()) {
        tops.push_back(k);
      } else {
        *it = k;
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> chain;
    for (std::size_t k = tops.empty() ? SIZE_MAX : tops.back(); k != SIZE_MAX; k = prev[k]) {
      chain.push_back(cand[k]);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  std::vector<int> a_, b_;
  std::vector<MatchRun> runs_;
  std::uint64_t work_ = 0;
};

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    auto nl = text.find('\n', pos);
    std::size_t after = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, after - pos));
    pos = after;
  }
  return lines;
}

std::vector<MatchRun> match_lines(const std::vector<std::string_view>& a,
                                  const std::vector<std::string_view>& b) {
  // Lines become small integers so that every comparison is cheap.
  std::unordered_map<std::string_view, int> ids;
  auto intern = [&](const std::vector<std::string_view>& lines) {
    std::vector<int> out;
    out.reserve(lines.size());
    for (auto line : lines)
      out.push_back(ids.try_emplace(line, static_cast<int>(ids.size())).first->second);
    return out;
  };
  auto ia = intern(a);
  auto ib = intern(b);
  return Matcher(std::move(ia), std::move(ib)).run();
}

}  // namespace prism::docs
