#pragma once
// Satisfaction ratings (好差评): the applicant rates a completed case once, on five levels
// (1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意), with an optional comment; caseworkers see the tallies per
// service item and department.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/storage/identity_store.hpp"
#include "server/storage/service_store.hpp"

namespace wb::server {

struct ServerContext;

class RatingService {
 public:
  static constexpr size_t kMaxComment = 500;

  explicit RatingService(ServerContext& ctx) : ctx_(ctx) {}

  // 404 unless the case is the applicant's; 400 rating_level_invalid / text_length; 409 case_not_completed
  // or already_rated. Records a "rated" event on the case.
  CaseRating rate(const Account& applicant, const std::string& case_id, const nlohmann::json& level,
                  const std::optional<std::string>& comment);
  // 404 unless the case is the applicant's and has been rated.
  CaseRating get(const Account& applicant, const std::string& case_id);
  // {"total", "average", "counts", "byItem": [...], "byDepartment": [...]}
  nlohmann::json summary();

 private:
  ServerContext& ctx_;
};

nlohmann::json rating_json(const CaseRating& r);

}  // namespace wb::server
