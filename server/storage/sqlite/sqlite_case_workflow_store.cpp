#include "server/storage/sqlite/sqlite_repositories.hpp"

#include "core/common/errors.hpp"
#include "server/cases/case_workflow.hpp"

// The caseworkers' side of SqliteCaseStore: state transitions, events, supplements, result documents and the
// work lists. The lifecycle rules are server/cases/case_workflow's; here they are applied inside one transaction,
// so the check and the change can never be separated by another request.
namespace wb::server {

std::string_view case_workflow_tables_v1() {
  return R"SQL(
ALTER TABLE case_results ADD COLUMN department TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_submission ON cases (submitted_at, id);
CREATE INDEX cases_open_by_due ON cases (due_date) WHERE completed_at IS NULL;
CREATE INDEX case_departments_by_department ON case_departments (department, state);
)SQL";
}

namespace {

using nlohmann::json;

CaseState state_of(const std::string& text) { return parse_case_state(text).value_or(CaseState::Submitted); }

[[noreturn]] void case_not_found() {
  throw Error(ErrorCode::ProtoNotFound, {{"what", "case"}, {"what_zh", "该办件"}});
}

// In the form's order, as the applicants' reads list them.
constexpr const char* kDepartmentsOfCase =
    "SELECT department, role, state, updated_at FROM case_departments WHERE case_id = ?1 "
    "ORDER BY position, department";

std::vector<DepartmentStatus> departments_of(store::Database& db, const std::string& case_id) {
  auto& st = db.cached(kDepartmentsOfCase);
  st.bind(1, case_id);
  std::vector<DepartmentStatus> out;
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), state_of(st.column_text(2)), st.column_int(3)});
  return out;
}

struct CaseHead {
  std::string account_id;
  CaseState state = CaseState::Submitted;
};

CaseHead head_of(store::Database& db, const std::string& case_id) {
  auto& st = db.cached("SELECT account_id, state FROM cases WHERE id = ?1");
  st.bind(1, case_id);
  if (!st.step()) case_not_found();
  CaseHead head{st.column_text(0), state_of(st.column_text(1))};
  st.reset();
  return head;
}

CaseEvent append_event(store::Database& db, const std::string& case_id, const std::string& account_id,
                       std::int64_t now, const std::string& kind, CaseState state, const std::string& department,
                       const json& detail) {
  db.cached("INSERT INTO case_events (case_id, account_id, at, kind, state, department, detail) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, case_id).bind(2, account_id).bind(3, now).bind(4, kind)
      .bind(5, std::string(case_state_name(state))).bind(6, department).bind(7, detail.dump())
      .run();
  CaseEvent e;
  e.seq = db.last_insert_rowid();
  e.case_id = case_id;
  e.account_id = account_id;
  e.at = now;
  e.kind = kind;
  e.state = state;
  e.department = department;
  e.detail = detail;
  return e;
}

// Plans the move with the workflow's rules, applies it and appends its event; inside the caller's transaction.
// With no department named, the event names the one department that moved (if only one did) and lists every moved
// department in detail.departments.
CaseEvent apply_transition(store::Database& db, const std::string& case_id, const std::string& department,
                           CaseState to, const std::string& kind, json detail, std::int64_t now) {
  CaseHead head = head_of(db, case_id);
  auto plan = plan_transition(head.state, departments_of(db, case_id), department, to, trigger_of_event_kind(kind), now);
  std::string state_name(case_state_name(to));
  for (const auto& moved : plan.moved)
    db.cached("UPDATE case_departments SET state = ?3, updated_at = ?4 WHERE case_id = ?1 AND department = ?2")
        .bind(1, case_id).bind(2, moved).bind(3, state_name).bind(4, now).run();
  // completed_at is set once, when the case first reaches a terminal state.
  auto& update = db.cached(
      "UPDATE cases SET state = ?2, updated_at = ?3, completed_at = COALESCE(completed_at, ?4) WHERE id = ?1");
  update.bind(1, case_id).bind(2, std::string(case_state_name(plan.case_state))).bind(3, now);
  if (plan.completes) update.bind(4, now);
  else update.bind_null(4);
  update.run();
  std::string event_department = department;
  if (department.empty()) {
    if (!detail.is_object()) detail = json::object();
    detail["departments"] = plan.moved;
    if (plan.moved.size() == 1) event_department = plan.moved.front();
  }
  return append_event(db, case_id, head.account_id, now, kind, plan.case_state, event_department, detail);
}

constexpr const char* kResultColumns =
    "SELECT id, case_id, name, media_type, sha256, size, created_at, department FROM case_results ";

void insert_result(store::Database& db, const CaseStore::ResultDocument& doc, const std::string& bytes) {
  db.cached("INSERT INTO case_results (id, case_id, name, media_type, sha256, size, bytes, created_at, department) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, doc.id).bind(2, doc.case_id).bind(3, doc.name).bind(4, doc.media_type).bind(5, doc.sha256)
      .bind(6, static_cast<std::int64_t>(bytes.size())).bind_blob(7, bytes).bind(8, doc.created_at)
      .bind(9, doc.department)
      .run();
}

}  // namespace

CaseEvent SqliteCaseStore::record_transition(const std::string& case_id, const std::string& department, CaseState to,
                                             const std::string& kind, const json& detail, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto event = apply_transition(db, case_id, department, to, kind, detail, now);
    tx.commit();
    return event;
  });
}

CaseEvent SqliteCaseStore::record_event(const std::string& case_id, const std::string& kind, const json& detail,
                                        std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    CaseHead head = head_of(db, case_id);
    auto event = append_event(db, case_id, head.account_id, now, kind, head.state, "", detail);
    tx.commit();
    return event;
  });
}

void SqliteCaseStore::set_case_data(const std::string& case_id, const json& data, const json& attachments,
                                    std::int64_t now) {
  conn_.locked([&](store::Database& db) {
    db.cached("UPDATE cases SET data = ?2, attachments = ?3, updated_at = ?4 WHERE id = ?1")
        .bind(1, case_id).bind(2, data.dump()).bind(3, attachments.dump()).bind(4, now).run();
    if (db.changes() != 1) case_not_found();
  });
}

CaseEvent SqliteCaseStore::provide_supplement(const std::string& case_id, const json& data, const json& attachments,
                                              const json& detail, std::int64_t now) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    // The transition first: it refuses (and nothing is written) unless a department is waiting for a supplement.
    auto event = apply_transition(db, case_id, "", CaseState::InReview, "supplement_provided", detail, now);
    db.cached("UPDATE cases SET data = ?2, attachments = ?3, updated_at = ?4 WHERE id = ?1")
        .bind(1, case_id).bind(2, data.dump()).bind(3, attachments.dump()).bind(4, now).run();
    tx.commit();
    return event;
  });
}

void SqliteCaseStore::add_result(const ResultDocument& doc, const std::string& bytes) {
  conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    head_of(db, doc.case_id);  // the case must exist
    insert_result(db, doc, bytes);
    tx.commit();
  });
}

CaseEvent SqliteCaseStore::publish_result(const ResultDocument& doc, const std::string& bytes, const json& detail) {
  return conn_.locked([&](store::Database& db) {
    store::Transaction tx(db);
    auto event = apply_transition(db, doc.case_id, doc.department, CaseState::ResultAvailable, "result", detail,
                                  doc.created_at);
    insert_result(db, doc, bytes);
    tx.commit();
    return event;
  });
}

std::vector<CaseStore::ResultDocument> SqliteCaseStore::results(const std::string& case_id) {
  return conn_.locked([&](store::Database& db) {
    auto st = db.prepare(std::string(kResultColumns) + "WHERE case_id = ?1 ORDER BY created_at, id");
    st.bind(1, case_id);
    std::vector<ResultDocument> out;
    while (st.step()) {
      ResultDocument d;
      d.id = st.column_text(0);
      d.case_id = st.column_text(1);
      d.name = st.column_text(2);
      d.media_type = st.column_text(3);
      d.sha256 = st.column_text(4);
      d.size = st.column_int(5);
      d.created_at = st.column_int(6);
      d.department = st.column_text(7);
      out.push_back(std::move(d));
    }
    return out;
  });
}

std::optional<std::string> SqliteCaseStore::result_bytes(const std::string& case_id, const std::string& result_id) {
  return conn_.locked([&](store::Database& db) -> std::optional<std::string> {
    auto st = db.prepare("SELECT bytes FROM case_results WHERE case_id = ?1 AND id = ?2");
    st.bind(1, case_id).bind(2, result_id);
    if (!st.step()) return std::nullopt;
    return st.column_blob(0);
  });
}

std::vector<CaseRecord> SqliteCaseStore::find_cases(const CaseQuery& q) {
  return conn_.locked([&](store::Database& db) {
    auto& st = db.cached(
        "SELECT c.id, c.acceptance_number, c.account_id, c.item_id, c.form_version, c.idempotency_key, c.state, "
        "c.submitted_at, c.updated_at, c.due_date, c.completed_at FROM cases c WHERE "
        "(?2 = '' OR EXISTS (SELECT 1 FROM case_departments d WHERE d.case_id = c.id AND d.department = ?2 "
        "  AND (?1 IS NULL OR d.state = ?1))) "
        "AND (?2 <> '' OR ?1 IS NULL OR c.state = ?1) "
        "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM case_departments d WHERE d.case_id = c.id "
        "  AND d.department IN (SELECT value FROM json_each(?3)))) "
        "AND (?4 = '' OR c.item_id = ?4) "
        "AND (?5 IS NULL OR ((c.completed_at IS NULL AND c.due_date < ?9) = ?5)) "
        "AND (?6 IS NULL OR c.submitted_at > ?6 OR (c.submitted_at = ?6 AND c.id > ?7)) "
        "ORDER BY c.submitted_at, c.id LIMIT ?8");
    if (q.state) st.bind(1, std::string(case_state_name(*q.state)));
    else st.bind_null(1);
    st.bind(2, q.department);
    if (q.within_departments.empty()) st.bind_null(3);
    else st.bind(3, json(q.within_departments).dump());
    st.bind(4, q.item_id);
    if (q.overdue) st.bind(5, *q.overdue ? 1 : 0);
    else st.bind_null(5);
    st.bind(9, q.overdue_before);
    if (q.after) st.bind(6, q.after->first).bind(7, q.after->second);
    else st.bind_null(6).bind(7, "");
    st.bind(8, q.limit > 0 ? q.limit : -1);
    std::vector<CaseRecord> out;
    while (st.step()) {
      CaseRecord c;
      c.id = st.column_text(0);
      c.acceptance_number = st.column_text(1);
      c.account_id = st.column_text(2);
      c.item_id = st.column_text(3);
      c.form_version = static_cast<int>(st.column_int(4));
      c.idempotency_key = st.column_text(5);
      c.data = nullptr;
      c.attachments = nullptr;
      c.state = state_of(st.column_text(6));
      c.submitted_at = st.column_int(7);
      c.updated_at = st.column_int(8);
      c.due_date = st.column_text(9);
      if (!st.column_is_null(10)) c.completed_at = st.column_int(10);
      out.push_back(std::move(c));
    }
    for (auto& c : out) c.departments = departments_of(db, c.id);
    return out;
  });
}

}  // namespace wb::server
