#pragma once
// Idempotent submissions (protocol v1): an application arrives with an Idempotency-Key; the first request with
// that key (per account) claims it, is validated with the same core/session code the clients run and, when
// valid, becomes a case with a receipt in one transaction. A repeat with the same key and payload gets the same
// receipt; the same key with another payload is refused; a repeat while the first is still being processed is
// told to wait. A refused application releases its claim, so a corrected retry may use the same key.

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/errors.hpp"
#include "core/form/form_definition.hpp"
#include "server/http/api_error.hpp"
#include "server/storage/case_store.hpp"
#include "server/storage/identity_store.hpp"
#include "server/storage/upload_store.hpp"

namespace wb::server {

struct ServerContext;

struct SubmissionRequest {
  std::string item_id;
  int form_version = 0;
  nlohmann::json data = nlohmann::json::object();

  // {"itemId", "formVersion", "data", "attachments"?}; throws ApiError 400 (protocol.bad_request) when malformed.
  static SubmissionRequest from_json(const nlohmann::json& body);
  // SHA-256 of the canonical JSON of {itemId, formVersion, data} (nlohmann sorts object keys, so dump() is
  // canonical): what "the same payload" means.
  std::string fingerprint() const;
};

struct SubmissionResult {
  Receipt receipt;
  bool replayed = false;  // an earlier request with this key created the case
};

// One application of a batch (POST /v1/submissions/batch): its key and request, or why it was refused before any
// claim (a malformed entry, a missing key).
struct BatchEntry {
  nlohmann::json key;  // the entry's "idempotencyKey" as given (null when absent), echoed in its result
  std::optional<SubmissionRequest> request;
  std::optional<ApiError> refused;
  // {"submissions": [{"idempotencyKey", "itemId", "formVersion", "data", "attachments"?}, ...]}: throws ApiError
  // 400 when the body is not that shape, 413 (protocol.batch_too_large) over `max_items`; a bad entry is refused
  // alone, as the single route would refuse it.
  static std::vector<BatchEntry> list_from_json(const nlohmann::json& body, std::size_t max_items);
};
// Each entry's outcome: the result the single route would give (201/200 and the receipt), or its refusal.
struct BatchOutcome {
  std::optional<SubmissionResult> result;
  std::optional<ApiError> error;
};

class SubmissionService {
 public:
  explicit SubmissionService(ServerContext& ctx) : ctx_(ctx) {}

  // 8 to 128 visible ASCII characters; throws ApiError 400 (idempotency_key_missing / _invalid).
  static void check_key(const std::string& key);

  // Throws ApiError: 409 in progress, 422 key reused / unknown form / retired version / invalid data / attachment
  // missing or mismatched / wrong audience. `lang` is the language of the validation messages' "message".
  SubmissionResult submit(const Account& account, const std::string& key, const SubmissionRequest& request,
                          Lang lang);
  // Every entry as submit() would treat it, the accepted ones committed together (one transaction, one fsync).
  // A key repeated within the batch is answered as if its entries had come one after the other. Throws only for
  // what concerns the whole batch (storage failures: 5xx).
  std::vector<BatchOutcome> submit_batch(const Account& account, const std::vector<BatchEntry>& entries, Lang lang);

 private:
  // Validates a claimed submission (the same core/session verdict as the clients') into the case to create;
  // throws ApiError when it is refused.
  NewCase prepare(const Account& account, const SubmissionRequest& request, Lang lang, std::int64_t now);
  void submit_round(const Account& account, const std::vector<BatchEntry>& entries, const std::vector<size_t>& round,
                    std::vector<BatchOutcome>& outcomes, Lang lang, std::int64_t now);
  void purge_old_keys(std::int64_t now);

  ServerContext& ctx_;
  std::atomic<std::int64_t> last_purge_{std::numeric_limits<std::int64_t>::min()};
};

// Every file `manifest` (store::attachment_manifest with the form) names must be in `known` (a case's files, same
// hash and size) or a complete upload of the account, of the stated size, within its material's limits. Throws
// ApiError 422 (protocol.attachment_missing / attachment_mismatch / upload_too_large / upload_type_not_accepted).
void check_attachments(UploadStore& uploads, const std::string& account_id, const nlohmann::json& manifest,
                       const form::FormDefinition& form, const nlohmann::json& known);

}  // namespace wb::server
