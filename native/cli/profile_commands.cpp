// `wangban --profile DIR drafts|submit|outbox ...`: the local store from a terminal (for operators, scripts and
// tests). Every edit goes through the same session code as the apps, and is saved before the command returns.

#include <filesystem>
#include <iostream>

#include "core/common/json_parse.hpp"
#include "core/common/utf8.hpp"
#include "core/form/form_loader.hpp"
#include "core/form/schema_paths.hpp"
#include "core/session/draft.hpp"
#include "core/session/migration.hpp"
#include "core/store/profile_store.hpp"
#include "core/store/submit.hpp"
#include "native/cli/cli_context.hpp"
#include "native/platform/catalog_dir.hpp"
#include "native/platform/files.hpp"
#include "native/platform/media_types.hpp"
#include "native/platform/system_env.hpp"

namespace wb::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Profile {
  native::SystemClock clock;
  native::SystemRandom random;
  std::unique_ptr<store::ProfileStore> store;
};

std::unique_ptr<Profile> open_profile(const Context& ctx) {
  if (ctx.profile_dir.empty())
    throw Error(ErrorCode::InvalidArgument, {{"detail", ctx.lang() == Lang::En ? "this command needs --profile DIR" : "此命令需要 --profile DIR"}});
  std::error_code ec;
  fs::create_directories(ctx.profile_dir, ec);
  if (ec) throw Error(ErrorCode::Unreadable, {{"what", ctx.profile_dir}, {"detail", ec.message()}});
  auto p = std::make_unique<Profile>();
  p->store = store::ProfileStore::open((fs::path(ctx.profile_dir) / "profile.db").string(), Environment{&p->clock, &p->random});
  return p;
}

session::ModelPtr model_from(const json& definition) {
  auto loaded = form::load_form(definition);
  if (!loaded.ok()) throw Error(loaded.diagnostics.front());
  std::vector<Diagnostic> errors;
  auto model = session::FormModel::build(loaded.form, &errors);
  if (!model) throw Error(errors.front());
  return model;
}

// The form of an item: from the profile's cache, else from the catalog folder (and then cached for offline use).
session::ModelPtr model_for(const Context& ctx, Profile& p, const std::string& item, std::optional<int> version) {
  if (auto cached = p.store->cached_form(item, version)) return model_from(*cached);
  auto loaded = native::load_catalog_dir(ctx.catalog_path());
  auto f = loaded.catalog.find(item);
  if (!f || (version && f->version != *version))
    throw Error(ErrorCode::StoreNoForm, {{"item", item}, {"version", version ? std::to_string(*version) : "?"}});
  p.store->cache_form(f->source);
  return model_from(f->source);
}

struct OpenDraft {
  store::DraftRecord record;
  session::ModelPtr model;
  std::unique_ptr<session::Draft> draft;
};

OpenDraft open_draft(const Context& ctx, Profile& p, const std::string& id) {
  auto record = p.store->draft(id);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
  OpenDraft od{*record, model_for(ctx, p, record->item_id, record->form_version), nullptr};
  od.draft = std::make_unique<session::Draft>(od.model, record->data, session::Draft::Options{native::local_today(p.clock)});
  return od;
}

void save(Profile& p, const OpenDraft& od) {
  auto view = od.draft->view();
  p.store->save_draft(od.record.id, od.draft->data(), view.completeness(), static_cast<int>(view.error_count));
}

std::string percent(double x) { return std::to_string(static_cast<int>(x * 100 + 0.5)) + "%"; }

json errors_json(const std::vector<session::FieldError>& errors, Lang lang) {
  json out = json::array();
  for (const auto& e : errors)
    out.push_back({{"location", e.location}, {"code", std::string(error_id(e.code))}, {"message", e.message(lang)}});
  return out;
}

void print_errors(std::ostream& out, const std::vector<session::FieldError>& errors, Lang lang) {
  for (const auto& e : errors) out << "  " << (e.location.empty() ? "/" : e.location) << ": " << e.message(lang) << "\n";
}

void cmd_new(Context& ctx, const std::string& item) {
  auto p = open_profile(ctx);
  auto model = model_for(ctx, *p, item, std::nullopt);
  session::Draft draft(model, json::object(), {native::local_today(p->clock)});
  std::string id = p->store->create_draft(model->form(), draft.data());
  auto view = draft.view();
  p->store->save_draft(id, draft.data(), view.completeness(), static_cast<int>(view.error_count));
  std::cout << id << "\n";
}

void cmd_list(Context& ctx, bool as_json) {
  auto p = open_profile(ctx);
  Lang lang = ctx.lang();
  auto drafts = p->store->drafts();
  if (as_json) {
    json out = json::array();
    for (const auto& d : drafts)
      out.push_back({{"id", d.id}, {"item", d.item_id}, {"version", d.form_version}, {"title", d.title.to_json()},
                     {"updatedAt", d.updated_at}, {"completeness", d.completeness}, {"errors", d.error_count}});
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (drafts.empty()) {
    std::cout << (lang == Lang::En ? "No drafts." : "没有草稿。") << "\n";
    return;
  }
  for (const auto& d : drafts) {
    std::cout << d.id << "  " << utf8_pad_right(percent(d.completeness), 6) << utf8_pad_right(d.title.get(lang), 30) << "  "
              << d.item_id << " v" << d.form_version << "\n";
  }
}

void cmd_set(Context& ctx, const std::string& id, const std::string& pointer, const std::string& value_text) {
  auto parsed = parse_json(value_text);
  if (!parsed.ok())
    throw Error(ErrorCode::InvalidArgument,
                {{"detail", ctx.lang() == Lang::En ? "the value must be JSON (a text needs quotes: '\"张三\"')"
                                                   : "值须为 JSON（文字要加引号，例如 '\"张三\"'）"}});
  auto p = open_profile(ctx);
  auto od = open_draft(ctx, *p, id);
  try {
    od.draft->set(pointer, *parsed.value);
  } catch (const Error& e) {
    std::cerr << "wangban: " << e.diagnostic().message(ctx.lang()) << "\n";
    ctx.exit_code = kExitFindings;
    return;
  }
  save(*p, od);
  std::vector<session::FieldError> here;
  for (const auto& e : od.draft->errors())
    if (e.location == pointer) here.push_back(e);
  print_errors(std::cout, here, ctx.lang());
}

void cmd_show(Context& ctx, const std::string& id, bool as_json) {
  auto p = open_profile(ctx);
  auto od = open_draft(ctx, *p, id);
  auto view = od.draft->view();
  Lang lang = ctx.lang();
  const auto& f = od.model->form();
  if (as_json) {
    json fields = json::array();
    for (const auto& s : view.fields) {
      fields.push_back({{"id", s.field->id}, {"location", s.location}, {"label", s.field->label.to_json()},
                        {"widget", std::string(form::widget_name(s.field->widget))}, {"visible", s.visible},
                        {"required", s.required}, {"readOnly", s.read_only}, {"value", s.value},
                        {"errors", errors_json(s.errors, lang)}});
    }
    json sections = json::array();
    for (const auto& s : view.sections)
      sections.push_back({{"id", s.section->id}, {"visible", s.visible}, {"rows", s.rows}, {"errors", errors_json(s.errors, lang)}});
    std::cout << json{{"id", id}, {"item", f.id}, {"version", f.version}, {"title", f.title.to_json()},
                      {"complete", view.complete()}, {"completeness", view.completeness()}, {"data", od.draft->data()},
                      {"fields", fields}, {"sections", sections}, {"formErrors", errors_json(view.form_errors, lang)},
                      {"migration", p->store->draft_migration_report(id).value_or(nullptr)}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << f.title.get(lang) << "  [" << f.id << " v" << f.version << "]  " << id << "\n";
  if (auto report = p->store->draft_migration_report(id)) {
    std::cout << (lang == Lang::En ? "Moved from version " : "已从版本 ") << report->value("from", 0)
              << (lang == Lang::En ? " to " : " 迁移到 ") << report->value("to", 0);
    if (!report->value("dropped", json::array()).empty())
      std::cout << (lang == Lang::En ? "; answers no longer asked: " : "；不再需要的回答：") << report->at("dropped").dump();
    if (!report->value("newlyRequired", json::array()).empty())
      std::cout << (lang == Lang::En ? "; newly required: " : "；新增必填：") << report->at("newlyRequired").dump();
    std::cout << "\n";
  }
  std::cout << (lang == Lang::En ? "Complete: " : "完成度：") << percent(view.completeness()) << "  ·  "
            << (view.complete() ? (lang == Lang::En ? "ready to submit" : "可以提交")
                                : std::to_string(view.error_count) + (lang == Lang::En ? " problem(s) to fix" : " 处需要填写或修改"))
            << "\n";
  std::string section;
  for (const auto& s : view.fields) {
    if (!s.visible) continue;
    if (s.field->section_id != section) {
      section = s.field->section_id;
      if (const auto* sec = f.find_section(section)) std::cout << "\n" << sec->title.get(lang) << "\n";
    }
    std::cout << "  " << (s.required ? "* " : "  ") << s.field->label.get(lang);
    if (s.row) std::cout << " #" << *s.row + 1;
    std::cout << "  (" << s.location << ")" << (s.read_only ? (lang == Lang::En ? " [computed]" : " [自动计算]") : "") << ": "
              << (s.value.is_null() ? (lang == Lang::En ? "—" : "（未填）") : s.value.dump()) << "\n";
    for (const auto& e : s.errors) std::cout << "      ✗ " << e.message(lang) << "\n";
  }
  for (const auto& s : view.sections)
    for (const auto& e : s.errors) std::cout << "  ✗ " << s.section->title.get(lang) << ": " << e.message(lang) << "\n";
  for (const auto& e : view.form_errors) std::cout << "  ✗ " << e.location << ": " << e.message(lang) << "\n";
}

void cmd_attach(Context& ctx, const std::string& id, const std::string& pointer, const std::string& file, std::string type) {
  std::string error;
  auto bytes = native::read_file(file, error);
  if (!bytes) throw Error(ErrorCode::Unreadable, {{"what", file}, {"detail", error}});
  auto p = open_profile(ctx);
  auto od = open_draft(ctx, *p, id);
  auto location = session::parse_path(pointer);
  std::optional<size_t> row;
  const session::ModelField* mf = od.model->field_at(location, &row);
  if (!mf || mf->field->widget != form::Widget::File || location.size() != mf->pattern.size())
    throw Error(ErrorCode::StoreNotAttachmentField, {{"pointer", pointer}});
  if (type.empty()) type = native::media_type_of(file);
  const form::Material* material = od.model->form().guide.find_material(mf->field->material);
  auto ref = p->store->put_attachment(id, pointer, *bytes, fs::path(file).filename().string(), type, material);
  // A list of files when the schema says so, one file otherwise.
  const json* current = session::find_at(od.draft->data(), location);
  form::SchemaPaths paths(od.model->form().schema);
  bool list = form::SchemaPaths::types_of(paths.resolve(mf->pattern)).count("array") > 0;
  if (list) {
    json arr = current && current->is_array() ? *current : json::array();
    arr.push_back(ref.to_json());
    od.draft->set(pointer, arr);
  } else {
    od.draft->set(pointer, ref.to_json());
  }
  save(*p, od);
  std::cout << ref.sha256 << "\n";
}

void cmd_delete(Context& ctx, const std::string& id) {
  auto p = open_profile(ctx);
  p->store->delete_draft(id);
}

void cmd_submit(Context& ctx, const std::string& id) {
  auto p = open_profile(ctx);
  auto record = p->store->draft(id);
  if (!record) throw Error(ErrorCode::StoreNoSuchDraft, {{"id", id}});
  auto model = model_for(ctx, *p, record->item_id, record->form_version);
  auto result = store::submit_draft(*p->store, id, model, native::local_today(p->clock));
  if (!result.item) {
    std::cerr << "wangban: "
              << render_template(error_template(ErrorCode::StoreIncomplete, ctx.lang()), {{"count", std::to_string(result.errors.size())}})
              << "\n";
    print_errors(std::cout, result.errors, ctx.lang());
    ctx.exit_code = kExitFindings;
    return;
  }
  std::cout << "queued " << result.item->id << " " << result.item->idempotency_key << "\n";
}

void cmd_outbox(Context& ctx, bool as_json) {
  auto p = open_profile(ctx);
  Lang lang = ctx.lang();
  auto items = p->store->outbox();
  if (as_json) {
    json out = json::array();
    for (const auto& it : items)
      out.push_back({{"id", it.id}, {"idempotencyKey", it.idempotency_key}, {"item", it.item_id}, {"version", it.form_version},
                     {"title", it.title.to_json()}, {"state", std::string(store::outbox_state_name(it.state))},
                     {"attention", it.attention}, {"attempts", it.attempts}, {"nextAttemptAt", it.next_attempt_at},
                     {"lastError", it.last_error}, {"receipt", it.receipt}, {"createdAt", it.created_at},
                     {"attachments", it.manifest.size()}});
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (items.empty()) {
    std::cout << (lang == Lang::En ? "The outbox is empty." : "没有待发送或已发送的申请。") << "\n";
    return;
  }
  std::int64_t now = p->clock.now_ms();
  std::cout << utf8_pad_right("ID", 6) << utf8_pad_right(lang == Lang::En ? "state" : "状态", 30)
            << utf8_pad_right(lang == Lang::En ? "attempts" : "尝试次数", 10) << utf8_pad_right(lang == Lang::En ? "next attempt" : "下次尝试", 14)
            << utf8_pad_right(lang == Lang::En ? "application" : "申请事项", 30) << "  " << (lang == Lang::En ? "acceptance no." : "受理编号")
            << "\n";
  for (const auto& it : items) {
    std::string receipt = it.receipt.is_object() ? it.receipt.value("acceptanceNumber", "") : "";
    std::string next = "—";
    if (it.state == store::OutboxState::Queued || it.state == store::OutboxState::Sending) {
      std::int64_t wait = (it.next_attempt_at - now + 999) / 1000;
      next = wait <= 0 ? (lang == Lang::En ? "now" : "立即") : (lang == Lang::En ? "in " + std::to_string(wait) + " s" : std::to_string(wait) + " 秒后");
    }
    std::string state(store::outbox_state_name(it.state));
    if (!it.attention.empty()) state += " (" + it.attention + ")";
    std::cout << utf8_pad_right(std::to_string(it.id), 6) << utf8_pad_right(state, 30) << utf8_pad_right(std::to_string(it.attempts), 10)
              << utf8_pad_right(next, 14) << utf8_pad_right(it.title.get(lang), 30) << "  " << receipt << "\n";
    // Why an item needs attention, in the person's language (the server's message when it gave one).
    if (it.state == store::OutboxState::NeedsAttention && it.last_error.is_object()) {
      const auto& e = it.last_error.contains("error") ? it.last_error["error"] : it.last_error;
      std::string why = e.contains("messages") ? e["messages"].value(lang == Lang::En ? "en" : "zh-CN", "") : "";
      if (why.empty()) why = e.value("message", "");
      if (!why.empty()) std::cout << "      ↳ " << why << "\n";
    }
  }
}

// `outbox migrate ID`: an item whose form version the server retired becomes a draft on the newest cached version.
void cmd_outbox_migrate(Context& ctx, std::int64_t id) {
  auto p = open_profile(ctx);
  Lang lang = ctx.lang();
  auto item = p->store->outbox_item(id);
  if (!item) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  if (item->state != store::OutboxState::NeedsAttention || item->attention != "version")
    throw Error(ErrorCode::InvalidArgument, {{"detail", lang == Lang::En ? "only items whose form version was retired can be migrated"
                                                                          : "只有表单版本已停止受理的申请才需要迁移"}});
  auto from = model_for(ctx, *p, item->item_id, item->form_version);
  auto latest = p->store->cached_form(item->item_id);
  if (!latest) throw Error(ErrorCode::StoreNoForm, {{"item", item->item_id}, {"version", "?"}});
  auto to = model_from(*latest);
  if (to->form().version <= item->form_version)
    throw Error(ErrorCode::StoreNoForm, {{"item", item->item_id}, {"version", std::to_string(item->form_version + 1) + "+"}});
  auto report = session::migrate_draft(from, to, item->payload, {native::local_today(p->clock)});
  json summary = {{"from", item->form_version}, {"to", to->form().version}, {"dropped", report.dropped},
                  {"newlyRequired", report.newly_required}};
  auto draft = p->store->supersede_with_draft(id, to->form(), report.data, summary);
  std::cout << draft << "\n";
  std::cerr << (lang == Lang::En ? "a draft on version " : "已生成版本 ") << to->form().version
            << (lang == Lang::En ? " was made; check it with `wangban drafts show " : " 的草稿，请用 `wangban drafts show ") << draft
            << (lang == Lang::En ? "` and submit it again\n" : "` 检查后重新提交\n");
}

}  // namespace

void add_profile_commands(CLI::App& app, Context& ctx) {
  auto* drafts = app.add_subcommand("drafts", "Drafts in a profile (needs --profile DIR)");
  drafts->require_subcommand(1);

  auto item = std::make_shared<std::string>();
  auto* n = drafts->add_subcommand("new", "Start a draft of a service item; prints the draft id");
  n->add_option("ITEM_ID", *item, "Item id (see `catalog list`)")->required();
  n->callback([&ctx, item] { cmd_new(ctx, *item); });

  auto list_json = std::make_shared<bool>(false);
  auto* l = drafts->add_subcommand("list", "List drafts, newest change first");
  l->add_flag("--json", *list_json, "Print JSON");
  l->callback([&ctx, list_json] { cmd_list(ctx, *list_json); });

  auto set_args = std::make_shared<std::array<std::string, 3>>();
  auto* s = drafts->add_subcommand("set", "Set a value (JSON) at a JSON Pointer, and save");
  s->add_option("DRAFT", (*set_args)[0], "Draft id")->required();
  s->add_option("POINTER", (*set_args)[1], "Where, e.g. /applicant/name")->required();
  s->add_option("JSON_VALUE", (*set_args)[2], "The value as JSON, e.g. '\"张三\"' or 3 or true")->required();
  s->callback([&ctx, set_args] { cmd_set(ctx, (*set_args)[0], (*set_args)[1], (*set_args)[2]); });

  auto show_id = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  auto* sh = drafts->add_subcommand("show", "Show values, visible and required fields, and errors");
  sh->add_option("DRAFT", *show_id, "Draft id")->required();
  sh->add_flag("--json", *show_json, "Print JSON");
  sh->callback([&ctx, show_id, show_json] { cmd_show(ctx, *show_id, *show_json); });

  auto att = std::make_shared<std::array<std::string, 4>>();
  auto* a = drafts->add_subcommand("attach", "Attach a file at an attachment field (checked against the material's limits)");
  a->add_option("DRAFT", (*att)[0], "Draft id")->required();
  a->add_option("POINTER", (*att)[1], "The attachment field, e.g. /attachments/idCard")->required();
  a->add_option("FILE", (*att)[2], "The file")->required();
  a->add_option("--type", (*att)[3], "Media type (default: from the file name)");
  a->callback([&ctx, att] { cmd_attach(ctx, (*att)[0], (*att)[1], (*att)[2], (*att)[3]); });

  auto del_id = std::make_shared<std::string>();
  auto* d = drafts->add_subcommand("delete", "Delete a draft");
  d->add_option("DRAFT", *del_id, "Draft id")->required();
  d->callback([&ctx, del_id] { cmd_delete(ctx, *del_id); });

  auto submit_id = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("submit", "Validate a draft and queue it for sending; prints `queued OUTBOX_ID IDEMPOTENCY_KEY`");
  sub->add_option("DRAFT", *submit_id, "Draft id")->required();
  sub->callback([&ctx, submit_id] { cmd_submit(ctx, *submit_id); });

  auto* outbox = app.add_subcommand("outbox", "The submission outbox (needs --profile DIR)");
  outbox->require_subcommand(1);
  auto out_json = std::make_shared<bool>(false);
  auto* ol = outbox->add_subcommand("list", "Every item with its state, attempts, next attempt and receipt");
  ol->add_flag("--json", *out_json, "Print JSON");
  ol->callback([&ctx, out_json] { cmd_outbox(ctx, *out_json); });
  auto migrate_id = std::make_shared<std::int64_t>(0);
  auto* om = outbox->add_subcommand("migrate", "Turn an item whose form version was retired into a draft on the new version");
  om->add_option("ID", *migrate_id, "Outbox item id")->required();
  om->callback([&ctx, migrate_id] { cmd_outbox_migrate(ctx, *migrate_id); });
}

}  // namespace wb::cli
