#include "api/documents_json.hpp"

#include "core/clock.hpp"
#include "docs/sections.hpp"

namespace prism::api {

json::object document_summary_json(const store::documents::Document& d, json::storage_ptr sp) {
  return json::object(
      {{"id", d.id},
       {"org_id", d.org_id},
       {"project_id", d.project_id},
       {"title", d.title},
       {"status", d.status},
       {"template", d.template_name.empty() ? json::value(nullptr) : json::value(d.template_name)},
       {"version", d.current_version},
       {"created_by", d.created_by},
       {"created_at", rfc3339_ms(d.created_at)},
       {"updated_at", rfc3339_ms(d.updated_at)}},
      std::move(sp));
}

namespace {

// `"content":…,"sections":[…]`: what a document's JSON takes from its version.
std::string content_and_sections(const std::string& content) {
  json::array sections;
  for (const auto& sec : docs::parse_sections(content)) {
    sections.push_back(json::object{{"title", sec.title},
                                    {"slug", sec.slug},
                                    {"start_line", sec.start_line},
                                    {"end_line", sec.end_line}});
  }
  std::string out = "\"content\":";
  out += json::serialize(json::string_view(content));
  out += ",\"sections\":";
  out += json::serialize(sections);
  return out;
}

}  // namespace

std::string document_json(const services::DocumentState& s, VersionTextCache& cache) {
  auto fields = cache.get(s.version.document_id, s.version.version,
                          [&] { return content_and_sections(s.version.content); });
  // The two small objects are built in a buffer on the stack: no allocation
  // for their keys and values on a read that happens thousands of times a second.
  unsigned char buffer[4096];
  json::monotonic_resource arena(buffer, sizeof buffer);
  std::string summary = json::serialize(document_summary_json(s.document, &arena));
  std::string change = json::serialize(version_json(s.version, false, &arena));
  std::string out;
  out.reserve(summary.size() + fields->size() + change.size() + 32);
  out.append(summary, 0, summary.size() - 1);  // without the closing brace: the object goes on
  out += ',';
  out += *fields;
  out += ",\"last_change\":";
  out += change;
  out += '}';
  return out;
}

json::object version_json(const store::documents::Version& v, bool with_content,
                          json::storage_ptr sp) {
  auto or_null = [](const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
  };
  json::object out(
      {{"version", v.version},
       {"title", v.title},
       {"author", or_null(v.author_id)},
       {"author_name", v.author_id ? json::value(v.author_name) : json::value(nullptr)},
       {"source", v.source},
       {"generation_id", or_null(v.generation_id)},
       {"created_at", rfc3339_ms(v.created_at)},
       {"summary", v.summary}},
      std::move(sp));
  if (with_content) {
    out["document_id"] = v.document_id;
    out["content"] = v.content;
  }
  return out;
}

json::object diff_json(const services::VersionDiff& d) {
  json::array sections;
  for (const auto& c : d.diff.sections) {
    sections.push_back(json::object{{"section", c.section},
                                    {"change", c.change},
                                    {"lines_added", c.lines_added},
                                    {"lines_removed", c.lines_removed}});
  }
  return json::object{{"from", d.from},
                      {"to", d.to},
                      {"unified", d.diff.unified},
                      {"lines_added", d.diff.lines_added},
                      {"lines_removed", d.diff.lines_removed},
                      {"sections", std::move(sections)}};
}

json::object share_json(const store::shares::Share& s) {
  return json::object{{"id", s.id},
                      {"document_id", s.document_id},
                      {"created_by", s.created_by},
                      {"created_at", rfc3339_ms(s.created_at)},
                      {"expires_at", rfc3339_ms(s.expires_at)}};
}

json::object shared_document_json(const services::SharedDocument& s) {
  return json::object{{"title", s.title},
                      {"content", s.content},
                      {"html", *s.html},
                      {"version", s.version},
                      {"updated_at", rfc3339_ms(s.updated_at)},
                      {"expires_at", rfc3339_ms(s.expires_at)}};
}

}  // namespace prism::api
