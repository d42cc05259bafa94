#pragma once
// "Submit": validate the whole draft with the same session code the server runs, then freeze it into the outbox.

#include <optional>
#include <string>
#include <vector>

#include "core/session/draft.hpp"
#include "core/store/profile_store.hpp"

namespace wb::store {

struct SubmitResult {
  std::optional<OutboxItem> item;            // set when queued
  std::vector<session::FieldError> errors;   // why not, otherwise
};

// The attachments an application refers to: every object with sha256/name/size/mediaType in it, once each. With
// the form, each entry also names the guide material ("material") of the file field it was found under.
nlohmann::json attachment_manifest(const nlohmann::json& payload, const form::FormDefinition* form = nullptr);

SubmitResult submit_draft(ProfileStore& store, const std::string& draft_id, const session::ModelPtr& model,
                          std::optional<logic::Date> today);

}  // namespace wb::store
