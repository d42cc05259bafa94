#pragma once
// A live draft whose every edit is saved before the call returns: what SDKs and apps hold while a person fills a
// form. If saving fails (a full disk), the edit is undone in memory too and the error is thrown, so what the person
// sees is always what is stored.

#include <memory>
#include <string>

#include "core/session/draft.hpp"
#include "core/store/profile_store.hpp"

namespace wb::store {

class AutosavedDraft {
 public:
  // Opens a stored draft (throws store.no_such_draft).
  AutosavedDraft(ProfileStore& store, std::string draft_id, session::ModelPtr model, std::optional<logic::Date> today);

  const std::string& id() const { return id_; }
  const session::Draft& draft() const { return *draft_; }

  void set(std::string_view pointer, nlohmann::json value);
  void clear(std::string_view pointer);
  size_t add_row(std::string_view array_pointer, nlohmann::json row = nlohmann::json::object());
  void remove_row(std::string_view array_pointer, size_t index);
  void move_row(std::string_view array_pointer, size_t from, size_t to);

 private:
  template <typename Edit>
  auto edit(Edit&& e);
  void reload();

  ProfileStore& store_;
  std::string id_;
  session::ModelPtr model_;
  std::optional<logic::Date> today_;
  std::unique_ptr<session::Draft> draft_;
};

}  // namespace wb::store
