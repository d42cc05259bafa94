#include "core/store/autosaved_draft.hpp"

namespace wb::store {

AutosavedDraft::AutosavedDraft(ProfileStore& store, std::string draft_id, session::ModelPtr model,
                               std::optional<logic::Date> today)
    : store_(store), id_(std::move(draft_id)), model_(std::move(model)), today_(today) {
  reload();
}

void AutosavedDraft::reload() {
  auto record = store_.draft(id_);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id_}});
  draft_ = std::make_unique<session::Draft>(model_, record->data, session::Draft::Options{today_});
}

template <typename Edit>
auto AutosavedDraft::edit(Edit&& e) {
  auto save = [&] {
    auto view = draft_->view();
    try {
      store_.save_draft(id_, draft_->data(), view.completeness(), static_cast<int>(view.error_count));
    } catch (...) {
      reload();  // back to what is stored: the person must never see an edit that was not saved
      throw;
    }
  };
  if constexpr (std::is_void_v<decltype(e())>) {
    e();
    save();
  } else {
    auto result = e();
    save();
    return result;
  }
}

void AutosavedDraft::set(std::string_view pointer, nlohmann::json value) {
  edit([&] { draft_->set(pointer, std::move(value)); });
}

void AutosavedDraft::clear(std::string_view pointer) {
  edit([&] { draft_->clear(pointer); });
}

size_t AutosavedDraft::add_row(std::string_view array_pointer, nlohmann::json row) {
  return edit([&] { return draft_->add_row(array_pointer, std::move(row)); });
}

void AutosavedDraft::remove_row(std::string_view array_pointer, size_t index) {
  edit([&] { draft_->remove_row(array_pointer, index); });
}

void AutosavedDraft::move_row(std::string_view array_pointer, size_t from, size_t to) {
  edit([&] { draft_->move_row(array_pointer, from, to); });
}

}  // namespace wb::store
