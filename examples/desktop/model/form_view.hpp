#pragma once
// The form screen's model: one draft being filled, turned into a list of blocks the UI draws top to bottom (pages,
// sections, repeat-group rows, fields of every widget type), and the edits the UI sends back. Every edit goes
// through the core's live draft (visibility, required-if, computed values, validation) and is saved before it
// returns (store::AutosavedDraft), so what the staff see is what is stored.
//
// Errors are shown for a field once it has been edited (or for all fields after a submit attempt): a person
// filling a form top to bottom is not greeted by a wall of "required" messages.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/session/draft.hpp"
#include "core/store/autosaved_draft.hpp"
#include "core/store/profile_store.hpp"

namespace wb::desktop {

struct OptionItem {
  std::string label;
  nlohmann::json value;
  bool selected = false;
};

struct FileItem {
  std::string name;
  std::int64_t size = 0;
  std::string media_type;
};

struct AddressPart {
  std::string key;       // "province", "city", "district", "detail"
  std::string label;
  std::string location;  // the field's location + "/" + key
  std::string text;
};

struct FieldBlock {
  std::string id;
  std::string location;  // concrete JSON Pointer
  form::Widget widget = form::Widget::Text;
  std::string label, help, placeholder;
  bool required = false;
  bool read_only = false;  // computed, or read-only in the form
  bool computed = false;
  std::string text;        // the value as text (inputs start from it; read-only fields show it)
  bool checked = false;    // checkbox
  std::vector<OptionItem> options;
  std::vector<FileItem> files;
  bool multiple_files = false;
  std::string material_note;  // accepted types and size limit
  std::vector<AddressPart> address;  // a structured address: one input per part; empty for a one-line address
  std::vector<std::string> errors;   // shown now
};

enum class BlockKind { Page, Section, Row, Field, AddRow };

struct Block {
  BlockKind kind = BlockKind::Field;
  std::string title;       // page / section title, "Row n", add-row label
  std::string help;
  std::string section_id;
  std::string array;       // repeat groups: the array's pointer
  size_t row = 0;
  bool enabled = true;     // Row: may be removed; AddRow: may add
  std::vector<std::string> errors;  // section errors (row limits, section checks)
  FieldBlock field;
};

struct SubmitOutcome {
  std::optional<std::int64_t> outbox_id;
  std::vector<std::string> errors;  // "label: message" for each problem, when not queued
};

class FormView {
 public:
  // Opens a stored draft of the model's form.
  FormView(store::ProfileStore& store, std::string draft_id, session::ModelPtr model, std::optional<logic::Date> today,
           Lang lang);

  const std::string& draft_id() const { return draft_.id(); }
  const form::FormDefinition& form() const { return model_->form(); }
  const session::Draft& draft() const { return draft_.draft(); }
  Lang lang() const { return lang_; }

  // What to draw, rebuilt after every edit.
  const std::vector<Block>& blocks() const { return blocks_; }
  double completeness() const { return completeness_; }
  size_t problem_count() const { return problems_; }
  const std::vector<std::string>& form_errors() const { return form_errors_; }  // not at any field
  // Increases with every change of the blocks (the UI resets its input buffers when it changes).
  std::uint64_t revision() const { return revision_; }

  // ---- edits. Each returns a message for the person when the edit was refused ("" when done).
  // Text typed into a field (or into one part of a structured address): an empty text clears the value; numbers
  // and money become JSON numbers when they read as one (else the text is kept and the error says why).
  // `done`: the person left the field (its errors show from now on); false while still typing.
  std::string commit_text(const std::string& location, const std::string& text, bool done = true);
  std::string set_checked(const std::string& location, bool checked);
  std::string choose(const std::string& location, size_t option);              // select, radio
  std::string toggle(const std::string& location, size_t option, bool on);     // multiselect
  // Reads the file, checks it against the material's types and size, stores it and sets the value.
  std::string attach(const std::string& location, const std::string& path);
  std::string remove_file(const std::string& location, size_t index);
  std::string add_row(const std::string& section_id);
  std::string remove_row(const std::string& section_id, size_t row);

  // Validates everything and queues the draft in the outbox. On success the draft no longer exists (this view
  // must be dropped); on failure every error is shown from now on.
  SubmitOutcome submit();

  bool shows_all_errors() const { return show_all_; }
  // Every text the blocks show (for the font atlas).
  std::vector<std::string> texts() const;

 private:
  struct FieldMeta {
    std::set<std::string> types;  // JSON types the schema allows at the field
    bool address_object = false;
  };
  const session::ModelField* field_for(const std::string& location, std::string* sub_key) const;
  const FieldMeta& meta_of(const session::ModelField& mf) const;
  // Runs an edit; marks `touched_location` ("" for none) and rebuilds the blocks.
  std::string apply(const std::function<void()>& edit, const std::string& touched_location);
  void rebuild();
  FieldBlock field_block(const session::FieldState& s) const;
  std::vector<std::string> shown_errors(const session::FieldState& s) const;

  store::ProfileStore& store_;
  session::ModelPtr model_;
  store::AutosavedDraft draft_;
  std::optional<logic::Date> today_;
  Lang lang_;
  std::vector<FieldMeta> metas_;  // by index in model_->fields()
  std::set<std::string> touched_;
  bool show_all_ = false;
  std::vector<Block> blocks_;
  std::vector<std::string> form_errors_;
  double completeness_ = 0;
  size_t problems_ = 0;
  std::uint64_t revision_ = 0;
};

}  // namespace wb::desktop
