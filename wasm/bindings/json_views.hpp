#pragma once
// The JSON shapes the binding hands to JavaScript (sdk/js declares them in TypeScript: keep the two in step).
// Keys are camelCase and instants are ms since the epoch, as in protocol v1; text for people is {"zh-CN", "en"}.

#include <nlohmann/json.hpp>

#include "core/common/errors.hpp"
#include "core/form/form_definition.hpp"
#include "core/session/draft.hpp"
#include "core/store/profile_store.hpp"
#include "core/sync/engine.hpp"

namespace wb::wasm {

nlohmann::json error_json(const Diagnostic& d);
nlohmann::json field_error_json(const session::FieldError& e);
nlohmann::json field_state_json(const session::FieldState& s);
nlohmann::json section_state_json(const session::SectionState& s);
nlohmann::json view_summary_json(const session::DraftView& v);
nlohmann::json view_json(const session::DraftView& v);
// What changed since the view last described (session::ViewChanges): the differing field and section states (all of
// them when "full"), every form-level error and the summary.
nlohmann::json view_changes_json(const session::ViewChanges& c);
// The form's layout as loaded (pages, sections, fields with their labels, widgets and options): what a UI renders.
nlohmann::json layout_json(const form::FormDefinition& f);
// The service guide offline: the catalog entry, the guide's ten elements as published, and the blank forms.
nlohmann::json guide_json(const form::FormDefinition& f);
nlohmann::json draft_record_json(const store::DraftRecord& d, bool with_data);
nlohmann::json outbox_item_json(const store::OutboxItem& item, bool with_payload);
nlohmann::json status_entry_json(const store::StatusEntry& e);
nlohmann::json event_json(const store::Event& e);
nlohmann::json engine_status_json(const sync::EngineStatus& s);

}  // namespace wb::wasm
