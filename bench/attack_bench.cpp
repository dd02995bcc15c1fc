// The attacker-load benchmark of issue 11: victims read a document at a
// fixed rate while an attacker sends the worst inputs the penetration test
// found: an unauthenticated share link to a 60,000-column table, slow
// headers on a thousand connections (slowloris), and registrations as fast
// as it can. Each phase runs `seconds`; the victims' latency is measured
// without the attacker, with it, and without it again, side by side in one
// run, so a noisy machine moves all three. Prints Markdown table rows:
// metric | value | target | ok.
//
//   attack_bench <prism binary> [seconds=10] [victim_rps=400] [slow_connections=1000]
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "attack_clients.hpp"
#include "prism_process.hpp"

namespace json = boost::json;

namespace {

constexpr double kTargetP99Ratio = 2.0;
constexpr int kWideColumns = 60'000;

json::value must_json(const bench::HttpAnswer& a, int status, const std::string& what) {
  if (a.status != status) {
    throw std::runtime_error(what + " answered " + std::to_string(a.status) + ": " +
                             a.body.substr(0, 300));
  }
  return json::parse(a.body);
}

std::string wide_table(int columns) {
  std::string head, rule, row;
  for (int i = 0; i < columns; ++i) {
    head += "|c";
    rule += "|-";
    row += "|x";
  }
  return "## Wide\n\n" + head + "|\n" + rule + "|\n" + row + "|\n";
}

struct Fixture {
  std::string token, doc, share;
};

// One user with an organization, a project, a normal PRD and a share link to
// a document holding the wide table (saved by a member, as in the finding).
Fixture make_fixture(int port) {
  Fixture f;
  auto reg = must_json(
      bench::http(port, "POST", "/api/v1/auth/register",
                  json::serialize(json::object{{"email", "victim@bench.example"},
                                               {"password", "a victim's long passphrase"},
                                               {"name", "Victim"},
                                               {"organization_name", "Victims"}})),
      201, "register");
  f.token = json::value_to<std::string>(reg.at("access_token"));
  auto me = must_json(bench::http(port, "GET", "/api/v1/auth/me", "", f.token), 200, "me");
  std::string org = json::value_to<std::string>(me.at("memberships").at(0).at("org_id"));
  auto project = must_json(bench::http(port, "POST", "/api/v1/orgs/" + org + "/projects",
                                       R"({"name":"Bench","key":"BENCH"})", f.token),
                           201, "project");
  std::string project_id = json::value_to<std::string>(project.at("id"));
  std::string content;
  for (const char* s : {"Overview", "Problem", "Goals", "Users", "Requirements", "Risks"}) {
    content += std::string("## ") + s + "\n\nWhat the product must do and why it matters.\n\n";
  }
  auto create = [&](const std::string& title, const std::string& text) {
    auto doc = must_json(
        bench::http(port, "POST", "/api/v1/projects/" + project_id + "/documents",
                    json::serialize(json::object{{"title", title}, {"content", text}}), f.token),
        201, "document");
    return json::value_to<std::string>(doc.at("id"));
  };
  f.doc = create("Benchmark PRD", content);
  std::string wide = create("Wide table", wide_table(kWideColumns));
  auto share = must_json(
      bench::http(port, "POST", "/api/v1/documents/" + wide + "/shares", "{}", f.token), 201,
      "share");
  f.share = json::value_to<std::string>(share.at("token"));
  return f;
}

void row(const std::string& metric, const std::string& value, const std::string& target,
         const std::string& ok) {
  std::cout << "| " << metric << " | " << value << " | " << target << " | " << ok << " |\n";
}

std::string ms(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f ms", v);
  return buf;
}

std::string statuses(const bench::StatusCounts& counts) {
  std::string out;
  for (const auto& [status, n] : counts.snapshot()) {
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " × " + (status == 0 ? std::string("failed") : std::to_string(status));
  }
  return out.empty() ? "none" : out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: attack_bench <prism binary> [seconds] [victim_rps] [slow_connections]\n";
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  std::string binary = argv[1];
  int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  int victim_rps = argc > 3 ? std::atoi(argv[3]) : 400;
  int slow = argc > 4 ? std::atoi(argv[4]) : 1000;
  auto dir = std::filesystem::temp_directory_path() / ("prism-attack-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  bench::Prism prism;
  int rc = 0;
  try {
    prism = bench::start_prism(binary, dir, {"LOG_LEVEL=warn"});
    Fixture f = make_fixture(prism.port);
    auto victims = [&] {
      return bench::run_victims(prism.port, "/api/v1/documents/" + f.doc, f.token, victim_rps,
                                std::chrono::seconds(seconds));
    };
    std::cerr << "victims alone " << seconds << " s…\n";
    auto before = victims();

    std::cerr << "victims with the attacker " << seconds << " s…\n";
    std::atomic<bool> stop{false};
    bench::StatusCounts shared, registered;
    bench::SlowlorisStats slowloris;
    std::vector<std::thread> attackers;
    for (int i = 0; i < 4; ++i) {
      attackers.emplace_back(
          [&] { bench::hammer(prism.port, "GET", "/api/v1/shared/" + f.share, stop, shared); });
    }
    for (int i = 0; i < 2; ++i) {
      attackers.emplace_back([&, i] { bench::register_loop(prism.port, i, stop, registered); });
    }
    attackers.emplace_back([&] { bench::slowloris(prism.port, slow, stop, slowloris); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the attack build up
    auto during = victims();
    stop = true;
    for (auto& t : attackers) t.join();

    std::cerr << "victims alone again " << seconds << " s…\n";
    auto after = victims();

    double base_p99 = std::max(before.p99_ms, after.p99_ms);
    // No answer at all while attacked is the worst outcome, not a ratio of 0.
    double ratio = during.ok == 0 ? 1e9 : base_p99 > 0 ? during.p99_ms / base_p99 : 0;
    char ratio_text[32];
    std::snprintf(ratio_text, sizeof ratio_text, during.ok == 0 ? "no answers" : "%.2f", ratio);
    row("victims: GET /documents/{id} at " + std::to_string(victim_rps) + "/s, p50 alone / attacked / alone",
        ms(before.p50_ms) + " / " + ms(during.p50_ms) + " / " + ms(after.p50_ms), "—", "—");
    row("victims: p99 alone / attacked / alone",
        ms(before.p99_ms) + " / " + ms(during.p99_ms) + " / " + ms(after.p99_ms), "—", "—");
    row("victims: max attacked", ms(during.max_ms), "—", "—");
    row("victims: p99 attacked / worse p99 alone", ratio_text,
        "≤ " + std::to_string(static_cast<int>(kTargetP99Ratio)) + "×",
        ratio <= kTargetP99Ratio ? "yes" : "NO");
    auto failed = before.failed + during.failed + after.failed;
    row("victims: requests answered (failed)",
        std::to_string(before.ok + during.ok + after.ok) + " (" + std::to_string(failed) + ")", "0 failed",
        failed == 0 ? "yes" : "NO");
    row("attacker: GET /shared/{token} of a " + std::to_string(kWideColumns) + "-column table",
        statuses(shared), "—", "—");
    row("attacker: POST /auth/register", statuses(registered), "—", "—");
    row("attacker: slow-header connections opened / closed by prism",
        std::to_string(slowloris.opened.load()) + " / " + std::to_string(slowloris.closed.load()),
        "—", "—");
    if (ratio > kTargetP99Ratio || failed > 0) rc = 1;
  } catch (const std::exception& e) {
    std::cerr << "attack_bench: " << e.what() << "\n";
    rc = 2;
  }
  std::cout.flush();
  if (prism.pid > 0) {
    // A prism busy with renders it cannot interrupt may outlive its grace
    // period; the benchmark does not wait for it longer than that.
    ::kill(prism.pid, SIGTERM);
    for (int i = 0; i < 150 && ::waitpid(prism.pid, nullptr, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (::waitpid(prism.pid, nullptr, WNOHANG) == 0) {
      ::kill(prism.pid, SIGKILL);
      ::waitpid(prism.pid, nullptr, 0);
    }
  }
  std::filesystem::remove_all(dir);
  return rc;
}
