#pragma once
// The raw binding's draft: a live draft of one profile, saved before each edit returns (as core/store's
// AutosavedDraft does). Each edit returns what changed in the view since the previous edit
// (session::Draft::view_changes: the field and section states that differ, and the summary), so a page redraws only
// those, and the cost of an edit follows what it changed, not the size of the form. Envelopes as in ProfileHandle.

#include <memory>
#include <string>

#include "core/session/draft.hpp"
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
  session::Draft& draft();  // (re)loaded from the store when the profile was reopened since
  void reload();
  // Applies an edit, saves the draft (undoing the edit in memory if the save fails), and answers what changed.
  template <typename Edit>
  nlohmann::json edit(Edit&& e);

  ProfileHandle& profile_;
  std::string id_;
  int generation_ = -1;
  session::ModelPtr model_;
  std::unique_ptr<session::Draft> draft_;
};

}  // namespace wb::wasm
