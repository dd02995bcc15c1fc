// The generation benchmark of issue 3: PRISM pointed (OPENAI_BASE_URL) at a
// local OpenAI-format server streaming `tokens` deltas per answer; N
// generations at once, each with its SSE client. Measures PRISM's peak RSS,
// the latency it adds between the provider's event and the client's (each
// delta carries the time it was written), and cache hits (POST → 202 and
// POST → done). Prints Markdown table rows: metric | value | target | ok.
//
//   generations_bench <prism binary> [generations=500] [tokens=2000]
//                     [interval_ms=20] [cache_hits=200]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "openai_stream_server.hpp"
#include "prism_process.hpp"
#include "sse_clients.hpp"

namespace json = boost::json;
using bench::now_us;

namespace {

constexpr double kTargetRssMib = 150, kTargetAddedP99Ms = 5, kTargetCacheP99Ms = 5;

json::value must_json(const bench::HttpAnswer& a, int status, const std::string& what) {
  if (a.status != status) {
    throw std::runtime_error(what + " answered " + std::to_string(a.status) + ": " + a.body);
  }
  return json::parse(a.body);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p / 100 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string prd_body(int i, bool cache) {
  return json::serialize(json::object{
      {"kind", "prd"},
      {"cache", cache},
      {"input", json::object{{"product_name", "Bench product " + std::to_string(i)},
                             {"description", "A product to measure streaming with"}}}});
}

using bench::Stream;

// A cache hit: POST the request of generation 0 again, then follow its
// events until done/error. Times POST → 202 and POST → done.
bool cache_hit(int port, const std::string& token, const std::string& project, double& post_ms,
               double& done_ms) {
  std::int64_t t0 = now_us();
  auto started = bench::http(port, "POST", "/api/v1/projects/" + project + "/generations",
                             prd_body(0, true), token);
  post_ms = static_cast<double>(now_us() - t0) / 1000;
  if (started.status != 202) {
    std::cerr << "POST generation answered " << started.status << ": " << started.body << "\n";
    return false;
  }
  auto answer = json::parse(started.body);
  std::string id(answer.at("id").as_string());
  if (!answer.at("cached").as_bool()) std::cerr << "expected a cache hit for generation " << id << "\n";
  int fd = bench::connect_local(port);
  bench::send_all(fd, bench::request_text("GET", "/api/v1/generations/" + id + "/events", "", token,
                                          "Accept: text/event-stream\r\n"));
  bench::SseReader reader(fd);
  bool done = false;
  if (reader.open(30000) == 200) {
    while (auto message = reader.next(120000)) {
      std::string event = bench::sse_field(*message, "event");
      if (event == "done" || event == "error") {
        done = event == "done";
        if (!done) std::cerr << "generation " << id << ": " << *message << "\n";
        break;
      }
    }
  }
  done_ms = static_cast<double>(now_us() - t0) / 1000;
  ::close(fd);
  return done;
}

// POST a generation, subscribe to its events and leave the reading to
// `clients` (one epoll thread for all streams, so that the load generator
// stays cheap next to PRISM on the same cores).
void start_one(bench::SseClients& clients, int port, const std::string& token,
               const std::string& project, int i) {
  auto started = bench::http(port, "POST", "/api/v1/projects/" + project + "/generations",
                             prd_body(i, false), token);
  if (started.status != 202) {
    return clients.failed(static_cast<std::size_t>(i), "POST generation answered " +
                                                           std::to_string(started.status) + ": " +
                                                           started.body);
  }
  std::string id(json::parse(started.body).at("id").as_string());
  int fd = bench::connect_local(port);
  std::int64_t subscribed = now_us();
  if (fd < 0 || !bench::send_all(fd, bench::request_text("GET", "/api/v1/generations/" + id + "/events",
                                                         "", token, "Accept: text/event-stream\r\n"))) {
    if (fd >= 0) ::close(fd);
    return clients.failed(static_cast<std::size_t>(i), "cannot subscribe to " + id);
  }
  clients.follow(static_cast<std::size_t>(i), fd, subscribed);
}

void row(const std::string& metric, const std::string& value, const std::string& target,
         const std::string& ok) {
  std::cout << "| " << metric << " | " << value << " | " << target << " | " << ok << " |\n";
}
std::string ms(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f ms", v);
  return b;
}
std::string mib(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f MiB", v);
  return b;
}
std::string yes_if(bool ok) { return ok ? "yes" : "NO"; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: generations_bench <prism> [generations] [tokens] [interval_ms] "
                 "[cache_hits]\n";
    return 2;
  }
  std::string binary = argv[1];
  int generations = argc > 2 ? std::atoi(argv[2]) : 500;
  int tokens = argc > 3 ? std::atoi(argv[3]) : 2000;
  int interval_ms = argc > 4 ? std::atoi(argv[4]) : 20;
  int cache_hits = argc > 5 ? std::atoi(argv[5]) : 200;
  ::signal(SIGPIPE, SIG_IGN);
  now_us();

  std::string tmpl = (std::filesystem::temp_directory_path() / "prism-genbench-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 1;
  std::filesystem::path dir = tmpl;
  bench::OpenAiStreamServer provider(tokens, std::chrono::milliseconds(interval_ms));
  bench::Prism prism;
  int status = 0;
  try {
    prism = bench::start_prism(binary, dir, provider.base_url(), generations);
    double idle_rss = bench::rss_mib(prism.pid, "VmRSS:");
    auto reg = must_json(
        bench::http(prism.port, "POST", "/api/v1/auth/register",
                    R"({"email":"genbench@example.com","password":"bench-Pa55word-long-enough",)"
                    R"("name":"Bench","organization_name":"Bench Org"})"),
        201, "register");
    std::string token(reg.at("access_token").as_string());
    auto me = must_json(bench::http(prism.port, "GET", "/api/v1/auth/me", "", token), 200, "me");
    std::string org(me.at("memberships").at(0).at("org_id").as_string());
    auto project = must_json(bench::http(prism.port, "POST", "/api/v1/orgs/" + org + "/projects",
                                         R"({"name":"Bench","key":"BEN"})", token),
                             201, "create project");
    std::string project_id(project.at("id").as_string());

    // N generations at once, each with its SSE client.
    std::atomic<bool> sampling{true};
    double peak_sampled = 0;
    std::thread sampler([&] {
      while (sampling) {
        peak_sampled = std::max(peak_sampled, bench::rss_mib(prism.pid, "VmRSS:"));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    bench::SseClients clients(static_cast<std::size_t>(generations));
    double cpu0 = bench::cpu_seconds(prism.pid);
    std::int64_t t0 = now_us();
    {
      // The POSTs go out at once, each from its own short-lived thread.
      std::vector<std::thread> starters;
      for (int i = 0; i < generations; ++i) {
        starters.emplace_back([&, i] { start_one(clients, prism.port, token, project_id, i); });
      }
      for (auto& t : starters) t.join();
    }
    const std::vector<Stream>& streams = clients.wait();
    double wall_s = static_cast<double>(now_us() - t0) / 1e6;
    double prism_cpu = bench::cpu_seconds(prism.pid) - cpu0;
    sampling = false;
    sampler.join();
    double peak = std::max(peak_sampled, bench::rss_mib(prism.pid, "VmHWM:"));
    std::vector<double> added;
    int completed = 0;
    long deltas = 0;
    for (auto& s : streams) {
      if (!s.done && !s.error.empty()) std::cerr << "stream: " << s.error << "\n";
      completed += s.done ? 1 : 0;
      deltas += s.deltas;
      added.insert(added.end(), s.added_ms.begin(), s.added_ms.end());
    }

    // Cache hits: the same request as generation 0, one after another.
    std::vector<double> post_ms, done_ms;
    for (int i = 0; i < cache_hits; ++i) {
      double p = 0, d = 0;
      if (cache_hit(prism.port, token, project_id, p, d)) {
        post_ms.push_back(p);
        done_ms.push_back(d);
      }
    }
    int provider_calls = provider.requests();

    double p99 = percentile(added, 99), hit_p99 = percentile(post_ms, 99);
    row("prism RSS before the generations", mib(idle_rss), "—", "—");
    row(std::to_string(generations) + " concurrent generations × " + std::to_string(tokens) +
            " tokens (1 every " + std::to_string(interval_ms) + " ms): completed",
        std::to_string(completed) + " in " + std::to_string(static_cast<int>(wall_s)) + " s",
        std::to_string(generations), yes_if(completed == generations));
    row("deltas received by the SSE clients", std::to_string(deltas),
        std::to_string(static_cast<long>(generations) * tokens),
        yes_if(deltas == static_cast<long>(generations) * tokens));
    char cpu[64];
    std::snprintf(cpu, sizeof cpu, "%.1f s (%.2f cores)", prism_cpu, prism_cpu / wall_s);
    row("prism CPU time during the generations", cpu, "—", "—");
    row("prism peak RSS during the generations", mib(peak), "≤ 150 MiB",
        yes_if(peak <= kTargetRssMib));
    row("added latency provider event → client event, p50", ms(percentile(added, 50)), "—", "—");
    row("added latency provider event → client event, p99", ms(p99), "≤ 5 ms",
        yes_if(p99 <= kTargetAddedP99Ms));
    row("added latency, max", ms(percentile(added, 100)), "—", "—");
    row("cache hit POST → 202 {cached:true}, p50 (" + std::to_string(post_ms.size()) + " runs)",
        ms(percentile(post_ms, 50)), "—", "—");
    row("cache hit POST → 202 {cached:true}, p99", ms(hit_p99), "≤ 5 ms",
        yes_if(hit_p99 <= kTargetCacheP99Ms && static_cast<int>(post_ms.size()) == cache_hits));
    row("cache hit POST → done event, p99", ms(percentile(done_ms, 99)), "—", "—");
    row("provider calls (cache hits make none)", std::to_string(provider_calls),
        std::to_string(generations), yes_if(provider_calls == generations));
    if (completed != generations) status = 1;
  } catch (const std::exception& e) {
    std::cerr << "generations_bench: " << e.what() << "\n";
    status = 1;
  }
  if (prism.pid > 0) {
    ::kill(prism.pid, SIGTERM);
    ::waitpid(prism.pid, nullptr, 0);
  }
  if (status != 0) {
    std::ifstream log(dir / "prism.log");
    std::cerr << "--- prism.log ---\n" << log.rdbuf();
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return status;
}
