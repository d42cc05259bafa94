#pragma once
// Moving a draft to a newer version of its form, by stable field id: a value stays with its field wherever the
// new version binds it (rows of repeat groups keep their order); values of fields the new version no longer has
// are dropped and reported; fields the new version requires and the draft has not answered are reported.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/session/draft.hpp"

namespace wb::session {

struct MigrationReport {
  nlohmann::json data;                       // the draft's data for the new version
  std::vector<std::string> dropped;          // ids of old fields whose answers were dropped
  std::vector<std::string> newly_required;   // locations the new version requires that have no answer
};

MigrationReport migrate_draft(const ModelPtr& from, const ModelPtr& to, const nlohmann::json& data,
                              Draft::Options options = {});

}  // namespace wb::session
