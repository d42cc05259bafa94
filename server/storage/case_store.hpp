#pragma once
// Submissions (idempotency), cases, their per-department statuses, the changes feed, result documents and
// supplement requests. Every method is one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wb::server {

// The lifecycle of a case (and of each department's part in it):
// submitted → accepted → in_review → supplement_requested → (in_review …) → approved | rejected → result_available
enum class CaseState { Submitted, Accepted, InReview, SupplementRequested, Approved, Rejected, ResultAvailable };
std::string_view case_state_name(CaseState state);  // "submitted", "accepted", "in_review", ...
std::optional<CaseState> parse_case_state(std::string_view name);

struct Receipt {
  std::string case_id;
  std::string acceptance_number;  // 受理编号, printed for the citizen: "WB" + yyyymmdd + 6-digit serial
  std::int64_t received_at = 0;   // ms since epoch
  nlohmann::json to_json() const;
};

struct DepartmentStatus {
  std::string department;  // department id from the form
  std::string role;        // "lead" | "parallel"
  CaseState state = CaseState::Submitted;
  std::int64_t updated_at = 0;
};

struct CaseRecord {
  std::string id;
  std::string acceptance_number;
  std::string account_id;
  std::string item_id;
  int form_version = 0;
  std::string idempotency_key;
  nlohmann::json data;         // the submitted (effective) data
  nlohmann::json attachments;  // [{sha256, name, size, mediaType}]
  CaseState state = CaseState::Submitted;  // the case as a whole (derived from the departments' states)
  std::int64_t submitted_at = 0;
  std::int64_t updated_at = 0;
  std::string due_date;        // "YYYY-MM-DD": the promised time limit in working days (supervision)
  std::optional<std::int64_t> completed_at;
  std::vector<DepartmentStatus> departments;
};

// One entry of the changes feed (and of a case's timeline). `seq` is global and increasing: the feed's cursor.
struct CaseEvent {
  std::int64_t seq = 0;
  std::string case_id;
  std::string account_id;
  std::int64_t at = 0;
  std::string kind;        // "submitted", "status", "supplement_requested", "supplement_provided", "result", "rated"
  CaseState state = CaseState::Submitted;  // the case's state after the event
  std::string department;  // "" when about the whole case
  nlohmann::json detail = nlohmann::json::object();  // e.g. {"note": …, "missing": [...]} for a supplement request
};

struct NewCase {
  std::string id;
  std::string item_id;
  int form_version = 0;
  nlohmann::json data;
  nlohmann::json attachments;
  std::string due_date;
  std::vector<DepartmentStatus> departments;  // all in state submitted
};

enum class BeginOutcome { Started, Done, InProgress, KeyReused };
struct BeginResult {
  BeginOutcome outcome = BeginOutcome::Started;
  std::optional<Receipt> receipt;  // when Done
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // --- idempotent submission: begin (claims the key) → complete (creates the case, same transaction as the
  // receipt) or abandon (validation failed: the key is released).
  virtual BeginResult begin_submission(const std::string& account_id, const std::string& key,
                                       const std::string& payload_sha256, std::int64_t now) = 0;
  virtual Receipt complete_submission(const std::string& account_id, const std::string& key, const NewCase& c,
                                      std::int64_t now) = 0;
  virtual void abandon_submission(const std::string& account_id, const std::string& key) = 0;
  // The same for several submissions of one account (POST /v1/submissions/batch), each call one transaction: the
  // claims together, then every case of the batch with its receipt in one commit (group commit), then the release
  // of the refused ones. Results in the order of the input.
  struct Claim {
    std::string key;
    std::string payload_sha256;
  };
  virtual std::vector<BeginResult> begin_submissions(const std::string& account_id, const std::vector<Claim>& claims,
                                                     std::int64_t now) = 0;
  virtual std::vector<Receipt> complete_submissions(const std::string& account_id,
                                                    const std::vector<std::pair<std::string, NewCase>>& cases,
                                                    std::int64_t now) = 0;
  virtual void abandon_submissions(const std::string& account_id, const std::vector<std::string>& keys) = 0;
  // At start-up: claims left "processing" by a crash are released (no case was created for them).
  virtual void release_stale_claims() = 0;
  // Keys older than `before` are forgotten (kept ≥ 30 days by the caller's choice of `before`).
  virtual void purge_keys(std::int64_t before) = 0;

  // --- reading
  virtual std::optional<CaseRecord> get_case(const std::string& case_id) = 0;
  virtual std::vector<CaseRecord> cases_of(const std::string& account_id) = 0;  // newest first
  // One page of an account's cases, newest first (by submission time, then id): those after `after` (the last
  // case of the previous page; nullopt for the first page), at most `limit`.
  struct CasePosition {
    std::int64_t submitted_at = 0;
    std::string case_id;
  };
  virtual std::vector<CaseRecord> cases_page(const std::string& account_id, const std::optional<CasePosition>& after,
                                             int limit) = 0;
  virtual std::vector<CaseRecord> all_cases() = 0;
  virtual std::vector<CaseEvent> timeline(const std::string& case_id) = 0;
  // The changes feed of one account: events with seq > cursor, oldest first, at most `limit`.
  virtual std::vector<CaseEvent> events_since(const std::string& account_id, std::int64_t cursor, int limit) = 0;

  // --- the caseworkers' side: moves one department's status (or the whole case when department is empty) and
  // appends the event, atomically. Validity of the transition is the workflow's business (server/cases).
  virtual CaseEvent record_transition(const std::string& case_id, const std::string& department, CaseState to,
                                      const std::string& kind, const nlohmann::json& detail, std::int64_t now) = 0;
  // Appends an event that does not change states (e.g. supplement provided, rated).
  virtual CaseEvent record_event(const std::string& case_id, const std::string& kind, const nlohmann::json& detail,
                                 std::int64_t now) = 0;
  virtual void set_case_data(const std::string& case_id, const nlohmann::json& data,
                             const nlohmann::json& attachments, std::int64_t now) = 0;
  // The applicant's supplement (补正), atomically: the case's data and attachments are replaced, every department
  // that asked goes back to in_review, and one "supplement_provided" event is appended. Throws wb::Error
  // (protocol.not_awaiting_supplement, protocol.case_completed) when no department is waiting for one.
  virtual CaseEvent provide_supplement(const std::string& case_id, const nlohmann::json& data,
                                       const nlohmann::json& attachments, const nlohmann::json& detail,
                                       std::int64_t now) = 0;

  // The caseworkers' work lists and supervision: cases matching the query, oldest first (by submission time,
  // then id), with their departments but without their data and attachments (null).
  struct CaseQuery {
    std::optional<CaseState> state;  // the case's state; the department's own state when `department` is set
    std::string department;          // cases this department takes part in ("" = any)
    std::vector<std::string> within_departments;  // a caseworker's scope: cases involving any of them (empty = all)
    std::string item_id;             // "" = any
    // Overdue means open and due before `overdue_before` ("YYYY-MM-DD": the caller's latest working day up to
    // today). true: only overdue cases; false: only the others; nullopt: no such filter.
    std::optional<bool> overdue;
    std::string overdue_before;
    std::optional<std::pair<std::int64_t, std::string>> after;  // (submitted_at, id) of the previous page's last
    int limit = 0;                   // 0 = no limit
  };
  virtual std::vector<CaseRecord> find_cases(const CaseQuery& query) = 0;

  // --- result documents (结果文书) published by caseworkers
  struct ResultDocument {
    std::string id, case_id, name, media_type, sha256;
    std::int64_t size = 0, created_at = 0;
    std::string department;  // the department that published it ("" = for the case as a whole)
  };
  virtual void add_result(const ResultDocument& doc, const std::string& bytes) = 0;
  // Publishing, atomically: the document is stored, the publishing department (every decided department when
  // doc.department is empty) moves from approved to result_available, and one "result" event is appended with
  // `detail`. Throws wb::Error (protocol.result_not_decided, protocol.unknown_department) and stores nothing when
  // the department(s) have not decided.
  virtual CaseEvent publish_result(const ResultDocument& doc, const std::string& bytes, const nlohmann::json& detail) = 0;
  virtual std::vector<ResultDocument> results(const std::string& case_id) = 0;
  virtual std::optional<std::string> result_bytes(const std::string& case_id, const std::string& result_id) = 0;
};

}  // namespace wb::server
