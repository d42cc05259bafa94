#include "server/storage/sqlite/sqlite_repositories.hpp"

#include "core/common/errors.hpp"

// The caseworkers' side of SqliteCaseStore: state transitions, events, case data updates and result documents.
namespace wb::server {

// TRANSIENT: implemented by the case-workflow work (in progress).
namespace {
[[noreturn]] void pending() { throw Error(ErrorCode::Internal, {{"detail", "case workflow store pending"}}); }
}  // namespace
CaseEvent SqliteCaseStore::record_transition(const std::string&, const std::string&, CaseState, const std::string&, const nlohmann::json&, std::int64_t) { pending(); }
CaseEvent SqliteCaseStore::record_event(const std::string&, const std::string&, const nlohmann::json&, std::int64_t) { pending(); }
void SqliteCaseStore::set_case_data(const std::string&, const nlohmann::json&, const nlohmann::json&, std::int64_t) { pending(); }
void SqliteCaseStore::add_result(const ResultDocument&, const std::string&) { pending(); }
std::vector<CaseStore::ResultDocument> SqliteCaseStore::results(const std::string&) { pending(); }
std::optional<std::string> SqliteCaseStore::result_bytes(const std::string&, const std::string&) { pending(); }

}  // namespace wb::server
