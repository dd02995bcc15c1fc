#include "store/stories_store.hpp"

#include "core/json.hpp"

namespace prism::store::stories {

namespace {

std::string s(std::string_view v) { return std::string(v); }

std::string criteria_text(const std::vector<std::string>& criteria) {
  json::array arr;
  for (const auto& c : criteria) arr.emplace_back(c);
  return json::serialize(arr);
}

// The column is written only by insert/update above, but a hand-edited row
// must not take the server down: anything unreadable reads as no criteria.
std::vector<std::string> criteria_from(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

Story story_from(const Row& r) {
  Story out;
  out.id = r.str(0);
  out.org_id = r.str(1);
  out.project_id = r.str(2);
  out.document_id = r.opt_str(3);
  out.generation_id = r.opt_str(4);
  out.title = r.str(5);
  out.as_a = r.str(6);
  out.i_want = r.str(7);
  out.so_that = r.str(8);
  out.acceptance_criteria = criteria_from(r.str(9));
  out.points = r.opt_i64(10);
  out.priority = r.str(11);
  out.status = r.str(12);
  out.requirement_ref = r.opt_str(13);
  out.created_by = r.str(14);
  out.created_at = r.i64(15);
  out.updated_at = r.i64(16);
  out.number = r.i64(17);
  out.project_key = r.str(18);
  return out;
}

// A LIKE pattern matching any text that contains `text` (ESCAPE '\' in the SQL).
std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace

// The row lock this UPDATE takes on PostgreSQL makes a concurrent creator
// wait for this transaction and then read the counter it committed.
constexpr std::string_view kTakeNumber =
    "UPDATE projects SET story_counter = story_counter + 1 WHERE id = ?1"
    " RETURNING story_counter, key";

std::optional<TakenNumber> take_number(Tx& tx, std::string_view project_id) {
  return tx.query_one_as(kTakeNumber, {s(project_id)}, [](const Row& r) {
    return TakenNumber{r.i64(0), r.str(1)};
  });
}

constexpr std::string_view kInsert =
    "INSERT INTO stories (id, org_id, project_id, document_id, generation_id, title, as_a, i_want,"
    " so_that, acceptance_criteria, points, priority, status, requirement_ref, created_by,"
    " created_at, updated_at, number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15, ?16, ?17, ?18)";

void insert(Tx& tx, const Story& st) {
  tx.exec(kInsert, {st.id, st.org_id, st.project_id, opt(st.document_id), opt(st.generation_id),
                    st.title, st.as_a, st.i_want, st.so_that, criteria_text(st.acceptance_criteria),
                    opt(st.points), st.priority, st.status, opt(st.requirement_ref), st.created_by,
                    st.created_at, st.updated_at, st.number});
}

constexpr std::string_view kFind =
    "SELECT s.id, s.org_id, s.project_id, s.document_id, s.generation_id, s.title, s.as_a,"
    " s.i_want, s.so_that, s.acceptance_criteria, s.points, s.priority, s.status,"
    " s.requirement_ref, s.created_by, s.created_at, s.updated_at, s.number, p.key FROM stories s"
    " JOIN projects p ON p.id = s.project_id AND p.deleted_at IS NULL"
    " JOIN organizations o ON o.id = s.org_id AND o.deleted_at IS NULL"
    " WHERE s.id = ?1 AND s.deleted_at IS NULL";

std::optional<Story> find(Tx& tx, std::string_view id) {
  return tx.query_one_as(kFind, {s(id)}, story_from);
}

constexpr std::string_view kList =
    "SELECT s.id, s.org_id, s.project_id, s.document_id, s.generation_id, s.title, s.as_a,"
    " s.i_want, s.so_that, s.acceptance_criteria, s.points, s.priority, s.status,"
    " s.requirement_ref, s.created_by, s.created_at, s.updated_at, s.number, p.key FROM stories s"
    " JOIN projects p ON p.id = s.project_id"
    " WHERE s.project_id = ?1 AND s.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR s.status = ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR s.document_id = ?3) AND (CAST(?4 AS TEXT) IS NULL OR s.priority = ?4)"
    " AND (CAST(?5 AS TEXT) IS NULL OR s.id > ?5) AND (CAST(?7 AS BIGINT) IS NULL OR s.number = ?7)"
    " AND (CAST(?8 AS TEXT) IS NULL OR LOWER(s.title) LIKE LOWER(?8) ESCAPE '\\'"
    " OR s.number = ?9) ORDER BY s.id LIMIT ?6";

std::vector<Story> list(Tx& tx, const ListFilter& f) {
  std::vector<Story> out;
  std::optional<std::string> pattern;
  if (f.text) pattern = contains_pattern(*f.text);
  for (const auto& row : tx.query(kList, {f.project_id, opt(f.status), opt(f.document_id),
                                          opt(f.priority), opt(f.after_id), std::int64_t{f.limit},
                                          opt(f.number), opt(pattern), opt(f.text_number)})) {
    out.push_back(story_from(row));
  }
  return out;
}

constexpr std::string_view kUpdate =
    "UPDATE stories SET document_id = ?2, title = ?3, as_a = ?4, i_want = ?5, so_that = ?6,"
    " acceptance_criteria = ?7, points = ?8, priority = ?9, status = ?10, requirement_ref = ?11,"
    " updated_at = ?12 WHERE id = ?1 AND deleted_at IS NULL";

void update(Tx& tx, const Story& st) {
  tx.exec(kUpdate, {st.id, opt(st.document_id), st.title, st.as_a, st.i_want, st.so_that,
                    criteria_text(st.acceptance_criteria), opt(st.points), st.priority, st.status,
                    opt(st.requirement_ref), st.updated_at});
}

constexpr std::string_view kSoftDelete =
    "UPDATE stories SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL";

bool soft_delete(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec(kSoftDelete, {s(id), now}) > 0;
}

constexpr std::string_view kRequirementCounts =
    "SELECT requirement_ref, COUNT(*) FROM stories WHERE document_id = ?1 AND deleted_at IS NULL"
    " AND requirement_ref IS NOT NULL GROUP BY requirement_ref";

std::map<std::string, std::int64_t> requirement_counts(Tx& tx, std::string_view document_id) {
  std::map<std::string, std::int64_t> out;
  for (const auto& row : tx.query(kRequirementCounts, {s(document_id)})) {
    out[row.str(0)] = row.i64(1);
  }
  return out;
}

std::set<std::string> covered_requirements(Tx& tx, std::string_view document_id) {
  std::set<std::string> out;
  for (const auto& [ref, count] : requirement_counts(tx, document_id)) {
    if (count > 0) out.insert(ref);
  }
  return out;
}

}  // namespace prism::store::stories
