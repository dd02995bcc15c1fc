// Markdown rendering cost: for each pathological class of input at about
// 1 MiB (the document limit) and for tables of growing width, the
// milliseconds of cmark-gfm called directly (parse, link check, HTML: what
// PRISM did before its render bounds) next to docs::render_html_fragment.
// Prints a Markdown table. Times are CPU time of the rendering thread, so a
// busy machine inflates them less; the raw library runs in a child process
// that is stopped after RENDER_BENCH_RAW_TIMEOUT_S (default 60) seconds.
//
// Usage: render_bench [bytes (default 1048576)] [class name filter]
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "docs/render.hpp"
#include "docs/render_limits.hpp"

namespace {

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// cmark-gfm as render.cpp called it before the bounds: same options and
// extensions, every node visited once more for the link check.
std::size_t raw_render(const std::string& md) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, md.data(), md.size());
  cmark_node* doc = cmark_parser_finish(parser);
  cmark_iter* iter = cmark_iter_new(doc);
  std::size_t links = 0;
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    if (cmark_node_get_type(cmark_iter_get_node(iter)) == CMARK_NODE_LINK) ++links;
  }
  cmark_iter_free(iter);
  char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8,
                                 cmark_parser_get_syntax_extensions(parser));
  std::size_t size = std::string_view(html).size() + links * 0;
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return size;
}

// The raw library's time in a child process, or a negative number when it
// did not finish within the timeout.
double raw_ms(const std::string& md, int timeout_s) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    double start = cpu_ms();
    raw_render(md);
    double ms = cpu_ms() - start;
    if (write(fds[1], &ms, sizeof ms) != sizeof ms) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  double ms = -1;
  for (int waited = 0; waited < timeout_s * 10; ++waited) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) {
      if (read(fds[0], &ms, sizeof ms) != sizeof ms) ms = -1;
      close(fds[0]);
      return ms;
    }
    usleep(100 * 1000);
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(fds[0]);
  return -1;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}
std::string fill(const std::string& s, std::size_t bytes) { return repeat(s, bytes / s.size()); }

std::string wide_table(std::size_t columns) {
  return "|" + repeat("a|", columns) + "\n|" + repeat("-|", columns) + "\n|" +
         repeat("b|", columns) + "\n";
}

std::string ordinary_section() {
  return "## Goals\n\nUsers **must** be able to pay with a saved card; see [the spec]"
         "(https://example.com/spec) and `checkout.ts`. Ask pm@example.com.\n\n"
         "- [x] saved cards\n- [ ] wallets\n  1. Apple Pay\n  2. Google Pay\n\n"
         "> Note: _refunds_ stay ~~manual~~ out of scope.\n\n"
         "| Metric | Today | Target |\n|:--|--:|:-:|\n| conversion | 2.1% | 2.6% |\n"
         "| p95 latency | 900 ms | 400 ms |\n\n```ts\nconst x = pay(card);\n```\n\n";
}

struct Case {
  std::string name;
  std::function<std::string(std::size_t)> make;
};

std::vector<Case> cases() {
  return {
      {"ordinary document (sections)", [](std::size_t n) { return fill(ordinary_section(), n); }},
      {"plain prose",
       [](std::size_t n) { return fill("Lorem ipsum dolor sit amet, consectetur. ", n); }},
      {"wide table 1k columns", [](std::size_t) { return wide_table(1000); }},
      {"wide table 10k columns", [](std::size_t) { return wide_table(10000); }},
      {"wide table 20k columns", [](std::size_t) { return wide_table(20000); }},
      {"wide table 60k columns", [](std::size_t) { return wide_table(60000); }},
      {"table of 10 columns, many rows",
       [](std::size_t n) {
         return "|" + repeat("a|", 10) + "\n|" + repeat("-|", 10) + "\n" +
                fill("|" + repeat("b|", 10) + "\n", n);
       }},
      {"many small tables", [](std::size_t n) { return fill("|a|b|\n|-|-|\n|c|d|\n\n", n); }},
      {"short rows padded to 100 columns",
       [](std::size_t n) {
         return "|" + repeat("a|", 100) + "\n|" + repeat("-|", 100) + "\n" + fill("x\n", n);
       }},
      {"narrow header, one wide row",
       [](std::size_t n) { return "|a|b|\n|-|-|\n" + fill("c|", n - 12) + "\n"; }},
      {"paragraph + mismatched delimiter rows",
       [](std::size_t n) { return fill("x\n|-|-|\n", n); }},
      {"nested block quotes (one line)", [](std::size_t n) { return fill(">", n) + "a\n"; }},
      {"nested lists (one line)", [](std::size_t n) { return fill("* ", n) + "a\n"; }},
      {"nested lists by indentation",
       [](std::size_t n) {
         std::string md;
         for (std::size_t i = 0; md.size() + 2 * i + 4 < n; ++i)
           md += std::string(2 * i, ' ') + "- a\n";
         return md;
       }},
      {"list items with block quotes", [](std::size_t n) { return fill("- > a\n", n); }},
      {"emphasis openers, none closed", [](std::size_t n) { return fill("*a ", n); }},
      {"nested strong/emphasis",
       [](std::size_t n) { return fill("*a **a ", n / 2) + "b" + fill(" a** a*", n / 2); }},
      {"mismatched * and _", [](std::size_t n) { return fill("a***b_", n); }},
      {"strikethrough runs", [](std::size_t n) { return fill("~~a~ ", n); }},
      {"unclosed [", [](std::size_t n) { return fill("[a ", n); }},
      {"unclosed ![", [](std::size_t n) { return fill("![a ", n); }},
      {"nested brackets",
       [](std::size_t n) { return fill("[", n / 2) + "a" + fill("](b)", n / 2); }},
      {"unclosed inline links", [](std::size_t n) { return fill("[a](b", n); }},
      {"link reference definitions",
       [](std::size_t n) {
         std::string md;
         for (std::size_t i = 0; md.size() < n; ++i) md += "[r" + std::to_string(i) + "]: /u\n";
         return md;
       }},
      {"reference links", [](std::size_t n) { return "[a]: /u\n\n" + fill("[a] ", n); }},
      {"backtick runs",
       [](std::size_t n) {
         std::string md;
         for (std::size_t i = 1; md.size() + i < n; ++i) md += std::string(i, '`') + "a";
         return md;
       }},
      {"unclosed <", [](std::size_t n) { return fill("<a ", n); }},
      {"e-mail-like words (autolink)", [](std::size_t n) { return fill("a@a.a ", n); }},
      {"www. words (autolink)", [](std::size_t n) { return fill("www.a.b ", n); }},
      {"task list items", [](std::size_t n) { return fill("- [x] a\n", n); }},
      {"entities", [](std::size_t n) { return fill("&amp;", n); }},
      {"hard line breaks", [](std::size_t n) { return fill("a  \n", n); }},
      {"NUL bytes", [](std::size_t n) { return std::string(n, '\0'); }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t bytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1024 * 1024;
  std::string filter = argc > 2 ? argv[2] : "";
  const char* timeout_env = std::getenv("RENDER_BENCH_RAW_TIMEOUT_S");
  int timeout_s = timeout_env ? std::atoi(timeout_env) : 60;
  std::printf("| input | bytes | cmark-gfm ms | render_html_fragment ms | how | estimate |\n");
  std::printf("|---|--:|--:|--:|---|--:|\n");
  double worst = 0;
  for (const auto& c : cases()) {
    if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
    std::string md = c.make(bytes);
    double raw = raw_ms(md, timeout_s);
    double best = 1e9;
    std::size_t out = 0;
    for (int run = 0; run < 3; ++run) {
      double start = cpu_ms();
      out = prism::docs::render_html_fragment(md).size();
      best = std::min(best, cpu_ms() - start);
    }
    worst = std::max(worst, best);
    auto plan = prism::docs::plan_markdown(md);
    std::string how =
        plan.plain_from == 0 ? "escaped text"
        : plan.plain_from < md.size()
            ? "Markdown to byte " + std::to_string(plan.plain_from) + ", then escaped text"
            : "Markdown";
    if (plan.tables_as_text)
      how += ", " + std::to_string(plan.tables_as_text) + " delimiter rows as text";
    if (plan.markers_as_text)
      how += ", " + std::to_string(plan.markers_as_text) + " markers as text";
    std::string raw_text = raw < 0 ? "> " + std::to_string(timeout_s * 1000) : std::to_string(raw);
    if (raw >= 0) raw_text = raw_text.substr(0, raw_text.find('.') + 2);
    std::printf("| %s | %zu | %s | %.1f | %s (%zu B out) | %.0f%% |\n", c.name.c_str(), md.size(),
                raw_text.c_str(), best, how.c_str(), out,
                100.0 * static_cast<double>(plan.cost) /
                    static_cast<double>(prism::docs::kRenderBudgetUnits));
    std::fflush(stdout);
  }
  std::printf("\nslowest render_html_fragment: %.1f ms (goal: about 100 ms)\n", worst);
  return 0;
}
