// libFuzzer target for the document text pipeline: sections, section
// replacement, diff and sanitized rendering. The input is split at the first
// NUL byte into an old and a new document.
//
// Each stage has a time budget: any input that makes one take more than
// 100 ms of CPU aborts, so libFuzzer reports it as a crash (issue 11: no
// document may make a render take longer). Sanitizer builds run this code
// several times slower, so there the budget is scaled by
// kSanitizedTimeScale, and PRISM_FUZZ_TIME_SCALE overrides the scale
// (e.g. 1 to hold a sanitizer build to 100 ms, or more on a busy machine).
// seeds/fuzz_markdown/ holds one input per pathological class, among them a
// table wide enough (20,000 columns) that libFuzzer's -max_len, the largest
// seed, allows wide tables.
#include <time.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "docs/diff.hpp"
#include "docs/render.hpp"
#include "docs/sections.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PRISM_FUZZ_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(PRISM_FUZZ_SANITIZED)
#define PRISM_FUZZ_SANITIZED 1
#endif

namespace {

constexpr double kBudgetMs = 100;
#ifdef PRISM_FUZZ_SANITIZED
// ASan, UBSan and coverage instrumentation at -O1 run this pipeline 8 to 12
// times slower than -O2 (measured on the seeds). cmark-gfm itself is the
// system library and runs at full speed, so its quadratic steps still show:
// before the render bounds, the 20,000-column seed took 1.5 s here.
constexpr double kSanitizedTimeScale = 10;
#else
constexpr double kSanitizedTimeScale = 1;
#endif

double budget_ms() {
  static const double budget = [] {
    const char* scale = std::getenv("PRISM_FUZZ_TIME_SCALE");
    double s = scale ? std::atof(scale) : kSanitizedTimeScale;
    return kBudgetMs * (s > 0 ? s : kSanitizedTimeScale);
  }();
  return budget;
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Runs one stage and aborts when it passed the budget.
template <typename F>
auto timed(const char* stage, std::size_t size, F&& fn) {
  double start = cpu_ms();
  auto result = fn();
  double took = cpu_ms() - start;
  if (took > budget_ms()) {
    std::fprintf(stderr, "%s took %.1f ms of CPU for %zu bytes, over the budget of %.1f ms\n",
                 stage, took, size, budget_ms());
    std::abort();
  }
  return result;
}

void check(bool ok) {
  if (!ok) std::abort();
}

// Every href and src the renderer emits must pass the URL allowlist.
void check_attributes(const std::string& html) {
  for (std::string_view attr : {" href=\"", " src=\""}) {
    for (auto pos = html.find(attr); pos != std::string::npos; pos = html.find(attr, pos + 1)) {
      auto start = pos + attr.size();
      auto end = html.find('"', start);
      check(end != std::string::npos);
      check(prism::docs::is_safe_url(std::string_view(html).substr(start, end - start),
                                     attr[1] == 's'));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nul = input.find('\0');
  std::string_view a = input.substr(0, nul);
  std::string_view b = nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);

  auto sections = timed("parse_sections", a.size(), [&] { return prism::docs::parse_sections(a); });
  std::size_t previous_end = 0;
  for (const auto& s : sections) {
    check(s.start_line >= 1 && s.start_line <= s.end_line && s.start_line > previous_end);
    previous_end = s.end_line;
  }
  if (!sections.empty() && !sections.back().title.empty()) {
    // The last section keeps its heading whatever its new body is, and an
    // unclosed fence in the body cannot swallow it.
    auto replaced = timed("replace_section", size,
                          [&] { return prism::docs::replace_section(a, sections.back().slug, b); });
    check(prism::docs::parse_sections(replaced).size() >= sections.size());
  }

  auto diff =
      timed("diff_documents", size, [&] { return prism::docs::diff_documents(a, b, 1, 2); });
  check((a == b) == diff.unified.empty());
  check(diff.lines_added >= 0 && diff.lines_removed >= 0);

  check_attributes(timed("render_html_fragment", a.size(),
                         [&] { return prism::docs::render_html_fragment(a); }));
  return 0;
}
