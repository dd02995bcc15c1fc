#include "services/operations/backup_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "core/json.hpp"

namespace prism::services::operations {

namespace {

constexpr std::size_t kReadChunk = 256 * 1024;
// Longer than any row PRISM writes (a document is at most 1 MiB of text, a
// page of generation events a few MiB), short enough to bound memory.
constexpr std::size_t kMaxLine = 64 * 1024 * 1024;

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

json::value to_json(const store::Value& v) {
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) {
    if (!std::isfinite(*d)) throw std::runtime_error("a value is not a finite number");
    return *d;
  }
  if (auto* s = std::get_if<std::string>(&v)) {
    // JSON text is UTF-8; the restore would refuse anything else.
    if (!utf8_length(*s)) throw std::runtime_error("a text value is not valid UTF-8");
    return json::string(*s);
  }
  return nullptr;
}

std::string sys_error(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

}  // namespace

struct BackupWriter::File {
  int fd = -1;
  gzFile gz = nullptr;
  crypto_hash_sha256_state sha{};
};

BackupWriter::BackupWriter(std::filesystem::path path)
    : path_(std::move(path)),
      partial_(path_.string() + ".partial"),
      file_(std::make_unique<File>()) {
  if (std::filesystem::exists(path_)) {
    throw std::runtime_error(path_.string() + " already exists; choose another --output");
  }
  file_->fd = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (file_->fd < 0) throw std::runtime_error(sys_error("cannot create", partial_));
  int gz_fd = ::dup(file_->fd);
  file_->gz = gz_fd < 0 ? nullptr : gzdopen(gz_fd, "wb6");
  if (file_->gz == nullptr) {
    if (gz_fd >= 0) ::close(gz_fd);
    ::close(file_->fd);
    std::filesystem::remove(partial_);
    throw std::runtime_error("cannot start compressing into " + partial_.string());
  }
  gzbuffer(file_->gz, kReadChunk);
  crypto_hash_sha256_init(&file_->sha);
}

BackupWriter::~BackupWriter() {
  if (file_->gz == nullptr && file_->fd < 0) return;
  if (file_->gz != nullptr) gzclose(file_->gz);
  if (file_->fd >= 0) ::close(file_->fd);
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

void BackupWriter::line(const std::string& text) {
  std::string with_newline = text + "\n";
  crypto_hash_sha256_update(&file_->sha,
                            reinterpret_cast<const unsigned char*>(with_newline.data()),
                            with_newline.size());
  if (gzwrite(file_->gz, with_newline.data(), static_cast<unsigned>(with_newline.size())) <= 0) {
    int err = 0;
    std::string why = gzerror(file_->gz, &err);
    throw std::runtime_error("writing " + partial_.string() +
                             " failed: " + (err == Z_ERRNO ? std::strerror(errno) : why));
  }
}

void BackupWriter::header(const BackupHeader& h) {
  line(json::serialize(json::object{{"format", kBackupFormat},
                                    {"format_version", h.format_version},
                                    {"schema_version", h.schema_version},
                                    {"source", h.source},
                                    {"created_at", h.created_at},
                                    {"prism_version", h.prism_version}}));
}

void BackupWriter::begin_table(std::string_view name, const std::vector<std::string>& columns) {
  json::array cols;
  for (const auto& c : columns) cols.emplace_back(c);
  line(json::serialize(json::object{{"table", name}, {"columns", std::move(cols)}}));
  table_ = std::string(name);
  table_rows_ = 0;
}

void BackupWriter::row(const std::vector<store::Value>& values) {
  json::array out;
  out.reserve(values.size());
  try {
    for (const auto& v : values) out.push_back(to_json(v));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("cannot back up a row of " + table_ + ": " + e.what());
  }
  line(json::serialize(out));
  ++table_rows_;
}

void BackupWriter::end_table() {
  line(json::serialize(json::object{{"table_end", table_}, {"rows", table_rows_}}));
  ++tables_;
  rows_ += table_rows_;
}

void BackupWriter::finish() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&file_->sha, digest);
  std::string trailer =
      json::serialize(json::object{{"end", json::object{{"tables", tables_}, {"rows", rows_}}},
                                   {"sha256", hex(digest, sizeof digest)}}) +
      "\n";
  bool ok = gzwrite(file_->gz, trailer.data(), static_cast<unsigned>(trailer.size())) > 0;
  ok = gzclose(file_->gz) == Z_OK && ok;
  file_->gz = nullptr;
  ok = ok && ::fsync(file_->fd) == 0;
  ::close(file_->fd);
  file_->fd = -1;
  if (!ok) {
    std::filesystem::remove(partial_);
    throw std::runtime_error("writing " + partial_.string() + " failed (is the disk full?)");
  }
  std::filesystem::rename(partial_, path_);
}

// Owns the gzFile, so a constructor that throws after opening still closes it.
struct BackupReader::File {
  File() = default;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (gz != nullptr) gzclose(gz);
  }
  gzFile gz = nullptr;
  std::string buffer;
  std::size_t pos = 0;
  bool eof = false;
  crypto_hash_sha256_state sha{};
};

BackupReader::BackupReader(const std::filesystem::path& path) : file_(std::make_unique<File>()) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw BackupError(sys_error("cannot open", path));
  file_->gz = gzdopen(fd, "rb");
  if (file_->gz == nullptr) {
    ::close(fd);
    throw BackupError("cannot read " + path.string());
  }
  gzbuffer(file_->gz, kReadChunk);
  crypto_hash_sha256_init(&file_->sha);

  std::string first;
  if (!read_line(first)) throw BackupError(path.string() + " is empty: not a PRISM backup");
  boost::system::error_code ec;
  auto v = json::parse(first, ec);
  const json::object* h = ec ? nullptr : v.if_object();
  const json::value* format = h ? h->if_contains("format") : nullptr;
  if (!format || !format->is_string() || format->get_string() != kBackupFormat) {
    throw BackupError(path.string() + " is not a PRISM backup (made by `prism backup`)");
  }
  auto number = [&](std::string_view key) -> std::int64_t {
    const json::value* x = h->if_contains(key);
    if (!x || !x->is_int64()) damaged("the header has no " + std::string(key));
    return x->get_int64();
  };
  header_.format_version = static_cast<int>(number("format_version"));
  if (header_.format_version > kBackupFormatVersion || header_.format_version < 1) {
    throw BackupError(path.string() + " is in backup format " +
                      std::to_string(header_.format_version) +
                      ", made by a newer PRISM; this "
                      "prism reads format " +
                      std::to_string(kBackupFormatVersion) + ": upgrade prism to restore it");
  }
  header_.schema_version = static_cast<int>(number("schema_version"));
  header_.created_at = number("created_at");
  const json::value* source = h->if_contains("source");
  const json::value* version = h->if_contains("prism_version");
  if (!source || !source->is_string() || !version || !version->is_string()) {
    damaged("the header has no source or prism_version");
  }
  header_.source = std::string(source->get_string());
  header_.prism_version = std::string(version->get_string());
  crypto_hash_sha256_update(&file_->sha, reinterpret_cast<const unsigned char*>(first.data()),
                            first.size());
  crypto_hash_sha256_update(&file_->sha, reinterpret_cast<const unsigned char*>("\n"), 1);
}

BackupReader::~BackupReader() = default;

void BackupReader::damaged(const std::string& why) const {
  throw BackupError("the backup is damaged or incomplete (line " + std::to_string(line_no_) +
                    "): " + why + "; nothing was restored");
}

bool BackupReader::read_line(std::string& out) {
  auto& f = *file_;
  for (;;) {
    auto nl = f.buffer.find('\n', f.pos);
    if (nl != std::string::npos) {
      out.assign(f.buffer, f.pos, nl - f.pos);
      f.pos = nl + 1;
      ++line_no_;
      return true;
    }
    if (f.buffer.size() - f.pos > kMaxLine) damaged("a line is longer than 64 MiB");
    if (f.eof) {
      if (f.pos < f.buffer.size()) damaged("the file ends in the middle of a line");
      return false;
    }
    f.buffer.erase(0, f.pos);
    f.pos = 0;
    std::size_t had = f.buffer.size();
    f.buffer.resize(had + kReadChunk);
    int n = gzread(f.gz, f.buffer.data() + had, static_cast<unsigned>(kReadChunk));
    int err = Z_OK;
    const char* why = n < 0 ? gzerror(f.gz, &err) : nullptr;
    if (n < 0) damaged(std::string("cannot decompress: ") + (why ? why : "unknown error"));
    f.buffer.resize(had + static_cast<std::size_t>(n));
    if (n == 0) {
      gzerror(f.gz, &err);
      if (err != Z_OK && err != Z_STREAM_END) damaged("the compressed data is cut short");
      f.eof = true;
    }
  }
}

BackupReader::Item BackupReader::next() {
  if (ended_) throw std::logic_error("BackupReader::next after the end");
  std::string text;
  if (!read_line(text)) damaged("the file ends before its last line (was it cut short?)");
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) damaged("a line is not JSON");
  Item item;
  if (const json::object* o = v.if_object(); o && o->contains("end")) {
    if (in_table_) damaged("table " + table_ + " does not end");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&file_->sha, digest);
    const json::value* sum = o->if_contains("sha256");
    if (!sum || !sum->is_string() || sum->get_string() != hex(digest, sizeof digest)) {
      damaged("the checksum does not match its contents");
    }
    const json::object* end = o->at("end").if_object();
    const json::value* tables = end ? end->if_contains("tables") : nullptr;
    const json::value* rows = end ? end->if_contains("rows") : nullptr;
    if (!tables || !rows || !tables->is_int64() || !rows->is_int64() ||
        tables->get_int64() != tables_ || rows->get_int64() != rows_) {
      damaged("its last line does not count what it holds");
    }
    std::string more;
    if (read_line(more)) damaged("there is data after its last line");
    ended_ = true;
    item.rows = rows_;
    return item;
  }
  crypto_hash_sha256_update(&file_->sha, reinterpret_cast<const unsigned char*>(text.data()),
                            text.size());
  crypto_hash_sha256_update(&file_->sha, reinterpret_cast<const unsigned char*>("\n"), 1);

  if (json::array* row = v.if_array()) {
    if (!in_table_) damaged("a row outside a table");
    if (row->size() != columns_) damaged("a row of " + table_ + " has the wrong number of values");
    item.kind = Item::Kind::kRow;
    item.table = table_;
    item.values.reserve(row->size());
    for (auto& x : *row) {
      if (x.is_null()) {
        item.values.emplace_back(nullptr);
      } else if (x.is_int64()) {
        item.values.emplace_back(x.get_int64());
      } else if (x.is_double()) {
        item.values.emplace_back(x.get_double());
      } else if (x.is_string()) {
        item.values.emplace_back(std::string(x.get_string()));
      } else {
        damaged("a row of " + table_ + " holds a value of an unknown type");
      }
    }
    ++table_rows_;
    return item;
  }
  const json::object* o = v.if_object();
  if (!o) damaged("a line is neither a row nor a table marker");
  if (const json::value* name = o->if_contains("table")) {
    const json::value* cols = o->if_contains("columns");
    if (in_table_) damaged("table " + table_ + " does not end");
    if (!name->is_string() || name->get_string().empty() || !cols || !cols->is_array() ||
        cols->get_array().empty()) {
      damaged("a table has no name or columns");
    }
    item.kind = Item::Kind::kTable;
    item.table = std::string(name->get_string());
    for (const auto& c : cols->get_array()) {
      if (!c.is_string()) damaged("a column name is not a string");
      item.columns.emplace_back(c.get_string());
    }
    in_table_ = true;
    table_ = item.table;
    columns_ = item.columns.size();
    table_rows_ = 0;
    return item;
  }
  if (const json::value* name = o->if_contains("table_end")) {
    const json::value* rows = o->if_contains("rows");
    if (!in_table_ || !name->is_string() || name->get_string() != table_) {
      damaged("a table ends that did not begin");
    }
    if (!rows || !rows->is_int64() || rows->get_int64() != table_rows_) {
      damaged("table " + table_ + " has " + std::to_string(table_rows_) +
              " rows, not the number its end names");
    }
    item.kind = Item::Kind::kTableEnd;
    item.table = table_;
    item.rows = table_rows_;
    in_table_ = false;
    ++tables_;
    rows_ += table_rows_;
    return item;
  }
  damaged("a line is neither a row nor a table marker");
}

}  // namespace prism::services::operations
