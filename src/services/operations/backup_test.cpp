// prism backup / restore on every backend (TempDatabase is PostgreSQL when
// PRISM_TEST_POSTGRES_URL is set): every row comes back with its type, the
// search index follows, and a damaged, foreign or newer file, or a database
// that holds data, is refused with the target left as it was.
#include "services/operations/backup.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>

#include "core/ids.hpp"
#include "store/backup_store.hpp"
#include "store/documents_store.hpp"
#include "store/search_store.hpp"
#include "store/storage_store.hpp"
#include "store/stories_store.hpp"
#include "store/testing_db.hpp"
#include "store/trash_store.hpp"

namespace prism::services::operations {
namespace {

using store::Tx;
using store::Value;
using Fields = std::vector<std::pair<std::string, Value>>;

void put(Tx& tx, const std::string& table, const Fields& fields) {
  std::string cols, marks;
  std::vector<Value> params;
  for (const auto& [name, value] : fields) {
    cols += (cols.empty() ? "" : ", ") + name;
    params.push_back(value);
    marks += (marks.empty() ? "?" : ", ?") + std::to_string(params.size());
  }
  tx.exec("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")", params);
}

std::string gunzip(const std::filesystem::path& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  std::string out;
  char buf[65536];
  int n = 0;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(gz);
  return out;
}

void gzip(const std::filesystem::path& path, const std::string& text) {
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
}

std::string raw(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_raw(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The lines between the header and the trailer: the data, which must not
// depend on the backend it was read from.
std::vector<std::string> data_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::string text = gunzip(path);
  std::size_t pos = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', pos)) {
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return {lines.begin() + 1, lines.end() - 1};
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("prism-backup-" + new_id());
    std::filesystem::create_directories(dir_);
    fill(source_.db());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A row in every table, with every kind of value: NULL, integers, a
  // floating-point zero and fractions, text with quotes, newlines, tabs,
  // backslashes and characters beyond ASCII; and enough document versions
  // and event pages to read both kinds of key over several pages.
  void fill(store::Database& db) {
    db.write([&](Tx& tx) {
      const std::string tricky = "Zoë \"quoted\" \\ back\tslash\nnew line — 🚀 ✓";
      put(tx, "users",
          {{"id", user_},
           {"email", "ada@example.com"},
           {"name", tricky},
           {"password_hash", "$argon2id$v=19$x"},
           {"email_verified_at", nullptr},
           {"password_changed_at", std::int64_t{1}},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{2}},
           {"is_admin", std::int64_t{1}}});
      put(tx, "organizations",
          {{"id", org_},
           {"name", "Acme"},
           {"slug", "acme"},
           {"monthly_budget_tokens", nullptr},
           {"monthly_budget_usd", 12.5},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{1}}});
      put(tx, "memberships",
          {{"org_id", org_},
           {"user_id", user_},
           {"role", "owner"},
           {"created_at", std::int64_t{1}}});
      put(tx, "sessions",
          {{"id", new_id()},
           {"user_id", user_},
           {"created_at", std::int64_t{1}},
           {"last_used_at", std::int64_t{1}},
           {"expires_at", std::int64_t{9}}});
      put(tx, "api_tokens",
          {{"id", new_id()},
           {"user_id", user_},
           {"name", "ci"},
           {"token_hash", "h1"},
           {"prefix", "prism_ab"},
           {"created_at", std::int64_t{1}}});
      put(tx, "audit_log",
          {{"id", new_id()},
           {"org_id", org_},
           {"actor_id", user_},
           {"action", "document.created"},
           {"details", R"({"a":[1,2.5,"x"]})"},
           {"created_at", std::int64_t{3}}});
      put(tx, "projects",
          {{"id", project_},
           {"org_id", org_},
           {"name", "Checkout"},
           {"key", "CHK"},
           {"created_by", user_},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{1}},
           {"story_counter", std::int64_t{4}}});
      put(tx, "templates",
          {{"id", new_id()},
           {"org_id", org_},
           {"name", "Lean"},
           {"sections", R"([{"title":"Goals"}])"},
           {"created_by", user_},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{1}}});
      // The title was renamed after its last version: the search index
      // must follow the document, not the version.
      put(tx, "documents",
          {{"id", doc_},
           {"org_id", org_},
           {"project_id", project_},
           {"title", "Renamed gazpacho plan"},
           {"current_version", std::int64_t{300}},
           {"created_by", user_},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{1}}});
      for (std::int64_t v = 1; v <= 300; ++v) {
        put(tx, "document_versions",
            {{"document_id", doc_},
             {"version", v},
             {"title", "Original title"},
             {"content", "## Goals\n\nVersion " + std::to_string(v) + " of the quinoa " + tricky},
             {"author_id", v % 2 ? Value(user_) : Value(nullptr)},
             {"created_at", v}});
      }
      // A document in the trash: who deleted it comes back too.
      put(tx, "documents",
          {{"id", trashed_},
           {"org_id", org_},
           {"project_id", project_},
           {"title", "Trashed tundra plan"},
           {"current_version", std::int64_t{1}},
           {"created_by", user_},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{4}},
           {"deleted_at", std::int64_t{4}},
           {"deleted_by", user_}});
      put(tx, "document_versions",
          {{"document_id", trashed_},
           {"version", std::int64_t{1}},
           {"title", "Trashed tundra plan"},
           {"content", "snow"},
           {"created_at", std::int64_t{1}}});
      std::string gen = new_id();
      put(tx, "generations",
          {{"id", gen},
           {"org_id", org_},
           {"project_id", project_},
           {"user_id", user_},
           {"kind", "prd"},
           {"status", "succeeded"},
           {"input", "{}"},
           {"provider", "template"},
           {"model", "template-1"},
           {"cache_key", "k"},
           {"output", tricky},
           {"cost_usd", 0.0},
           {"cost_reserved_usd", 0.000123},
           {"created_at", std::int64_t{5}}});
      for (std::int64_t page = 1; page <= 270; ++page) {
        put(tx, "generation_event_pages",
            {{"generation_id", gen},
             {"last_event_id", page * 10},
             {"events", "[]"},
             {"created_at", page}});
      }
      put(tx, "stories",
          {{"id", new_id()},
           {"org_id", org_},
           {"project_id", project_},
           {"title", "Pay"},
           {"i_want", "to settle by glacier transfer"},
           {"points", nullptr},
           {"created_by", user_},
           {"created_at", std::int64_t{1}},
           {"updated_at", std::int64_t{1}},
           {"number", std::int64_t{3}}});
      put(tx, "maintenance_runs", {{"name", "daily-cleanup"}, {"last_run_at", std::int64_t{7}}});
    });
  }

  std::int64_t users_in(store::Database& db) {
    return db.read([](Tx& tx) { return store::storage::count_rows(tx, "users"); });
  }

  std::vector<std::string> titles_found(store::Database& db, const std::string& word) {
    store::documents::ListFilter f;
    f.project_id = project_;
    f.words = {word};
    std::vector<std::string> out;
    for (auto& d : db.read([&](Tx& tx) { return store::documents::list_documents(tx, f); })) {
      out.push_back(d.title);
    }
    return out;
  }

  std::filesystem::path backup_of(store::Database& db, const std::string& name) {
    auto path = dir_ / name;
    backup_database(db, path, 1000);
    return path;
  }

  void expect_refused(const std::filesystem::path& file, const std::string& reason,
                      const std::string& what) {
    store::testing::TempDatabase target;
    try {
      restore_database(target.db(), file, {});
      ADD_FAILURE() << what << ": restored";
    } catch (const BackupError& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << what << ": " << e.what();
    }
    EXPECT_EQ(users_in(target.db()), 0) << what;
  }

  std::filesystem::path dir_;
  store::testing::TempDatabase source_;
  std::string user_ = new_id(), org_ = new_id(), project_ = new_id(), doc_ = new_id();
  std::string trashed_ = new_id();
};

TEST_F(BackupTest, EveryTableOfTheSchemaIsCopiedOrKnownToBeDerived) {
  source_.db().read(
      [](Tx& tx) { EXPECT_EQ(store::backup::unknown_tables(tx), std::vector<std::string>{}); });
}

TEST_F(BackupTest, ARestoredDatabaseHoldsTheSameRowsAndItsSearchFindsThem) {
  auto first = backup_of(source_.db(), "first.jsonl.gz");
  auto contents = verify_backup(first);
  EXPECT_EQ(contents.tables.size(), store::backup::tables().size());
  EXPECT_EQ(contents.rows, 300 + 270 + 14);
  // The same level on both backends, though some migrations are for one only.
  int newest = 0;
  for (const auto& m : store::embedded_migrations()) newest = std::max(newest, m.version);
  EXPECT_EQ(contents.header.schema_version, newest);

  store::testing::TempDatabase target;
  auto report = restore_database(target.db(), first, {});
  EXPECT_EQ(report.contents.rows, contents.rows);
  auto second = backup_of(target.db(), "second.jsonl.gz");
  EXPECT_EQ(data_lines(first), data_lines(second)) << "every row, value and type round-trips";

  EXPECT_EQ(titles_found(target.db(), "gazpacho"),
            std::vector<std::string>{"Renamed gazpacho plan"});
  EXPECT_EQ(titles_found(target.db(), "quinoa"), std::vector<std::string>{"Renamed gazpacho plan"});
  EXPECT_TRUE(titles_found(target.db(), "original").empty()) << "the old title is not indexed";

  // The trash, with who deleted what, and the stories' search index.
  auto trash =
      target.db().read([&](Tx& tx) { return store::trash::list(tx, org_, std::nullopt, 10, 5); });
  ASSERT_EQ(trash.size(), 1u);
  EXPECT_EQ(trash[0].id, trashed_);
  EXPECT_EQ(trash[0].deleted_by, user_);
  EXPECT_EQ(trash[0].deleted_at, 4);
  auto stories =
      target.db().read([&](Tx& tx) { return store::search::stories(tx, org_, {"glacier"}, 10); });
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].title, "Pay");
}

TEST_F(BackupTest, ADamagedFileIsRefusedAndTheTargetGetsNothing) {
  auto good = backup_of(source_.db(), "good.jsonl.gz");
  std::string bytes = raw(good);
  std::string text = gunzip(good);

  for (std::size_t keep : {bytes.size() - 1, bytes.size() - 9, bytes.size() / 2, std::size_t{40}}) {
    auto cut = dir_ / ("cut-" + std::to_string(keep));
    write_raw(cut, bytes.substr(0, keep));
    expect_refused(cut, "damaged or incomplete", "cut to " + std::to_string(keep) + " bytes");
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x5a);
  write_raw(dir_ / "flipped", flipped);
  expect_refused(dir_ / "flipped", "damaged or incomplete", "a flipped byte");

  // Intact compression, edited contents: only the checksum can tell.
  std::string edited = text;
  edited.replace(edited.find("ada@example.com"), 3, "eve");
  gzip(dir_ / "edited", edited);
  expect_refused(dir_ / "edited", "checksum", "an edited row");

  std::string no_trailer = text.substr(0, text.rfind("{\"end\""));
  gzip(dir_ / "no-trailer", no_trailer);
  expect_refused(dir_ / "no-trailer", "ends before its last line", "no last line");

  write_raw(dir_ / "empty", "");
  expect_refused(dir_ / "empty", "not a PRISM backup", "an empty file");
  gzip(dir_ / "foreign", "{\"hello\":1}\n");
  expect_refused(dir_ / "foreign", "not a PRISM backup", "another JSON file");
}

TEST_F(BackupTest, AFileFromANewerSchemaOrFormatIsRefused) {
  {
    BackupWriter out(dir_ / "newer.jsonl.gz");
    BackupHeader header;
    header.schema_version = 999;
    header.source = "sqlite";
    header.prism_version = "9.9.9";
    out.header(header);
    out.finish();
  }
  expect_refused(dir_ / "newer.jsonl.gz", "newer PRISM (schema version 999", "newer schema");
  gzip(dir_ / "format", "{\"format\":\"prism-backup\",\"format_version\":2}\n");
  expect_refused(dir_ / "format", "backup format 2", "newer format");
}

TEST_F(BackupTest, RowsThatDoNotFitRollEverythingBack) {
  // A valid file whose last table repeats a key: the load fails at its end,
  // and the users loaded before must be gone too.
  auto file = dir_ / "duplicate.jsonl.gz";
  {
    BackupWriter out(file);
    BackupHeader header;
    header.schema_version = 1;
    header.source = "sqlite";
    out.header(header);
    out.begin_table("users", {"id", "email", "name", "password_hash", "password_changed_at",
                              "created_at", "updated_at"});
    out.row({std::string("u1"), std::string("a@x.io"), std::string("A"), std::string("h"),
             std::int64_t{1}, std::int64_t{1}, std::int64_t{1}});
    out.end_table();
    out.begin_table("maintenance_runs", {"name", "last_run_at"});
    out.row({std::string("job"), std::int64_t{1}});
    out.row({std::string("job"), std::int64_t{2}});
    out.end_table();
    out.finish();
  }
  store::testing::TempDatabase target;
  EXPECT_ANY_THROW(restore_database(target.db(), file, {}));
  EXPECT_EQ(users_in(target.db()), 0);
}

TEST_F(BackupTest, StoriesOfABackupFromBeforeStoryKeysAreNumberedInCreationOrder) {
  // Schema 10 had neither stories.number nor projects.story_counter.
  auto file = dir_ / "before-keys.jsonl.gz";
  std::string org = new_id(), chk = new_id(), app = new_id();
  auto story_row = [&](const std::string& id, const std::string& project, std::int64_t created,
                       Value deleted) {
    return std::vector<Value>{id, org, project, std::string("S"), user_, created, created, deleted};
  };
  std::string third = new_id(), first = new_id(), gone = new_id(), other = new_id();
  {
    BackupWriter out(file);
    BackupHeader header;
    header.schema_version = 10;
    header.source = "sqlite";
    out.header(header);
    out.begin_table("users", {"id", "email", "name", "password_hash", "password_changed_at",
                              "created_at", "updated_at"});
    out.row({user_, std::string("a@x.io"), std::string("A"), std::string("h"), std::int64_t{1},
             std::int64_t{1}, std::int64_t{1}});
    out.end_table();
    out.begin_table("organizations", {"id", "name", "slug", "created_at", "updated_at"});
    out.row({org, std::string("Acme"), std::string("acme"), std::int64_t{1}, std::int64_t{1}});
    out.end_table();
    out.begin_table("projects",
                    {"id", "org_id", "name", "key", "created_by", "created_at", "updated_at"});
    out.row({chk, org, std::string("Checkout"), std::string("CHK"), user_, std::int64_t{1},
             std::int64_t{1}});
    out.row({app, org, std::string("App"), std::string("APP"), user_, std::int64_t{1},
             std::int64_t{1}});
    out.end_table();
    out.begin_table("stories", {"id", "org_id", "project_id", "title", "created_by", "created_at",
                                "updated_at", "deleted_at"});
    // Written in id order, which is not creation order here.
    out.row(story_row(third, chk, 30, nullptr));
    out.row(story_row(first, chk, 10, nullptr));
    out.row(story_row(gone, chk, 20, std::int64_t{25}));
    out.row(story_row(other, app, 5, nullptr));
    out.end_table();
    out.finish();
  }
  store::testing::TempDatabase target;
  restore_database(target.db(), file, {});
  target.db().write([&](Tx& tx) {
    auto number_of = [&](const std::string& id) {
      return tx.query_one("SELECT number FROM stories WHERE id = ?1", {id})->i64(0);
    };
    EXPECT_EQ(number_of(first), 1);
    EXPECT_EQ(number_of(gone), 2) << "a deleted story keeps its number";
    EXPECT_EQ(number_of(third), 3);
    EXPECT_EQ(number_of(other), 1);
    EXPECT_EQ(store::stories::take_number(tx, chk)->number, 4);
    EXPECT_EQ(store::stories::take_number(tx, app)->number, 2);
  });
}

TEST_F(BackupTest, ADatabaseWithDataIsRefusedUnlessReplacingIsAskedFor) {
  auto file = backup_of(source_.db(), "full.jsonl.gz");
  store::testing::TempDatabase target;
  target.add_user("someone@example.com");
  try {
    restore_database(target.db(), file, {});
    ADD_FAILURE() << "restored over data";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not empty (users has 1 rows)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(users_in(target.db()), 1);

  auto report = restore_database(target.db(), file, {.replace = true});
  EXPECT_EQ(report.replaced_rows, 1);
  EXPECT_EQ(users_in(target.db()), 1);
  EXPECT_EQ(data_lines(backup_of(target.db(), "after.jsonl.gz")), data_lines(file));
}

TEST_F(BackupTest, CheckOnlyReadsTheFileAndTouchesNothing) {
  auto file = backup_of(source_.db(), "check.jsonl.gz");
  store::testing::TempDatabase target;
  auto report = restore_database(target.db(), file, {.check_only = true});
  EXPECT_TRUE(report.check_only);
  EXPECT_EQ(users_in(target.db()), 0);
  EXPECT_NE(describe(report).find("the backup is intact"), std::string::npos);
}

TEST_F(BackupTest, AnExistingFileIsNeverOverwrittenNorIsAPartialOneLeft) {
  auto file = backup_of(source_.db(), "once.jsonl.gz");
  auto before = raw(file);
  EXPECT_THROW(backup_of(source_.db(), "once.jsonl.gz"), std::runtime_error);
  EXPECT_EQ(raw(file), before);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "once.jsonl.gz.partial"));
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace
}  // namespace prism::services::operations
