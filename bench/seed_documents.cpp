// Fills the database named by DATABASE_URL (sqlite:PATH or postgres://…)
// with a realistic organization: one owner whose e-mail address is
// confirmed, a personal API token for them, projects, and N PRDs with one to
// a few versions each, their stories and their audit rows. The schema is
// PRISM's own (its migrations run first), the owner, organization, projects
// and token are written by the store's functions, and the documents by
// multi-row INSERTs of the store's columns, so the search index (FTS5
// triggers on SQLite, the tsvector trigger on PostgreSQL) is filled by the
// same row triggers the server's writes fire; only the transactions are
// larger (a batch of documents each) than one request's.
//
//   DATABASE_URL=… seed_documents [--documents N] [--projects P]
//                                 [--max-versions V] [--bytes B] [--batch K]
//
// Migrates the database first. Prints shell assignments on stdout for the
// benchmarks (SEED_TOKEN, SEED_EMAIL, SEED_PASSWORD, SEED_ORG, SEED_PROJECT,
// SEED_DOCUMENT, SEED_WORD) and progress and timings on stderr.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "services/auth/auth_service.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/orgs_store.hpp"
#include "store/projects_store.hpp"
#include "store/tokens_store.hpp"
#include "store/users_store.hpp"

namespace {

using namespace prism;
using Clock = std::chrono::steady_clock;

struct Options {
  long documents = 100'000;
  int projects = 20;
  int max_versions = 2;  // document i has 1 + i % max_versions versions
  int bytes = 2500;      // about this much Markdown per version
  int batch = 500;       // documents per write transaction
  int story_every = 10;  // every n-th document gets three stories
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto value = [&](const char* name) -> long {
      if (std::strcmp(argv[i], name) != 0 || i + 1 >= argc) return -1;
      return std::atol(argv[++i]);
    };
    long v;
    if ((v = value("--documents")) >= 0)
      o.documents = v;
    else if ((v = value("--projects")) > 0)
      o.projects = static_cast<int>(v);
    else if ((v = value("--max-versions")) > 0)
      o.max_versions = static_cast<int>(v);
    else if ((v = value("--bytes")) > 0)
      o.bytes = static_cast<int>(v);
    else if ((v = value("--batch")) > 0)
      o.batch = static_cast<int>(v);
    else {
      std::fprintf(stderr,
                   "usage: DATABASE_URL=… seed_documents [--documents N] [--projects P]"
                   " [--max-versions V] [--bytes B] [--batch K]\n");
      std::exit(2);
    }
  }
  return o;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// A vocabulary of pronounceable words drawn with a Zipf-like skew, so the
// search index has the shape of real prose: a few very common words and a
// long tail.
class Prose {
 public:
  explicit Prose(std::uint64_t seed) : rng_(seed) {
    static const char* const kOnsets[] = {"b", "c", "d", "f",  "g",  "l",  "m",  "n",  "p",  "r",
                                          "s", "t", "v", "st", "tr", "pl", "gr", "ch", "sh", "pr"};
    static const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "io"};
    static const char* const kCodas[] = {"", "n", "r", "s", "t", "nd", "ck", "ll", "m", "x"};
    std::mt19937_64 words(7);
    for (int i = 0; i < 6000; ++i) {
      std::string w;
      int syllables = 1 + static_cast<int>(words() % 3);
      for (int s = 0; s < syllables; ++s) {
        w += kOnsets[words() % std::size(kOnsets)];
        w += kVowels[words() % std::size(kVowels)];
      }
      w += kCodas[words() % std::size(kCodas)];
      vocabulary_.push_back(std::move(w));
    }
  }

  const std::string& word() {
    // Cubing a uniform draw skews it towards the front of the vocabulary.
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return vocabulary_[static_cast<std::size_t>(u * u * u *
                                                static_cast<double>(vocabulary_.size()))];
  }

  std::string sentence() {
    std::string s;
    int n = 6 + static_cast<int>(rng_() % 12);
    for (int i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += word();
    }
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + ". ";
  }

  std::string title() { return capitalised(word()) + " " + word() + " " + word(); }

  // A PRD in the shape of the built-in template: sections, prose, a list of
  // requirements; `reference` is a word no other document contains.
  std::string prd(const std::string& title, const std::string& reference, int bytes) {
    static const char* const kSections[] = {"Overview",     "Problem", "Goals", "Users",
                                            "Requirements", "Metrics", "Risks"};
    std::string out = "# " + title + "\n\nReference " + reference + ".\n\n";
    std::size_t per_section = static_cast<std::size_t>(bytes) / std::size(kSections);
    for (const char* section : kSections) {
      out += "## ";
      out += section;
      out += "\n\n";
      std::size_t start = out.size();
      if (std::strcmp(section, "Requirements") == 0) {
        for (int r = 1; out.size() - start < per_section; ++r) {
          out += "- R" + std::to_string(r) + ": " + sentence() + "\n";
        }
      } else {
        while (out.size() - start < per_section) out += sentence();
      }
      out += "\n\n";
    }
    return out;
  }

  std::uint64_t next() { return rng_(); }

 private:
  static std::string capitalised(std::string w) {
    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return w;
  }

  std::mt19937_64 rng_;
  std::vector<std::string> vocabulary_;
};

struct Owner {
  std::string user_id, email, password, token, org_id;
  std::vector<std::string> project_ids;
};

Owner create_owner(store::Database& db, const Options& o, std::int64_t now) {
  Owner owner;
  std::string tag = crypto::hex(crypto::random_bytes(4));
  owner.email = "seed-" + tag + "@example.com";
  owner.password = "seed " + crypto::random_token(12) + " password";
  owner.token = std::string(services::kApiTokenPrefix) + crypto::random_token(32);
  owner.user_id = new_id();
  owner.org_id = new_id();
  store::users::User user{
      owner.user_id, owner.email, "Seed Owner", auth::hash_password(owner.password), now, now, now,
      now,           false,       std::nullopt};
  db.write([&](store::Tx& tx) {
    store::users::insert(tx, user);
    store::orgs::insert_org(
        tx, {owner.org_id, "Seed Org " + tag, "seed-" + tag, std::nullopt, std::nullopt, now, now});
    store::orgs::insert_membership(tx, owner.org_id, owner.user_id, "owner", now);
    for (int p = 0; p < o.projects; ++p) {
      store::projects::Project project{new_id(),
                                       owner.org_id,
                                       "Product line " + std::to_string(p + 1),
                                       "P" + std::to_string(p + 1),
                                       "Seeded for the benchmarks",
                                       owner.user_id,
                                       now,
                                       now};
      store::projects::insert(tx, project);
      owner.project_ids.push_back(project.id);
    }
    // Hashed as AuthService::create_api_token stores it (services/auth/auth_internal.cpp).
    store::tokens::insert_api_token(
        tx, {new_id(), owner.user_id, "seed", crypto::sha256_hex(owner.token),
             owner.token.substr(0, services::kApiTokenPrefix.size() + 4), now, std::nullopt,
             std::nullopt, std::nullopt});
  });
  return owner;
}

// Rows for one table, sent as INSERT … VALUES (…), (…) of up to 100 rows
// with bound parameters: one round trip for many rows, which is what makes
// seeding PostgreSQL fast. Row triggers still fire for every row, in order.
class BulkInsert {
 public:
  explicit BulkInsert(std::string head, std::size_t columns)
      : head_(std::move(head)), columns_(columns) {}

  void add(std::vector<store::Value> row) {
    values_.insert(values_.end(), std::make_move_iterator(row.begin()),
                   std::make_move_iterator(row.end()));
  }

  void flush(store::Tx& tx) {
    constexpr std::size_t kRows = 100;
    for (std::size_t at = 0; at < values_.size(); at += kRows * columns_) {
      std::size_t end = std::min(values_.size(), at + kRows * columns_);
      std::string sql = head_ + " VALUES ";
      for (std::size_t i = 0; i < end - at; ++i) {
        sql += i % columns_ == 0 ? (i ? "), (" : "(") : ", ";
        sql += "?" + std::to_string(i + 1);
      }
      sql += ")";
      tx.exec(sql, std::vector<store::Value>(values_.begin() + static_cast<std::ptrdiff_t>(at),
                                             values_.begin() + static_cast<std::ptrdiff_t>(end)));
    }
    values_.clear();
  }

 private:
  std::string head_;
  std::size_t columns_;
  std::vector<store::Value> values_;
};

// The columns the store's own inserts write (store/documents_store.cpp,
// services/audit/audit.cpp, store/stories_store.cpp), several rows at a time.
struct Batch {
  BulkInsert documents{
      "INSERT INTO documents (id, org_id, project_id, title, status, template, current_version,"
      " created_by, created_at, updated_at)",
      10};
  BulkInsert versions{
      "INSERT INTO document_versions (document_id, version, title, content, author_id, source,"
      " generation_id, summary, created_at)",
      9};
  BulkInsert audit{
      "INSERT INTO audit_log (id, org_id, actor_id, action, target_type, target_id, details, ip,"
      " created_at)",
      9};
  BulkInsert stories{
      "INSERT INTO stories (id, org_id, project_id, document_id, generation_id, title, as_a,"
      " i_want, so_that, acceptance_criteria, points, priority, status, requirement_ref,"
      " created_by, created_at, updated_at)",
      17};

  void flush(store::Tx& tx) {
    documents.flush(tx);
    versions.flush(tx);
    audit.flush(tx);
    stories.flush(tx);
  }
};

// One document with its versions (each a full text, as the server stores
// them), its audit row, and every story_every-th one three stories.
std::string add_document(Batch& batch, Prose& prose, const Options& o, const Owner& owner, long i,
                         std::int64_t created_at) {
  static const char* const kStatuses[] = {"draft", "draft", "in_review", "approved", "archived"};
  std::string id = new_id();
  std::string title = prose.title();
  std::int64_t versions = 1 + i % o.max_versions;
  const std::string& project =
      owner.project_ids[static_cast<std::size_t>(i) % owner.project_ids.size()];
  batch.documents.add({id, owner.org_id, project, title,
                       std::string(kStatuses[prose.next() % std::size(kStatuses)]), std::string(),
                       versions, owner.user_id, created_at, created_at + (versions - 1) * 60'000});
  std::string content = prose.prd(title, "ref" + std::to_string(i), o.bytes);
  for (std::int64_t v = 1; v <= versions; ++v) {
    if (v > 1) {
      content += "## Changes in version " + std::to_string(v) + "\n\n" + prose.sentence() + "\n";
    }
    batch.versions.add({id, v, title, content, owner.user_id, std::string("human"), nullptr,
                        std::string(v == 1 ? "Created" : "Edited Changes"),
                        created_at + (v - 1) * 60'000});
  }
  batch.audit.add({new_id(), owner.org_id, owner.user_id, std::string("document.created"),
                   std::string("document"), id, json::serialize(json::object{{"title", title}}),
                   std::string("127.0.0.1"), created_at});
  if (i % o.story_every == 0) {
    for (std::int64_t s = 1; s <= 3; ++s) {
      json::array criteria{json::string(prose.sentence()), json::string(prose.sentence())};
      batch.stories.add({new_id(), owner.org_id, project, id, nullptr, prose.title(),
                         std::string("product manager"), prose.sentence(), prose.sentence(),
                         json::serialize(criteria), s * 2, std::string("medium"),
                         std::string("todo"), "R" + std::to_string(s), owner.user_id, created_at,
                         created_at});
    }
  }
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  const char* url = std::getenv("DATABASE_URL");
  if (!url || !*url) {
    std::fprintf(stderr, "seed_documents: set DATABASE_URL (sqlite:PATH or postgres://…)\n");
    return 2;
  }
  try {
    crypto::init();
    auto start = Clock::now();
    auto db = store::open_database(url, {});
    auto report = store::migrate(*db);
    std::fprintf(stderr, "migrated (%zu applied) in %.2f s\n", report.applied.size(),
                 seconds_since(start));

    std::int64_t now = now_unix_ms();
    Owner owner = create_owner(*db, o, now);
    Prose prose(42);
    std::string first_document;
    auto docs_start = Clock::now();
    // Spread over the past year, oldest first, as a real history would be.
    std::int64_t span = 365LL * 86'400'000;
    for (long done = 0; done < o.documents;) {
      long end = std::min(o.documents, done + o.batch);
      Batch batch;
      for (long i = done; i < end; ++i) {
        std::int64_t created = now - span + span * i / std::max(1L, o.documents);
        std::string id = add_document(batch, prose, o, owner, i, created);
        if (i == 0) first_document = id;
      }
      db->write([&](store::Tx& tx) { batch.flush(tx); });
      done = end;
      if (done % 10'000 == 0 || done == o.documents) {
        std::fprintf(stderr, "%ld documents, %.1f s\n", done, seconds_since(docs_start));
      }
    }
    double docs_seconds = seconds_since(docs_start);
    std::fprintf(stderr, "seeded %ld documents in %.1f s (%.0f documents/s); total %.1f s\n",
                 o.documents, docs_seconds,
                 docs_seconds > 0 ? static_cast<double>(o.documents) / docs_seconds : 0.0,
                 seconds_since(start));

    std::printf("SEED_EMAIL=%s\nSEED_PASSWORD='%s'\nSEED_TOKEN=%s\nSEED_ORG=%s\nSEED_PROJECT=%s\n",
                owner.email.c_str(), owner.password.c_str(), owner.token.c_str(),
                owner.org_id.c_str(), owner.project_ids.front().c_str());
    std::printf("SEED_DOCUMENT=%s\nSEED_WORD=ref0\nSEED_SECONDS=%.1f\n", first_document.c_str(),
                docs_seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seed_documents: %s\n", e.what());
    return 1;
  }
  return 0;
}
