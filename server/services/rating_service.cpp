#include "server/services/rating_service.hpp"

#include <cmath>
#include <map>

#include "server/app/server_context.hpp"
#include "server/cases/case_workflow.hpp"
#include "server/services/body_fields.hpp"

namespace wb::server {
namespace {

struct LevelName {
  const char* zh;
  const char* en;
};
constexpr LevelName kLevels[5] = {{"非常不满意", "Very dissatisfied"},
                                  {"不满意", "Dissatisfied"},
                                  {"基本满意", "Fairly satisfied"},
                                  {"满意", "Satisfied"},
                                  {"非常满意", "Very satisfied"}};

[[noreturn]] void case_not_found(const std::string& id) {
  throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "case " + id}, {"what_zh", "该办件"}});
}

// Completed (办结) as the case workflow defines it: rejected or result available (server/cases/case_workflow.hpp).
// An approval alone is not: the applicant has not received the result yet.
bool completed(const CaseRecord& c) { return c.completed_at.has_value() || is_terminal(c.state); }

// The department a rating counts for: the case's lead department (the one that accepted it).
std::string lead_department(const CaseRecord& c) {
  for (const auto& d : c.departments)
    if (d.role == "lead") return d.department;
  return c.departments.empty() ? "" : c.departments.front().department;
}

CaseRecord owned_case(ServerContext& ctx, const Account& applicant, const std::string& case_id) {
  auto c = ctx.storage->cases().get_case(case_id);
  if (!c || c->account_id != applicant.id) case_not_found(case_id);
  return *c;
}

nlohmann::json tally_json(const std::array<int, 5>& counts) {
  int total = 0;
  std::int64_t sum = 0;
  nlohmann::json by_level = nlohmann::json::object();
  for (int level = 1; level <= 5; ++level) {
    int n = counts[static_cast<size_t>(level - 1)];
    by_level[std::to_string(level)] = n;
    total += n;
    sum += static_cast<std::int64_t>(n) * level;
  }
  nlohmann::json average = nullptr;
  if (total > 0) average = std::round(static_cast<double>(sum) * 100.0 / total) / 100.0;
  return {{"total", total}, {"average", average}, {"counts", by_level}};
}

void add_counts(std::array<int, 5>& into, const std::array<int, 5>& from) {
  for (size_t i = 0; i < 5; ++i) into[i] += from[i];
}

}  // namespace

CaseRating RatingService::rate(const Account& applicant, const std::string& case_id, const nlohmann::json& level,
                               const std::optional<std::string>& comment) {
  if (!level.is_number_integer() || level.get<std::int64_t>() < 1 || level.get<std::int64_t>() > 5)
    throw ApiError(400, Diagnostic{ErrorCode::ProtoRatingLevelInvalid, "/level", {}, 0, 0});
  CaseRating r;
  r.comment = comment ? checked_text(*comment, "comment", "评价内容", 0, kMaxComment) : "";
  auto c = owned_case(ctx_, applicant, case_id);
  if (!completed(c)) throw ApiError(409, ErrorCode::ProtoCaseNotCompleted);
  r.case_id = c.id;
  r.account_id = applicant.id;
  r.item_id = c.item_id;
  r.department = lead_department(c);
  r.level = level.get<int>();
  r.rated_at = ctx_.env.clock->now_ms();
  if (!ctx_.storage->services().add_rating(r)) throw ApiError(409, ErrorCode::ProtoAlreadyRated);
  // The rating stands on its own; the case's timeline entry is a courtesy to the feed. If the case store cannot
  // record it, the rating is still kept (and the operator is told, without any personal data).
  try {
    ctx_.storage->cases().record_event(c.id, "rated", {{"level", r.level}}, r.rated_at);
  } catch (const std::exception&) {
    ctx_.log.message("rating: the \"rated\" event of case " + c.id + " was not recorded");
  }
  return r;
}

CaseRating RatingService::get(const Account& applicant, const std::string& case_id) {
  owned_case(ctx_, applicant, case_id);
  auto r = ctx_.storage->services().rating(case_id);
  if (!r) throw ApiError(404, ErrorCode::ProtoNotFound, {{"what", "rating of case " + case_id}, {"what_zh", "该办件的评价"}});
  return *r;
}

nlohmann::json RatingService::summary() {
  std::array<int, 5> overall{};
  std::map<std::string, std::array<int, 5>> departments;
  nlohmann::json by_item = nlohmann::json::array();
  for (const auto& t : ctx_.storage->services().rating_tallies()) {
    add_counts(overall, t.counts);
    add_counts(departments[t.department], t.counts);
    auto row = tally_json(t.counts);
    row["itemId"] = t.item_id;
    row["department"] = t.department;
    if (auto ready = ctx_.forms.latest(t.item_id)) row["title"] = ready->form->title.to_json();
    by_item.push_back(std::move(row));
  }
  nlohmann::json by_department = nlohmann::json::array();
  for (const auto& [department, counts] : departments) {
    auto row = tally_json(counts);
    row["department"] = department;
    by_department.push_back(std::move(row));
  }
  nlohmann::json levels = nlohmann::json::array();
  for (int level = 1; level <= 5; ++level)
    levels.push_back({{"level", level}, {"name", {{"zh-CN", kLevels[level - 1].zh}, {"en", kLevels[level - 1].en}}}});
  auto out = tally_json(overall);
  out["levels"] = levels;
  out["byItem"] = by_item;
  out["byDepartment"] = by_department;
  return out;
}

nlohmann::json rating_json(const CaseRating& r) {
  const auto& name = kLevels[static_cast<size_t>(r.level - 1)];
  return {{"caseId", r.case_id}, {"itemId", r.item_id}, {"level", r.level},
          {"levelName", {{"zh-CN", name.zh}, {"en", name.en}}}, {"comment", r.comment}, {"ratedAt", r.rated_at}};
}

}  // namespace wb::server
