#include "core/validate/validator.hpp"

#include "core/validate/compiled_schema.hpp"

namespace wb::validate {

Schema::Schema(std::unique_ptr<CompiledSchema> impl) : impl_(std::move(impl)) {}
Schema::Schema(Schema&&) noexcept = default;
Schema& Schema::operator=(Schema&&) noexcept = default;
Schema::~Schema() = default;

Schema::CompileResult Schema::compile(const nlohmann::json& schema, const CompileOptions& options) {
  auto impl = std::make_unique<CompiledSchema>();
  CompileResult result;
  try {
    compile_schema(*impl, schema, options, result.errors);
  } catch (const std::exception& e) {  // e.g. allocation failure; never let a broken schema escape as a crash
    result.errors.push_back(CompileError{ErrorCode::SchemaBadKeyword, "",
                                         {{"keyword", ""}, {"detail", e.what()}, {"detail_zh", e.what()}}});
  }
  if (result.errors.empty() && impl->root != nullptr) result.schema.emplace(Schema(std::move(impl)));
  return result;
}

bool Schema::is_valid(const nlohmann::json& instance) const {
  detail::Ctx ctx;
  ctx.assert_formats = impl_->assert_formats;
  return impl_->root->eval(instance, ctx, nullptr, nullptr, nullptr);
}

ValidationResult Schema::validate(const nlohmann::json& instance, const ValidateOptions& options) const {
  ValidationResult r;
  detail::Ctx ctx;
  ctx.assert_formats = options.assert_formats.value_or(impl_->assert_formats);
  ctx.stop_at_first = options.stop_at_first;
  ctx.errors = &r.errors;
  r.valid = impl_->root->eval(instance, ctx, nullptr, nullptr, nullptr);
  if (!r.valid && r.errors.empty()) {  // defensive: a failure always explains itself
    ValidationError e;
    e.code = ErrorCode::ValidateFalse;
    e.keyword = "false";
    r.errors.push_back(std::move(e));
  }
  return r;
}

Draft Schema::draft() const { return impl_->draft; }

}  // namespace wb::validate
