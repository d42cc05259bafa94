#include "server/cases/submission_service.hpp"

#include <algorithm>
#include <set>

#include "core/common/environment.hpp"
#include "core/common/sha256.hpp"
#include "core/session/draft.hpp"
#include "core/store/submit.hpp"
#include "server/app/server_context.hpp"
#include "server/cases/upload_service.hpp"
#include "server/cases/work_calendar.hpp"
#include "server/http/api_error.hpp"

namespace wb::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kPurgeEveryMs = 3600 * 1000;

[[noreturn]] void bad_request(const std::string& detail) {
  throw ApiError(400, ErrorCode::ProtoBadRequest, {{"detail", detail}});
}

// Releases the claim on the key unless the submission completed (a refusal or any failure on the way).
class ClaimGuard {
 public:
  ClaimGuard(CaseStore& store, std::string account_id, std::string key)
      : store_(store), account_id_(std::move(account_id)), key_(std::move(key)) {}
  ~ClaimGuard() {
    if (armed_) {
      try {
        store_.abandon_submission(account_id_, key_);
      } catch (...) {
        // The claim stays "processing" until the next start-up releases it; nothing else to do here.
      }
    }
  }
  void disarm() { armed_ = false; }
  ClaimGuard(const ClaimGuard&) = delete;
  ClaimGuard& operator=(const ClaimGuard&) = delete;

 private:
  CaseStore& store_;
  std::string account_id_, key_;
  bool armed_ = true;
};

json validation_errors(const std::vector<session::FieldError>& errors, Lang lang) {
  json out = json::array();
  for (const auto& e : errors)
    out.push_back({{"instancePath", e.location},
                   {"code", std::string(error_id(e.code))},
                   {"keyword", e.keyword},
                   {"message", e.message(lang)},
                   {"messages", {{"zh-CN", e.text.get(Lang::ZhCN)}, {"en", e.text.get(Lang::En)}}}});
  return out;
}

void check_audience(const form::FormDefinition& f, const Account& account) {
  auto wanted = account.kind == AccountKind::Enterprise ? form::Audience::Enterprise : form::Audience::Citizen;
  if (form::audience_includes(f.audience, wanted)) return;
  bool enterprise = f.audience == form::Audience::Enterprise;
  throw ApiError(422, ErrorCode::ProtoWrongAudience,
                 {{"audience", enterprise ? "enterprises" : "citizens"}, {"audience_zh", enterprise ? "法人" : "个人"}});
}

}  // namespace

// Every file the data refers to must be one the case already had (`known`: same hash and size) or a complete upload
// of this account, of the size stated, within the limits of the material of the file field it was found under.
void check_attachments(UploadStore& uploads, const std::string& account_id, const json& manifest,
                       const form::FormDefinition& form, const json& known) {
  for (const auto& a : manifest) {
    const auto& sha = a["sha256"];
    std::string name = a["name"].is_string() ? a["name"].get<std::string>() : sha.get<std::string>();
    bool had = known.is_array() && std::any_of(known.begin(), known.end(), [&](const json& b) {
                 return b["sha256"] == sha && b["size"] == a["size"];
               });
    if (had) continue;
    auto blob = uploads.blob(account_id, sha.get<std::string>());
    if (!blob) throw ApiError(422, ErrorCode::ProtoAttachmentMissing, {{"name", name}}, {{"sha256", sha}});
    if (!a["size"].is_number_integer() || a["size"].get<std::int64_t>() != blob->size)
      throw ApiError(422, ErrorCode::ProtoAttachmentMismatch, {{"name", name}}, {{"sha256", sha}, {"size", blob->size}});
    if (a.contains("material"))
      check_material_limits(form.guide.find_material(a["material"].get<std::string>()), name, blob->media_type,
                            blob->size);
  }
}


SubmissionRequest SubmissionRequest::from_json(const json& body) {
  if (!body.is_object()) bad_request("the body must be a JSON object");
  SubmissionRequest r;
  if (!body.contains("itemId") || !body["itemId"].is_string() || body["itemId"].get_ref<const std::string&>().empty())
    bad_request("itemId must be a non-empty string");
  r.item_id = body["itemId"].get<std::string>();
  if (!body.contains("formVersion") || !body["formVersion"].is_number_integer() ||
      body["formVersion"].get<std::int64_t>() < 1 || body["formVersion"].get<std::int64_t>() > (1 << 30))
    bad_request("formVersion must be a positive integer");
  r.form_version = body["formVersion"].get<int>();
  if (!body.contains("data") || !body["data"].is_object()) bad_request("data must be a JSON object");
  r.data = body["data"];
  // The client's manifest is informative only: the server derives the attachments from the data itself.
  if (body.contains("attachments") && !body["attachments"].is_array()) bad_request("attachments must be an array");
  return r;
}

std::string SubmissionRequest::fingerprint() const {
  json canonical = {{"itemId", item_id}, {"formVersion", form_version}, {"data", data}};
  return sha256_hex(canonical.dump());
}

std::vector<BatchEntry> BatchEntry::list_from_json(const json& body, std::size_t max_items) {
  if (!body.is_object() || !body.contains("submissions") || !body["submissions"].is_array())
    bad_request("the body must be {\"submissions\": [...]}");
  const auto& list = body["submissions"];
  if (list.empty()) bad_request("submissions must not be empty");
  if (list.size() > max_items)
    throw ApiError(413, ErrorCode::ProtoBatchTooLarge, {{"limit", std::to_string(max_items)}, {"count", std::to_string(list.size())}});
  std::vector<BatchEntry> out;
  out.reserve(list.size());
  for (const auto& one : list) {
    BatchEntry e;
    try {
      if (!one.is_object()) bad_request("each submission must be a JSON object");
      if (one.contains("idempotencyKey")) e.key = one["idempotencyKey"];
      if (e.key.is_null()) throw ApiError(400, ErrorCode::ProtoIdempotencyKeyMissing);
      if (!e.key.is_string()) throw ApiError(400, ErrorCode::ProtoIdempotencyKeyInvalid);
      SubmissionService::check_key(e.key.get<std::string>());
      json request = one;
      request.erase("idempotencyKey");
      e.request = SubmissionRequest::from_json(request);
    } catch (const ApiError& refused) {
      e.refused = refused;
      e.request.reset();
    }
    out.push_back(std::move(e));
  }
  return out;
}

void SubmissionService::check_key(const std::string& key) {
  if (key.empty()) throw ApiError(400, ErrorCode::ProtoIdempotencyKeyMissing);
  bool visible = true;
  for (unsigned char c : key) visible = visible && c > 0x20 && c < 0x7f;
  if (key.size() < 8 || key.size() > 128 || !visible) throw ApiError(400, ErrorCode::ProtoIdempotencyKeyInvalid);
}

SubmissionResult SubmissionService::submit(const Account& account, const std::string& key,
                                           const SubmissionRequest& request, Lang lang) {
  std::int64_t now = ctx_.env.clock->now_ms();
  purge_old_keys(now);
  auto& cases = ctx_.storage->cases();
  auto begun = cases.begin_submission(account.id, key, request.fingerprint(), now);
  switch (begun.outcome) {
    case BeginOutcome::Done: return {*begun.receipt, true};
    case BeginOutcome::KeyReused: throw ApiError(422, ErrorCode::ProtoIdempotencyKeyReused);
    case BeginOutcome::InProgress: throw ApiError(409, ErrorCode::ProtoIdempotencyInProgress);
    case BeginOutcome::Started: break;
  }
  ClaimGuard guard(cases, account.id, key);
  NewCase c = prepare(account, request, lang, now);
  Receipt receipt = cases.complete_submission(account.id, key, c, now);
  guard.disarm();
  return {receipt, false};
}

std::vector<BatchOutcome> SubmissionService::submit_batch(const Account& account, const std::vector<BatchEntry>& entries,
                                                          Lang lang) {
  std::int64_t now = ctx_.env.clock->now_ms();
  purge_old_keys(now);
  std::vector<BatchOutcome> outcomes(entries.size());
  std::vector<size_t> todo;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].refused) outcomes[i].error = *entries[i].refused;
    else todo.push_back(i);
  }
  // Rounds, each key at most once per round: a key repeated within the batch meets the outcome of its earlier
  // entry (the same receipt, the key reused with another payload, or a fresh try when the earlier was refused).
  while (!todo.empty()) {
    std::set<std::string> keys;
    std::vector<size_t> round, later;
    for (auto i : todo) (keys.insert(entries[i].key.get<std::string>()).second ? round : later).push_back(i);
    submit_round(account, entries, round, outcomes, lang, now);
    todo = std::move(later);
  }
  return outcomes;
}

void SubmissionService::submit_round(const Account& account, const std::vector<BatchEntry>& entries,
                                     const std::vector<size_t>& round, std::vector<BatchOutcome>& outcomes, Lang lang,
                                     std::int64_t now) {
  auto& cases = ctx_.storage->cases();
  std::vector<CaseStore::Claim> claims;
  for (auto i : round) claims.push_back({entries[i].key.get<std::string>(), entries[i].request->fingerprint()});
  auto begun = cases.begin_submissions(account.id, claims, now);
  std::vector<size_t> started;
  for (size_t j = 0; j < round.size(); ++j) {
    auto& out = outcomes[round[j]];
    switch (begun[j].outcome) {
      case BeginOutcome::Done: out.result = SubmissionResult{*begun[j].receipt, true}; break;
      case BeginOutcome::KeyReused: out.error = ApiError(422, ErrorCode::ProtoIdempotencyKeyReused); break;
      case BeginOutcome::InProgress: out.error = ApiError(409, ErrorCode::ProtoIdempotencyInProgress); break;
      case BeginOutcome::Started: started.push_back(round[j]); break;
    }
  }
  if (started.empty()) return;
  // Claims not completed are released together, whatever happens on the way (as ClaimGuard does for one).
  std::set<std::string> unreleased;
  for (auto i : started) unreleased.insert(entries[i].key.get<std::string>());
  struct Release {
    CaseStore& store;
    const std::string& account;
    std::set<std::string>& keys;
    ~Release() {
      try {
        store.abandon_submissions(account, std::vector<std::string>(keys.begin(), keys.end()));
      } catch (...) {
        // Left "processing" until the next start-up releases them; nothing else to do here.
      }
    }
  } release{cases, account.id, unreleased};

  std::vector<std::pair<std::string, NewCase>> ready;
  std::vector<size_t> ready_index;
  for (auto i : started) {
    try {
      ready.emplace_back(entries[i].key.get<std::string>(), prepare(account, *entries[i].request, lang, now));
      ready_index.push_back(i);
    } catch (const ApiError& e) {
      outcomes[i].error = e;
    } catch (const Error& e) {
      if (status_for(e.code()) >= 500) throw;  // the server's trouble: the whole batch is answered 5xx
      outcomes[i].error = ApiError(status_for(e.code()), e.diagnostic());
    }
  }
  auto receipts = cases.complete_submissions(account.id, ready, now);  // group commit
  for (size_t k = 0; k < ready.size(); ++k) {
    unreleased.erase(ready[k].first);
    outcomes[ready_index[k]].result = SubmissionResult{receipts[k], false};
  }
}

NewCase SubmissionService::prepare(const Account& account, const SubmissionRequest& request, Lang lang,
                                   std::int64_t now) {
  std::string version = std::to_string(request.form_version);
  auto ready = ctx_.forms.get(request.item_id, request.form_version);
  if (!ready) throw ApiError(422, ErrorCode::ProtoUnknownForm, {{"item", request.item_id}, {"version", version}});
  if (ctx_.forms.standing(request.item_id, request.form_version) == VersionStanding::Retired) {
    auto latest = ctx_.forms.latest(request.item_id);
    int latest_version = latest ? latest->published.version : request.form_version;
    throw ApiError(422, ErrorCode::ProtoFormVersionRetired,
                   {{"item", request.item_id}, {"version", version}, {"latest", std::to_string(latest_version)}},
                   {{"latest", latest_version}});
  }
  const auto& f = *ready->form;
  check_audience(f, account);

  // The same verdict as the client's: a Draft over the submitted data, on the China date of receipt.
  auto today = china_date(now);
  session::Draft draft(ready->model, request.data, {today});
  auto errors = draft.errors();
  if (!errors.empty())
    throw ApiError(422, ErrorCode::ProtoValidationFailed, {{"count", std::to_string(errors.size())}},
                   {{"errors", validation_errors(errors, lang)}});
  const json& effective = draft.submission();  // hidden answers removed
  json manifest = store::attachment_manifest(effective, &f);
  check_attachments(ctx_.storage->uploads(), account.id, manifest, f, json::array());

  NewCase c;
  c.id = uuid_v4(*ctx_.env.random);
  c.item_id = request.item_id;
  c.form_version = request.form_version;
  c.data = effective;
  c.attachments = manifest;
  c.due_date = iso_date(ctx_.calendar.add_working_days(today, f.guide.time_limit.promised_days));
  for (const auto& d : f.departments)
    c.departments.push_back(
        {d.id, d.role == form::DepartmentRole::Lead ? "lead" : "parallel", CaseState::Submitted, now});
  return c;
}

void SubmissionService::purge_old_keys(std::int64_t now) {
  std::int64_t last = last_purge_.load();
  if (last != std::numeric_limits<std::int64_t>::min() && now - last < kPurgeEveryMs) return;
  if (!last_purge_.compare_exchange_strong(last, now)) return;  // another request is purging
  ctx_.storage->cases().purge_keys(now - ctx_.config.idempotency_retention_ms);
}

}  // namespace wb::server
