#pragma once
// The raw binding's draft: a live, autosaved draft of one profile (core/store AutosavedDraft). Each edit returns
// what changed — the states of the fields at the locations the edit touched, every section, and the summary — so a
// page redraws only those (a 1,000-field form stays fast). Envelopes as in ProfileHandle.

#include <memory>
#include <string>

#include "core/store/autosaved_draft.hpp"
#include "wasm/bindings/profile_handle.hpp"

namespace wb::wasm {

class DraftHandle {
 public:
  DraftHandle(ProfileHandle& profile, std::string draft_id);

  std::string open();    // {id, itemId, formVersion, title, migration}
  std::string view();    // the whole view
  std::string layout();  // the form's pages, sections and fields
  std::string data();    // {data, submission}
  std::string set(const std::string& pointer, const std::string& value_json);
  std::string clear(const std::string& pointer);
  std::string add_row(const std::string& array_pointer, const std::string& row_json);
  std::string remove_row(const std::string& array_pointer, int index);
  std::string move_row(const std::string& array_pointer, int from, int to);
  // Stores the file (checked against the material's type and size limits) and puts its reference at `pointer`
  // (appended when the schema holds a list of files there).
  std::string attach(const std::string& pointer, const std::string& bytes, const std::string& name,
                     const std::string& media_type);

 private:
  store::AutosavedDraft& draft();  // (re)opened when the profile was reopened since
  nlohmann::json changes();

  ProfileHandle& profile_;
  std::string id_;
  int generation_ = -1;
  session::ModelPtr model_;
  std::unique_ptr<store::AutosavedDraft> draft_;
};

}  // namespace wb::wasm
