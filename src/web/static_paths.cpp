#include "web/static_paths.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "core/text.hpp"
#include "http/router.hpp"

namespace prism::web {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The q-value of one Accept-Encoding element ("br;q=0.5"); 1 when absent,
// 0 when unreadable, so a garbled element never enables an encoding.
double q_value(std::string_view params) {
  while (!params.empty()) {
    auto semi = params.find(';');
    std::string_view param = trim_blanks(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || std::tolower(static_cast<unsigned char>(param[0])) != 'q' ||
        param[1] != '=')
      continue;
    param.remove_prefix(2);
    double q = 0;
    auto [ptr, ec] = std::from_chars(param.data(), param.data() + param.size(), q);
    if (ec != std::errc{} || ptr != param.data() + param.size() || q < 0 || q > 1) return 0;
    return q;
  }
  return 1;
}

std::string_view opaque_tag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

std::optional<std::string> decode_site_path(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
  std::string out;
  out.reserve(raw_path.size());
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    char c = raw_path[i];
    if (c == '%') {
      if (i + 2 >= raw_path.size()) return std::nullopt;
      int hi = hex_value(raw_path[i + 1]);
      int lo = hex_value(raw_path[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
    out.push_back(c);
  }
  for (auto segment : http::split_path(out)) {
    if (segment == "." || segment == "..") return std::nullopt;
  }
  return out;
}

Encoding choose_encoding(std::string_view accept_encoding, bool has_gzip, bool has_brotli) {
  std::optional<double> br, gzip, any;
  while (!accept_encoding.empty()) {
    auto comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    auto semi = element.find(';');
    std::string_view coding = trim_blanks(element.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : q_value(element.substr(semi + 1));
    if (ascii_iequals(coding, "br"))
      br = q;
    else if (ascii_iequals(coding, "gzip") || ascii_iequals(coding, "x-gzip"))
      gzip = q;
    else if (coding == "*")
      any = q;
  }
  double q_br = has_brotli ? br.value_or(any.value_or(0)) : 0;
  double q_gzip = has_gzip ? gzip.value_or(any.value_or(0)) : 0;
  if (q_br > 0 && q_br >= q_gzip) return Encoding::kBrotli;
  if (q_gzip > 0) return Encoding::kGzip;
  return Encoding::kIdentity;
}

bool none_match_hits(std::string_view if_none_match, std::string_view etag) {
  if (trim_blanks(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view tag = trim_blanks(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (!tag.empty() && opaque_tag(tag) == opaque_tag(etag)) return true;
  }
  return false;
}

std::string_view content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".csv", "text/csv; charset=utf-8"},
  }};
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string_view ext = path.substr(dot);
  for (const auto& [known, type] : kTypes) {
    if (ascii_iequals(ext, known)) return type;
  }
  return "application/octet-stream";
}

std::string_view cache_control_for(std::string_view path) {
  return path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
}

}  // namespace prism::web
