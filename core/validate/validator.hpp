#pragma once
// JSON Schema validation (draft 2020-12 by default, draft-07 when "$schema" says so) over nlohmann::json.
// Compile a schema once (Schema::compile), validate many instances (Schema::validate / is_valid). Remote
// references never touch the network: they resolve through the caller's Resolver. The official metaschemas are
// built in. Errors carry JSON Pointers, a stable code from error_codes.def and citizen-grade zh-CN/en messages.

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/errors.hpp"
#include "core/common/localized_text.hpp"

namespace wb::validate {

enum class Draft { Draft7, Draft2020_12 };

// Resolves an absolute URI (without fragment) to a schema document, or nullopt when unknown. Called only while
// compiling. Example: a map from URI to document, or a function reading files under a mapped folder.
using Resolver = std::function<std::optional<nlohmann::json>(const std::string& uri)>;

struct CompileOptions {
  Draft default_draft = Draft::Draft2020_12;  // when the root has no (known) "$schema"
  bool assert_formats = false;                // "format" is an annotation unless asked (or a vocabulary says so)
  Resolver resolver;                          // may be empty: only embedded and built-in documents resolve
  std::string base_uri;                       // retrieval URI of the root schema; "" means a private default
};

// A problem with the schema itself: where (JSON Pointer into the root schema, or "uri#pointer" for a remote
// document) and why.
struct CompileError {
  ErrorCode code = ErrorCode::Ok;
  std::string pointer;
  MessageArgs args;  // always has "detail" (en) and "detail_zh"
  std::string message(Lang lang) const;
  std::string detail() const;     // English reason
  std::string detail_zh() const;  // Chinese reason
};

struct ValidationError {
  std::string instance_location;           // JSON Pointer into the instance (required: the missing property's)
  std::string keyword_location;            // JSON Pointer into the schema along the evaluation path ($ref included)
  std::string absolute_keyword_location;   // "uri#pointer" of the keyword; set when a $ref was crossed
  std::string keyword;                     // "required", "format", "minLength", ...
  ErrorCode code = ErrorCode::Ok;
  MessageArgs args;

  std::string arg(std::string_view name) const;
};

// Per-field message overrides: given an error, return the text to show instead of the default, or nullptr.
// core/session maps instance location → form field → Field::messages[keyword] (see form_messages.hpp).
using MessageOverride = std::function<const LocalizedText*(const ValidationError&)>;

// The citizen-grade message of an error (override first, then the code's template).
std::string error_message(const ValidationError& e, Lang lang, const MessageOverride& override_fn = {});

struct ValidateOptions {
  bool stop_at_first = false;
  std::optional<bool> assert_formats;  // overrides CompileOptions::assert_formats when set
};

struct ValidationResult {
  bool valid = true;
  std::vector<ValidationError> errors;
};

struct CompiledSchema;  // internal

class Schema {
 public:
  struct CompileResult;
  static CompileResult compile(const nlohmann::json& schema, const CompileOptions& options = {});

  bool is_valid(const nlohmann::json& instance) const;  // fastest: no error objects
  ValidationResult validate(const nlohmann::json& instance, const ValidateOptions& options = {}) const;
  Draft draft() const;

  Schema(Schema&&) noexcept;
  Schema& operator=(Schema&&) noexcept;
  ~Schema();

 private:
  explicit Schema(std::unique_ptr<CompiledSchema> impl);
  std::unique_ptr<CompiledSchema> impl_;
};

struct Schema::CompileResult {
  std::optional<Schema> schema;       // set when errors is empty
  std::vector<CompileError> errors;
  bool ok() const { return schema.has_value(); }
};

}  // namespace wb::validate
