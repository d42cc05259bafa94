#pragma once
// The SQLite implementations of the storage interfaces; they share one SqliteConnection.

#include "server/storage/sqlite/server_schema.hpp"
#include "server/storage/sqlite/sqlite_connection.hpp"
#include "server/storage/storage.hpp"

namespace wb::server {

class SqliteIdentityStore final : public IdentityStore {
 public:
  explicit SqliteIdentityStore(SqliteConnection& conn) : conn_(conn) {}
  void add_account(const Account& account) override;
  std::optional<Account> account_by_login(const std::string& login) override;
  std::optional<Account> account_by_id(const std::string& id) override;
  std::vector<Account> accounts() override;
  void start_family(const std::string& family, const std::string& account_id, const std::string& access_hash,
                    std::int64_t access_expires_at, const std::string& refresh_hash, std::int64_t refresh_expires_at,
                    std::int64_t now) override;
  bool rotate_refresh(const std::string& old_refresh_hash, const std::string& access_hash,
                      std::int64_t access_expires_at, const std::string& refresh_hash,
                      std::int64_t refresh_expires_at, std::int64_t now) override;
  std::optional<RefreshRecord> refresh_token(const std::string& refresh_hash) override;
  std::optional<std::string> access_token_account(const std::string& access_hash, std::int64_t now) override;
  std::optional<std::string> access_token_family(const std::string& access_hash) override;
  void revoke_family(const std::string& family) override;
  void purge_tokens(std::int64_t now) override;

 private:
  SqliteConnection& conn_;
};

class SqliteFormStore final : public FormStore {
 public:
  explicit SqliteFormStore(SqliteConnection& conn) : conn_(conn) {}
  bool publish(const std::string& item_id, int version, const std::string& definition, const std::string& sha256,
               std::int64_t now) override;
  std::optional<PublishedForm> form(const std::string& item_id, int version) override;
  std::vector<PublishedForm> versions(const std::string& item_id) override;
  std::vector<PublishedForm> latest() override;
  std::int64_t catalog_seq() override;

 private:
  SqliteConnection& conn_;
};

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(SqliteConnection& conn) : conn_(conn) {}
  BeginResult begin_submission(const std::string& account_id, const std::string& key,
                               const std::string& payload_sha256, std::int64_t now) override;
  Receipt complete_submission(const std::string& account_id, const std::string& key, const NewCase& c,
                              std::int64_t now) override;
  void abandon_submission(const std::string& account_id, const std::string& key) override;
  std::vector<BeginResult> begin_submissions(const std::string& account_id, const std::vector<Claim>& claims,
                                             std::int64_t now) override;
  std::vector<Receipt> complete_submissions(const std::string& account_id,
                                            const std::vector<std::pair<std::string, NewCase>>& cases,
                                            std::int64_t now) override;
  void abandon_submissions(const std::string& account_id, const std::vector<std::string>& keys) override;
  void release_stale_claims() override;
  void purge_keys(std::int64_t before) override;
  std::optional<CaseRecord> get_case(const std::string& case_id) override;
  std::vector<CaseRecord> cases_of(const std::string& account_id) override;
  std::vector<CaseRecord> cases_page(const std::string& account_id, const std::optional<CasePosition>& after,
                                     int limit) override;
  std::vector<CaseRecord> all_cases() override;
  std::vector<CaseEvent> timeline(const std::string& case_id) override;
  std::vector<CaseEvent> events_since(const std::string& account_id, std::int64_t cursor, int limit) override;
  CaseEvent record_transition(const std::string& case_id, const std::string& department, CaseState to,
                              const std::string& kind, const nlohmann::json& detail, std::int64_t now) override;
  CaseEvent record_event(const std::string& case_id, const std::string& kind, const nlohmann::json& detail,
                         std::int64_t now) override;
  void set_case_data(const std::string& case_id, const nlohmann::json& data, const nlohmann::json& attachments,
                     std::int64_t now) override;
  void add_result(const ResultDocument& doc, const std::string& bytes) override;
  std::vector<ResultDocument> results(const std::string& case_id) override;
  std::optional<std::string> result_bytes(const std::string& case_id, const std::string& result_id) override;
  CaseEvent provide_supplement(const std::string& case_id, const nlohmann::json& data,
                               const nlohmann::json& attachments, const nlohmann::json& detail,
                               std::int64_t now) override;
  std::vector<CaseRecord> find_cases(const CaseQuery& query) override;
  CaseEvent publish_result(const ResultDocument& doc, const std::string& bytes, const nlohmann::json& detail) override;

 private:
  SqliteConnection& conn_;
};

class SqliteUploadStore final : public UploadStore {
 public:
  explicit SqliteUploadStore(SqliteConnection& conn) : conn_(conn) {}
  void create_upload(const UploadRecord& upload) override;
  std::optional<UploadRecord> upload(const std::string& upload_id) override;
  AppendResult append(const std::string& upload_id, std::int64_t offset, std::string_view bytes,
                      std::int64_t now) override;
  void purge_incomplete(std::int64_t before) override;
  std::optional<BlobInfo> blob(const std::string& account_id, const std::string& sha256) override;
  bool blob_exists(const std::string& account_id, const std::string& sha256) override;
  std::optional<std::string> blob_bytes(const std::string& account_id, const std::string& sha256) override;

 private:
  SqliteConnection& conn_;
};

class SqliteServiceStore final : public ServiceStore {
 public:
  explicit SqliteServiceStore(SqliteConnection& conn) : conn_(conn) {}
  void add_consultation(const Consultation& c) override;
  std::optional<Consultation> consultation(const std::string& id) override;
  std::vector<Consultation> consultations_of(const std::string& account_id) override;
  std::vector<Consultation> find_consultations(const ConsultationFilter& filter) override;
  std::vector<Consultation> published_consultations(const std::string& item_id) override;
  std::optional<Consultation> answer_consultation(const std::string& id, const std::string& answer,
                                                  const std::string& by, const std::string& by_name, bool publish,
                                                  std::int64_t now) override;
  void add_slot(const AppointmentSlot& slot) override;
  std::optional<AppointmentSlot> slot(const std::string& id, std::int64_t now) override;
  std::vector<AppointmentSlot> slots(const SlotFilter& filter, std::int64_t now) override;
  std::int64_t slot_count() override;
  HoldResult place_hold(const AppointmentHold& hold, std::int64_t now) override;
  BookResult book(const std::string& appointment_id, const std::string& account_id, const std::string& hold_id,
                  std::int64_t now) override;
  std::optional<Appointment> appointment(const std::string& id, std::int64_t now) override;
  std::vector<Appointment> appointments_of(const std::string& account_id, std::int64_t now) override;
  CancelOutcome cancel_appointment(const std::string& id, const std::string& account_id, std::int64_t now) override;
  bool add_rating(const CaseRating& rating) override;
  std::optional<CaseRating> rating(const std::string& case_id) override;
  std::vector<RatingTally> rating_tallies() override;

 private:
  SqliteConnection& conn_;
};

}  // namespace wb::server
