#include "support/pgbouncer.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/child_process.hpp"
#include "support/loopback_listener.hpp"
#include "support/server_process.hpp"

namespace prism::testing {

namespace {

std::map<std::string, std::string> parse_url(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) throw std::runtime_error("PgBouncer: not a PostgreSQL URL");
  std::map<std::string, std::string> out;
  for (auto* o = opts; o->keyword; ++o) {
    if (o->val && *o->val) out[o->keyword] = o->val;
  }
  PQconninfoFree(opts);
  return out;
}

}  // namespace

std::string pgbouncer_binary() {
  for (const char* path : {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "";
}

PgBouncer::PgBouncer(const std::string& postgres_url, const std::string& search_path,
                     int server_connections) {
  std::string binary = pgbouncer_binary();
  if (binary.empty()) throw std::runtime_error("pgbouncer is not installed (script/bootstrap)");
  auto pg = parse_url(postgres_url);
  char tmpl[] = "/tmp/prism-pgbouncer-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  int port = pick_free_port();
  std::ofstream(dir_ / "userlist.txt") << '"' << pg["user"] << "\" \"" << pg["password"] << "\"\n";
  std::ofstream(dir_ / "pgbouncer.ini")
      << "[databases]\n"
      << pg["dbname"] << " = host=" << pg["host"] << " port=" << pg["port"]
      << " dbname=" << pg["dbname"] << " connect_query='SET search_path = " << search_path << "'\n"
      << "[pgbouncer]\n"
      << "listen_addr = 127.0.0.1\nlisten_port = " << port << "\nunix_socket_dir =\n"
      << "pool_mode = transaction\n"
      << "default_pool_size = " << server_connections << "\nmax_client_conn = 500\n"
      << "auth_type = scram-sha-256\nauth_file = " << (dir_ / "userlist.txt").string() << "\n"
      << "server_tls_sslmode = verify-full\nserver_tls_ca_file = " << pg["sslrootcert"] << "\n"
      << "logfile = " << (dir_ / "pgbouncer.log").string() << "\n"
      << "pidfile = " << (dir_ / "pgbouncer.pid").string() << "\n";
  bool as_root = ::geteuid() == 0;
  if (as_root) {
    passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr)
      throw std::runtime_error("PgBouncer refuses root and there is no postgres user");
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      if (::chown(entry.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        throw std::runtime_error("chown failed");
      }
    }
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error("chown failed");
  }
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::string ini = (dir_ / "pgbouncer.ini").string();
    std::string err = (dir_ / "stderr.log").string();
    std::FILE* out = std::freopen(err.c_str(), "a", stderr);
    (void)out;
    if (as_root) {
      ::execl("/usr/sbin/runuser", "runuser", "-u", "postgres", "--", binary.c_str(), ini.c_str(),
              static_cast<char*>(nullptr));
    } else {
      ::execl(binary.c_str(), binary.c_str(), ini.c_str(), static_cast<char*>(nullptr));
    }
    ::_exit(127);
  }
  url_ = "postgresql://" + pg["user"] + ":" + pg["password"] +
         "@127.0.0.1:" + std::to_string(port) + "/" + pg["dbname"] + "?sslmode=disable";
  wait_for_child(
      pid_, "pgbouncer", [port] { return accepts_connections(port); }, [this] { return log(); });
}

PgBouncer::~PgBouncer() {
  stop_child(pid_);  // runuser passes SIGTERM on to pgbouncer
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string PgBouncer::log() const {
  std::ostringstream out;
  for (const char* name : {"pgbouncer.log", "stderr.log"}) {
    std::ifstream in(dir_ / name);
    out << in.rdbuf();
  }
  return out.str();
}

}  // namespace prism::testing
