#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::services::operations {

// A PRISM backup file: gzip-compressed JSON lines, so `zcat` shows it.
//   {"format":"prism-backup","format_version":1,"schema_version":9,…}   the header
//   {"table":"users","columns":["id","email",…]}                         a table begins
//   ["0190…","ada@example.com",…]                                         one row per line
//   {"table_end":"users","rows":12}
//   …
//   {"end":{"tables":18,"rows":1234},"sha256":"…"}                        the SHA-256 of every line
//   before it
// Values are JSON null, integers, numbers with a fraction or exponent
// (floating point) and strings, so a row reads back with the types it had.
inline constexpr std::string_view kBackupFormat = "prism-backup";
inline constexpr int kBackupFormatVersion = 1;

// The file is not a backup this binary can read, or it is damaged.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BackupHeader {
  int format_version = kBackupFormatVersion;
  int schema_version = 0;
  std::string source;  // the backend it was made from: "sqlite" or "postgresql"
  std::int64_t created_at = 0;
  std::string prism_version;
};

// Writes a backup to `path` + ".partial" (created 0600: it holds password and
// token hashes) and renames it to `path` when finish() succeeds, so a backup
// that failed halfway never looks complete. Refuses to overwrite a file.
class BackupWriter {
 public:
  explicit BackupWriter(std::filesystem::path path);
  ~BackupWriter();
  BackupWriter(const BackupWriter&) = delete;
  BackupWriter& operator=(const BackupWriter&) = delete;

  void header(const BackupHeader& header);
  void begin_table(std::string_view name, const std::vector<std::string>& columns);
  void row(const std::vector<store::Value>& values);
  void end_table();
  void finish();

 private:
  struct File;
  void line(const std::string& text);

  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::unique_ptr<File> file_;
  std::string table_;
  std::int64_t table_rows_ = 0;
  std::int64_t tables_ = 0;
  std::int64_t rows_ = 0;
};

// Reads a backup line by line, checking its structure as it goes and its
// checksum at the end: next() throws BackupError at the first damage, and
// returns kEnd only once the whole file proved intact.
class BackupReader {
 public:
  struct Item {
    enum class Kind { kTable, kRow, kTableEnd, kEnd } kind = Kind::kEnd;
    std::string table;
    std::vector<std::string> columns;  // kTable
    std::vector<store::Value> values;  // kRow
    std::int64_t rows = 0;             // kTableEnd: rows in the table; kEnd: in the file
  };

  // Opens `path` and reads its header; throws BackupError when it is not a
  // PRISM backup or was written by a newer format.
  explicit BackupReader(const std::filesystem::path& path);
  ~BackupReader();
  BackupReader(const BackupReader&) = delete;
  BackupReader& operator=(const BackupReader&) = delete;

  const BackupHeader& header() const { return header_; }
  Item next();

 private:
  struct File;
  bool read_line(std::string& out);
  [[noreturn]] void damaged(const std::string& why) const;

  std::unique_ptr<File> file_;
  BackupHeader header_;
  std::int64_t line_no_ = 0;
  std::string table_;
  std::size_t columns_ = 0;
  std::int64_t table_rows_ = 0;
  std::int64_t tables_ = 0;
  std::int64_t rows_ = 0;
  bool in_table_ = false;
  bool ended_ = false;
};

}  // namespace prism::services::operations
