// `wangban validate` and `wangban form validate`: check data against a JSON Schema or a form's schema.

#include <iostream>
#include <map>

#include "core/common/json_parse.hpp"
#include "core/form/form_loader.hpp"
#include "core/validate/form_messages.hpp"
#include "core/validate/validator.hpp"
#include "native/cli/cli_context.hpp"
#include "native/platform/files.hpp"

namespace wb::cli {
namespace {

using nlohmann::json;

std::string read_or_throw(const std::string& file) {
  std::string error;
  auto text = native::read_file(file, error);
  if (!text) throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", error}});
  return std::move(*text);
}

json parse_or_throw(const std::string& file, const std::string& text) {
  JsonParseResult parsed;
  try {
    parsed = parse_json(text);
  } catch (const std::exception& e) {  // e.g. a number beyond the range of a double
    throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", e.what()}});
  }
  if (!parsed.ok()) {
    const Diagnostic& d = parsed.diagnostics.front();
    throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", format_diagnostic(d, Lang::En)}});
  }
  return std::move(*parsed.value);
}

// --map URL=DIR: references under URL are read from files under DIR (never from the network).
validate::Resolver map_resolver(const std::vector<std::string>& maps) {
  std::vector<std::pair<std::string, std::string>> prefixes;
  for (const auto& m : maps) {
    auto eq = m.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(ErrorCode::InvalidArgument, {{"detail", "--map expects URL=DIR, got \"" + m + "\""}});
    prefixes.emplace_back(m.substr(0, eq), m.substr(eq + 1));
  }
  return [prefixes](const std::string& uri) -> std::optional<json> {
    for (const auto& p : prefixes) {
      if (uri.rfind(p.first, 0) != 0) continue;
      std::string rest = uri.substr(p.first.size());
      if (rest.find("..") != std::string::npos) return std::nullopt;
      std::string error;
      auto text = native::read_file(std::filesystem::path(p.second) / rest, error);
      if (!text) return std::nullopt;
      try {
        auto parsed = parse_json(*text);
        if (parsed.ok()) return std::move(*parsed.value);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  };
}

void print_compile_errors(const std::string& file, const std::vector<validate::CompileError>& errors, Lang lang) {
  for (const auto& e : errors) std::cerr << file << ":" << (e.pointer.empty() ? "/" : e.pointer) << ": " << e.message(lang) << "\n";
}

void print_result(Context& ctx, const validate::ValidationResult& r, bool as_json, const validate::MessageOverride& ov,
                  const form::FormDefinition* form) {
  Lang lang = ctx.lang();
  if (as_json) {
    json out = json::array();
    for (const auto& e : r.errors) {
      json j = {{"instanceLocation", e.instance_location},
                {"instancePath", e.instance_location},
                {"keywordLocation", e.keyword_location},
                {"code", std::string(error_id(e.code))},
                {"message", validate::error_message(e, lang, ov)}};
      if (!e.absolute_keyword_location.empty()) j["absoluteKeywordLocation"] = e.absolute_keyword_location;
      if (form != nullptr)
        if (const form::Field* f = validate::field_for_location(*form, e.instance_location)) j["field"] = f->id;
      out.push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
  } else if (r.valid) {
    std::cout << (lang == Lang::En ? "valid" : "校验通过") << "\n";
  } else {
    for (const auto& e : r.errors) {
      std::string where = e.instance_location.empty() ? "/" : e.instance_location;
      if (form != nullptr)
        if (const form::Field* f = validate::field_for_location(*form, e.instance_location))
          where = f->label.get(lang) + (lang == Lang::En ? " (" : "（") + where + (lang == Lang::En ? ")" : "）");
      std::cout << where << (lang == Lang::En ? ": " : "：") << validate::error_message(e, lang, ov) << "\n";
    }
    std::cout << r.errors.size() << (lang == Lang::En ? " error(s)" : " 个错误") << "\n";
  }
  if (!r.valid) ctx.exit_code = kExitFindings;
}

struct ValidateArgs {
  std::string schema, data;
  bool json = false;
  bool assert_formats = false;
  std::vector<std::string> maps;
};

void run_validate(Context& ctx, const ValidateArgs& a) {
  json schema = parse_or_throw(a.schema, read_or_throw(a.schema));
  json data = parse_or_throw(a.data, read_or_throw(a.data));
  validate::CompileOptions options;
  options.assert_formats = a.assert_formats;
  options.resolver = map_resolver(a.maps);
  auto compiled = validate::Schema::compile(schema, options);
  if (!compiled.ok()) {
    print_compile_errors(a.schema, compiled.errors, ctx.lang());
    ctx.exit_code = kExitUsage;
    return;
  }
  print_result(ctx, compiled.schema->validate(data), a.json, {}, nullptr);
}

void run_form_validate(Context& ctx, const std::string& form_file, const std::string& data_file, bool as_json) {
  auto loaded = form::load_form_text(read_or_throw(form_file));
  json data = parse_or_throw(data_file, read_or_throw(data_file));
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics) std::cerr << form_file << ":" << format_diagnostic(d, ctx.lang()) << "\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  validate::CompileOptions options;
  options.assert_formats = true;  // forms check formats
  auto compiled = validate::Schema::compile(loaded.form->schema, options);
  if (!compiled.ok()) {
    print_compile_errors(form_file, compiled.errors, ctx.lang());
    ctx.exit_code = kExitUsage;
    return;
  }
  auto ov = validate::form_message_override(*loaded.form);
  print_result(ctx, compiled.schema->validate(data), as_json, ov, loaded.form.get());
}

}  // namespace

void add_validate_commands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  auto* v = app.add_subcommand(
      "validate", "Validate JSON data against a JSON Schema: exit 0 valid, 1 invalid, 2 unreadable or bad schema");
  v->add_option("--schema", args->schema, "Schema file (JSON Schema 2020-12, or draft-07 by $schema)")->required();
  v->add_option("--data", args->data, "Data file (JSON)")->required();
  v->add_flag("--json", args->json, "Print errors as a JSON array");
  v->add_flag("--assert-formats", args->assert_formats, "Check \"format\" (otherwise formats are annotations)");
  v->add_option("--map", args->maps, "URL=DIR: resolve remote $refs under URL from files in DIR (repeatable)");
  v->callback([&ctx, args] { run_validate(ctx, *args); });

  CLI::App* form = nullptr;
  try {
    form = app.get_subcommand("form");
  } catch (const CLI::OptionNotFound&) {
    form = app.add_subcommand("form", "Work with form definitions");
  }
  auto form_file = std::make_shared<std::string>();
  auto data_file = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  auto* fv = form->add_subcommand(
      "validate", "Validate application data against a form definition (formats checked, field messages used)");
  fv->add_option("FORM", *form_file, "Form definition file")->required();
  fv->add_option("DATA", *data_file, "Application data file (JSON)")->required();
  fv->add_flag("--json", *as_json, "Print errors as a JSON array");
  fv->callback([&ctx, form_file, data_file, as_json] { run_form_validate(ctx, *form_file, *data_file, *as_json); });
}

}  // namespace wb::cli
