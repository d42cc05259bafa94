#include "core/form/form_loader.hpp"

#include <map>

#include "core/common/json_parse.hpp"
#include "core/common/json_pointer.hpp"
#include "core/form/document_reader.hpp"
#include "core/form/rule_checks.hpp"
#include "core/form/schema_paths.hpp"
#include "core/validate/validator.hpp"

namespace wb::form {
namespace {

using nlohmann::json;

bool is_lower_hex(const std::string& s, size_t len) {
  if (s.size() != len) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool is_media_type(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '+' || c == '-'))
      return false;
  return true;
}

bool is_money(const std::string& s) {
  size_t i = 0, digits = 0, decimals = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++decimals;
    if (decimals == 0 || decimals > 2) return false;
  }
  return i == s.size();
}

class Loader {
 public:
  explicit Loader(const json& doc) : doc_(doc), paths_(schema_or(doc, empty_schema_)) {}

  LoadResult run();

 private:
  static const json& schema_or(const json& doc, const json& fallback) {
    if (doc.is_object()) {
      auto it = doc.find("schema");
      if (it != doc.end() && it->is_object()) return *it;
    }
    return fallback;
  }

  void read_identity(FormDefinition& f);
  void read_departments(FormDefinition& f);
  void read_guide(FormDefinition& f);
  Material read_material(const json& j, const std::string& ptr);
  void read_downloads(FormDefinition& f);
  void read_schema(FormDefinition& f);
  void read_layout(FormDefinition& f);
  Section read_section(const json& j, const std::string& ptr, const std::string& page_id);
  Field read_field(const json& j, const std::string& ptr, const Section& section, const json* row_schema);
  void check_widget(const Field& field, const std::vector<const json*>& schemas, const std::string& ptr);
  void read_rules(FormDefinition& f);
  void claim_id(const std::string& id, const std::string& ptr);

  const json& doc_;
  const json empty_schema_ = json::object();
  SchemaPaths paths_;
  DocumentReader r_;
  std::map<std::string, std::string> ids_;  // id → pointer of its first use (pages, sections, fields, rules)
  FormDefinition* form_ = nullptr;
  bool has_guide_ = false;  // cross-checks against the guide only make sense when there is one
};

void Loader::claim_id(const std::string& id, const std::string& ptr) {
  if (id.empty()) return;
  auto [it, inserted] = ids_.emplace(id, ptr);
  if (!inserted) r_.report(ErrorCode::FormDuplicateId, ptr, {{"id", id}, {"first", it->second}});
}

LoadResult Loader::run() {
  LoadResult result;
  auto f = std::make_shared<FormDefinition>();
  form_ = f.get();
  // A different format version means the rest cannot be read by these rules: say only that.
  if (doc_.is_object()) {
    auto fv = doc_.find("formatVersion");
    if (fv != doc_.end() && fv->is_number_integer() && *fv != kFormatVersion) {
      r_.report(ErrorCode::FormUnsupportedFormat, "/formatVersion",
                {{"found", fv->dump()}, {"supported", std::to_string(kFormatVersion)}});
      result.diagnostics = std::move(r_.diagnostics());
      return result;
    }
  }
  if (!r_.check_object(doc_, "",
                       {"$schema", "formatVersion", "id", "version", "title", "summary", "audience", "visits",
                        "departments", "topics", "keywords", "guide", "downloads", "schema", "layout", "rules"},
                       {"formatVersion", "id", "version", "title", "audience", "visits", "departments", "guide",
                        "schema", "layout"})) {
    result.diagnostics = std::move(r_.diagnostics());
    return result;
  }
  r_.int_member(doc_, "", "formatVersion", kFormatVersion, kFormatVersion);
  read_identity(*f);
  read_departments(*f);
  read_guide(*f);
  read_downloads(*f);
  read_schema(*f);
  read_layout(*f);
  read_rules(*f);
  if (r_.diagnostics().empty()) {
    f->source = doc_;
    result.form = std::move(f);
  }
  result.diagnostics = std::move(r_.diagnostics());
  return result;
}

void Loader::read_identity(FormDefinition& f) {
  if (auto id = r_.string_member(doc_, "", "id")) {
    f.id = *id;
    r_.check_id(f.id, "/id", /*item_id=*/true);
  }
  if (auto v = r_.int_member(doc_, "", "version", 1, 1000000)) f.version = static_cast<int>(*v);
  if (r_.member(doc_, "title")) f.title = r_.text_member(doc_, "", "title");
  f.summary = r_.text_member(doc_, "", "summary");
  if (auto a = r_.string_member(doc_, "", "audience")) {
    if (*a == "citizen")
      f.audience = Audience::Citizen;
    else if (*a == "enterprise")
      f.audience = Audience::Enterprise;
    else if (*a == "both")
      f.audience = Audience::Both;
    else
      r_.report(ErrorCode::FormBadValue, "/audience",
                {{"detail", "audience is \"citizen\", \"enterprise\" or \"both\""},
                 {"detail_zh", "服务对象只能是 citizen（个人）、enterprise（法人）或 both（两者）"}});
  }
  if (auto v = r_.int_member(doc_, "", "visits", 0, 2)) f.visits = static_cast<int>(*v);
  if (const json* topics = r_.array_member(doc_, "", "topics")) {
    for (size_t i = 0; i < topics->size(); ++i) f.topics.push_back(r_.text((*topics)[i], pointer_append("/topics", i)));
  }
  if (const json* kw = r_.array_member(doc_, "", "keywords")) {
    for (size_t i = 0; i < kw->size(); ++i) {
      if (r_.expect_type((*kw)[i], pointer_append("/keywords", i), json::value_t::string))
        f.keywords.push_back((*kw)[i].get<std::string>());
    }
  }
}

void Loader::read_departments(FormDefinition& f) {
  const json* deps = r_.array_member(doc_, "", "departments", 1);
  if (!deps) return;
  std::map<std::string, std::string> seen;
  int leads = 0;
  for (size_t i = 0; i < deps->size(); ++i) {
    std::string ptr = pointer_append("/departments", i);
    const json& j = (*deps)[i];
    if (!r_.check_object(j, ptr, {"id", "name", "role"}, {"id", "name"})) continue;
    Department d;
    if (auto id = r_.string_member(j, ptr, "id")) {
      d.id = *id;
      if (r_.check_id(d.id, pointer_append(ptr, "id"))) {
        auto [it, ok] = seen.emplace(d.id, pointer_append(ptr, "id"));
        if (!ok) r_.report(ErrorCode::FormDuplicateId, pointer_append(ptr, "id"), {{"id", d.id}, {"first", it->second}});
      }
    }
    if (r_.member(j, "name")) d.name = r_.text_member(j, ptr, "name");
    if (auto role = r_.string_member(j, ptr, "role")) {
      if (*role == "lead")
        d.role = DepartmentRole::Lead;
      else if (*role == "parallel")
        d.role = DepartmentRole::Parallel;
      else
        r_.report(ErrorCode::FormBadValue, pointer_append(ptr, "role"),
                  {{"detail", "role is \"lead\" or \"parallel\""}, {"detail_zh", "角色只能是 lead（牵头）或 parallel（并联）"}});
    }
    if (d.role == DepartmentRole::Lead) ++leads;
    f.departments.push_back(std::move(d));
  }
  if (!f.departments.empty() && leads != 1) {
    r_.report(ErrorCode::FormBadValue, "/departments",
              {{"detail", "exactly one department must be the lead (found " + std::to_string(leads) + ")"},
               {"detail_zh", "必须有且只有一个牵头部门（现有 " + std::to_string(leads) + " 个）"}});
  }
}

Material Loader::read_material(const json& j, const std::string& ptr) {
  Material m;
  if (!r_.check_object(j, ptr,
                       {"id", "name", "required", "acceptedTypes", "maxSizeBytes", "electronicCertificate", "copies",
                        "note"},
                       {"id", "name", "required", "acceptedTypes", "maxSizeBytes", "electronicCertificate"}))
    return m;
  if (auto id = r_.string_member(j, ptr, "id")) {
    m.id = *id;
    r_.check_id(m.id, pointer_append(ptr, "id"));
  }
  if (r_.member(j, "name")) m.name = r_.text_member(j, ptr, "name");
  if (auto b = r_.bool_member(j, ptr, "required")) m.required = *b;
  if (const json* types = r_.array_member(j, ptr, "acceptedTypes", 1)) {
    for (size_t i = 0; i < types->size(); ++i) {
      std::string p = pointer_append(pointer_append(ptr, "acceptedTypes"), i);
      if (!r_.expect_type((*types)[i], p, json::value_t::string)) continue;
      std::string t = (*types)[i].get<std::string>();
      if (!is_media_type(t))
        r_.report(ErrorCode::FormBadValue, p,
                  {{"detail", "\"" + t + "\" is not a media type such as application/pdf"},
                   {"detail_zh", "“" + t + "”不是媒体类型（例如 application/pdf）"}});
      m.accepted_types.push_back(std::move(t));
    }
  }
  // 1 byte .. 2 GiB: the store and the upload protocol handle up to that.
  if (auto v = r_.int_member(j, ptr, "maxSizeBytes", 1, std::int64_t{2} << 30)) m.max_size_bytes = *v;
  if (auto b = r_.bool_member(j, ptr, "electronicCertificate")) m.electronic_certificate = *b;
  if (auto v = r_.int_member(j, ptr, "copies", 1, 100)) m.copies = static_cast<int>(*v);
  m.note = r_.text_member(j, ptr, "note");
  return m;
}

void Loader::read_guide(FormDefinition& f) {
  const json* g = r_.member(doc_, "guide");
  if (!g) return;
  has_guide_ = g->is_object();
  const std::string ptr = "/guide";
  if (!r_.check_object(*g, ptr,
                       {"legalBasis", "conditions", "procedure", "materials", "acceptingDepartment", "location",
                        "contact", "hours", "timeLimit", "fees", "feeBasis"},
                       {"legalBasis", "conditions", "procedure", "materials", "acceptingDepartment", "location",
                        "contact", "hours", "timeLimit", "fees"}))
    return;
  Guide& guide = f.guide;
  auto texts = [&](const char* key, std::vector<LocalizedText>& out) {
    if (const json* a = r_.array_member(*g, ptr, key, 1))
      for (size_t i = 0; i < a->size(); ++i) out.push_back(r_.text((*a)[i], pointer_append(pointer_append(ptr, key), i)));
  };
  texts("legalBasis", guide.legal_basis);
  texts("conditions", guide.conditions);
  if (const json* steps = r_.array_member(*g, ptr, "procedure", 1)) {
    for (size_t i = 0; i < steps->size(); ++i) {
      std::string p = pointer_append("/guide/procedure", i);
      const json& s = (*steps)[i];
      if (!r_.check_object(s, p, {"title", "description"}, {"title"})) continue;
      ProcedureStep step;
      if (r_.member(s, "title")) step.title = r_.text_member(s, p, "title");
      step.description = r_.text_member(s, p, "description");
      guide.procedure.push_back(std::move(step));
    }
  }
  if (const json* mats = r_.array_member(*g, ptr, "materials")) {
    std::map<std::string, std::string> seen;
    for (size_t i = 0; i < mats->size(); ++i) {
      std::string p = pointer_append("/guide/materials", i);
      Material m = read_material((*mats)[i], p);
      if (!m.id.empty()) {
        auto [it, ok] = seen.emplace(m.id, pointer_append(p, "id"));
        if (!ok) r_.report(ErrorCode::FormDuplicateId, pointer_append(p, "id"), {{"id", m.id}, {"first", it->second}});
      }
      guide.materials.push_back(std::move(m));
    }
  }
  if (r_.member(*g, "acceptingDepartment")) guide.accepting_department = r_.text_member(*g, ptr, "acceptingDepartment");
  if (r_.member(*g, "location")) guide.location = r_.text_member(*g, ptr, "location");
  if (r_.member(*g, "hours")) guide.hours = r_.text_member(*g, ptr, "hours");
  if (const json* c = r_.member(*g, "contact")) {
    std::string p = "/guide/contact";
    if (r_.check_object(*c, p, {"phone", "email", "note"}, {"phone"})) {
      if (auto phone = r_.string_member(*c, p, "phone")) guide.contact.phone = *phone;
      if (auto email = r_.string_member(*c, p, "email")) guide.contact.email = *email;
      guide.contact.note = r_.text_member(*c, p, "note");
    }
  }
  if (const json* t = r_.member(*g, "timeLimit")) {
    std::string p = "/guide/timeLimit";
    if (r_.check_object(*t, p, {"promisedDays", "statutoryDays"}, {"promisedDays"})) {
      if (auto d = r_.int_member(*t, p, "promisedDays", 0, 3650)) guide.time_limit.promised_days = static_cast<int>(*d);
      if (auto d = r_.int_member(*t, p, "statutoryDays", 0, 3650)) {
        guide.time_limit.statutory_days = static_cast<int>(*d);
        if (*d < guide.time_limit.promised_days)
          r_.report(ErrorCode::FormBadValue, pointer_append(p, "statutoryDays"),
                    {{"detail", "the statutory limit cannot be shorter than the promised limit"},
                     {"detail_zh", "法定时限不能短于承诺时限"}});
      }
    }
  }
  if (const json* fees = r_.array_member(*g, ptr, "fees")) {
    for (size_t i = 0; i < fees->size(); ++i) {
      std::string p = pointer_append("/guide/fees", i);
      const json& fj = (*fees)[i];
      if (!r_.check_object(fj, p, {"name", "amount", "basis"}, {"name", "amount", "basis"})) continue;
      Fee fee;
      if (r_.member(fj, "name")) fee.name = r_.text_member(fj, p, "name");
      if (auto a = r_.string_member(fj, p, "amount")) {
        fee.amount = *a;
        if (!is_money(*a))
          r_.report(ErrorCode::FormBadValue, pointer_append(p, "amount"),
                    {{"detail", "an amount is a decimal string in yuan with at most two decimals, such as \"9.00\""},
                     {"detail_zh", "金额应为以元为单位、最多两位小数的字符串，例如“9.00”"}});
      }
      if (r_.member(fj, "basis")) fee.basis = r_.text_member(fj, p, "basis");
      guide.fees.push_back(std::move(fee));
    }
  }
  guide.fee_basis = r_.text_member(*g, ptr, "feeBasis");
}

void Loader::read_downloads(FormDefinition& f) {
  const json* list = r_.array_member(doc_, "", "downloads");
  if (!list) return;
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string p = pointer_append("/downloads", i);
    const json& j = (*list)[i];
    if (!r_.check_object(j, p, {"fileName", "title", "mediaType", "size", "sha256"},
                         {"fileName", "title", "mediaType", "size", "sha256"}))
      continue;
    Download d;
    if (auto n = r_.string_member(j, p, "fileName")) {
      d.file_name = *n;
      bool ok = !n->empty() && n->find('/') == std::string::npos && n->find('\\') == std::string::npos &&
                *n != "." && *n != "..";
      if (!ok)
        r_.report(ErrorCode::FormBadValue, pointer_append(p, "fileName"),
                  {{"detail", "a file name cannot be empty or contain a path"}, {"detail_zh", "文件名不能为空，也不能包含路径"}});
      auto [it, inserted] = seen.emplace(*n, pointer_append(p, "fileName"));
      if (!inserted)
        r_.report(ErrorCode::FormDuplicateId, pointer_append(p, "fileName"), {{"id", *n}, {"first", it->second}});
    }
    if (r_.member(j, "title")) d.title = r_.text_member(j, p, "title");
    if (auto t = r_.string_member(j, p, "mediaType")) {
      d.media_type = *t;
      if (!is_media_type(*t))
        r_.report(ErrorCode::FormBadValue, pointer_append(p, "mediaType"),
                  {{"detail", "not a media type"}, {"detail_zh", "不是有效的媒体类型"}});
    }
    if (auto s = r_.int_member(j, p, "size", 0, std::int64_t{1} << 40)) d.size = *s;
    if (auto h = r_.string_member(j, p, "sha256")) {
      d.sha256 = *h;
      if (!is_lower_hex(*h, 64))
        r_.report(ErrorCode::FormBadValue, pointer_append(p, "sha256"),
                  {{"detail", "a SHA-256 is 64 lowercase hexadecimal digits"}, {"detail_zh", "SHA-256 应为 64 位小写十六进制数"}});
    }
    f.downloads.push_back(std::move(d));
  }
}

void Loader::read_schema(FormDefinition& f) {
  const json* s = r_.member(doc_, "schema");
  if (!s) return;
  if (!r_.expect_type(*s, "/schema", json::value_t::object)) return;
  if (auto it = s->find("$schema"); it != s->end()) {
    bool ok = it->is_string() && (*it == "https://json-schema.org/draft/2020-12/schema");
    if (!ok)
      r_.report(ErrorCode::FormBadSchema, "/schema/$schema",
                {{"detail", "form data schemas use JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema)"},
                 {"detail_zh", "表单数据结构须使用 JSON Schema 2020-12（https://json-schema.org/draft/2020-12/schema）"}});
  }
  if (auto it = s->find("type"); it == s->end() || *it != "object") {
    r_.report(ErrorCode::FormBadSchema, "/schema/type",
              {{"detail", "the data of an application is an object: the schema needs \"type\": \"object\""},
               {"detail_zh", "申请数据是一个对象：数据结构须声明 \"type\": \"object\""}});
  }
  // The schema must compile with the validation engine (bad $ref, invalid regex, wrong keyword types...).
  for (const auto& e : validate::Schema::compile(*s).errors) {
    std::string where = e.pointer.empty() || e.pointer[0] == '/' ? "/schema" + e.pointer : "/schema";
    r_.report(ErrorCode::FormBadSchema, where,
              {{"detail", e.message(Lang::En)}, {"detail_zh", e.message(Lang::ZhCN)}});
  }
  f.schema = *s;
}

void Loader::read_layout(FormDefinition& f) {
  const json* layout = r_.member(doc_, "layout");
  if (!layout || !r_.check_object(*layout, "/layout", {"pages"}, {"pages"})) return;
  const json* pages = r_.array_member(*layout, "/layout", "pages", 1);
  if (!pages) return;
  for (size_t i = 0; i < pages->size(); ++i) {
    std::string p = pointer_append("/layout/pages", i);
    const json& pj = (*pages)[i];
    if (!r_.check_object(pj, p, {"id", "title", "sections"}, {"id", "title", "sections"})) continue;
    Page page;
    if (auto id = r_.string_member(pj, p, "id")) {
      page.id = *id;
      if (r_.check_id(page.id, pointer_append(p, "id"))) claim_id(page.id, pointer_append(p, "id"));
    }
    if (r_.member(pj, "title")) page.title = r_.text_member(pj, p, "title");
    if (const json* sections = r_.array_member(pj, p, "sections", 1)) {
      for (size_t k = 0; k < sections->size(); ++k)
        page.sections.push_back(read_section((*sections)[k], pointer_append(pointer_append(p, "sections"), k), page.id));
    }
    f.pages.push_back(std::move(page));
  }
}

Section Loader::read_section(const json& j, const std::string& ptr, const std::string& page_id) {
  Section s;
  if (!r_.check_object(j, ptr, {"id", "title", "help", "fields", "repeat"}, {"id", "title", "fields"})) return s;
  if (auto id = r_.string_member(j, ptr, "id")) {
    s.id = *id;
    if (r_.check_id(s.id, pointer_append(ptr, "id"))) claim_id(s.id, pointer_append(ptr, "id"));
  }
  if (r_.member(j, "title")) s.title = r_.text_member(j, ptr, "title");
  s.help = r_.text_member(j, ptr, "help");
  const json* row_schema = nullptr;
  bool repeat_ok = true;
  if (const json* rep = r_.member(j, "repeat")) {
    std::string rp = pointer_append(ptr, "repeat");
    repeat_ok = false;
    if (r_.check_object(*rep, rp, {"bind", "minRows", "maxRows", "addLabel"}, {"bind"})) {
      Repeat repeat;
      if (auto bind = r_.string_member(*rep, rp, "bind")) {
        repeat.bind = *bind;
        auto tokens = split_pointer(*bind);
        std::vector<const json*> schemas;
        if (tokens && !tokens->empty()) schemas = paths_.resolve(*tokens);
        auto types = SchemaPaths::types_of(schemas);
        if (!tokens || tokens->empty() || schemas.empty()) {
          r_.report(ErrorCode::FormUnboundField, pointer_append(rp, "bind"), {{"bind", *bind}});
        } else if (!types.count("array")) {
          r_.report(ErrorCode::FormWidgetMismatch, pointer_append(rp, "bind"),
                    {{"widget", "repeat"},
                     {"detail", "a repeat group binds to an array"},
                     {"detail_zh", "重复分组须绑定到数组"}});
        } else {
          auto items = paths_.resolve(*tokens);  // the array's schemas; rows are "*"
          auto row = paths_.resolve({"*"}, items.front());
          if (!row.empty()) row_schema = row.front();
          repeat_ok = row_schema != nullptr;
          if (!repeat_ok)
            r_.report(ErrorCode::FormBadSchema, pointer_append(rp, "bind"),
                      {{"detail", "the array has no \"items\" schema describing a row"},
                       {"detail_zh", "该数组缺少描述每一行的 items"}});
        }
      }
      if (auto v = r_.int_member(*rep, rp, "minRows", 0, 10000)) repeat.min_rows = static_cast<int>(*v);
      if (auto v = r_.int_member(*rep, rp, "maxRows", 1, 10000)) repeat.max_rows = static_cast<int>(*v);
      if (repeat.min_rows && repeat.max_rows && *repeat.min_rows > *repeat.max_rows)
        r_.report(ErrorCode::FormBadValue, pointer_append(rp, "minRows"),
                  {{"detail", "minRows is greater than maxRows"}, {"detail_zh", "最少行数大于最多行数"}});
      repeat.add_label = r_.text_member(*rep, rp, "addLabel");
      s.repeat = std::move(repeat);
    }
  }
  if (const json* fields = r_.array_member(j, ptr, "fields", 1)) {
    for (size_t i = 0; i < fields->size(); ++i) {
      std::string fp = pointer_append(pointer_append(ptr, "fields"), i);
      if (s.repeat && !repeat_ok) {
        // The group's own binding is broken; its fields cannot be resolved, but their shape can still be checked.
        Field field = read_field((*fields)[i], fp, s, nullptr);
        s.fields.push_back(std::move(field));
        continue;
      }
      Field field = read_field((*fields)[i], fp, s, row_schema);
      field.page_id = page_id;
      s.fields.push_back(std::move(field));
    }
  }
  for (auto& field : s.fields) field.page_id = page_id;
  return s;
}

Field Loader::read_field(const json& j, const std::string& ptr, const Section& section, const json* row_schema) {
  Field field;
  field.pointer = ptr;
  field.section_id = section.id;
  if (!r_.check_object(j, ptr,
                       {"id", "bind", "widget", "label", "help", "placeholder", "readOnly", "material", "options",
                        "messages"},
                       {"id", "bind", "widget", "label"}))
    return field;
  if (auto id = r_.string_member(j, ptr, "id")) {
    field.id = *id;
    if (r_.check_id(field.id, pointer_append(ptr, "id"))) claim_id(field.id, pointer_append(ptr, "id"));
  }
  if (r_.member(j, "label")) field.label = r_.text_member(j, ptr, "label");
  field.help = r_.text_member(j, ptr, "help");
  field.placeholder = r_.text_member(j, ptr, "placeholder");
  if (auto ro = r_.bool_member(j, ptr, "readOnly")) field.read_only = *ro;
  if (auto w = r_.string_member(j, ptr, "widget")) {
    if (auto widget = widget_from_name(*w)) {
      field.widget = *widget;
    } else {
      r_.report(ErrorCode::FormBadValue, pointer_append(ptr, "widget"),
                {{"detail", "unknown widget \"" + *w + "\" (see docs/form-format.md)"},
                 {"detail_zh", "未知的控件“" + *w + "”（见 docs/form-format.md）"}});
    }
  }
  std::vector<const json*> schemas;
  bool bound = false;
  if (auto bind = r_.string_member(j, ptr, "bind")) {
    field.bind = *bind;
    auto tokens = split_pointer(*bind);
    bool in_repeat = section.repeat.has_value();
    if (tokens && !tokens->empty() && (!in_repeat || row_schema)) {
      schemas = paths_.resolve(*tokens, in_repeat ? row_schema : nullptr);
      bound = !schemas.empty();
    }
    if (tokens && in_repeat && !row_schema) {
      bound = true;  // the group's binding was already reported
    } else if (!bound) {
      r_.report(ErrorCode::FormUnboundField, pointer_append(ptr, "bind"), {{"bind", *bind}});
    }
    if (tokens) field.data_path = in_repeat ? section.repeat->bind + "/*" + *bind : *bind;
  }
  if (auto m = r_.string_member(j, ptr, "material")) {
    field.material = *m;
    if (has_guide_ && !form_->guide.find_material(*m))
      r_.report(ErrorCode::FormUnknownMaterial, pointer_append(ptr, "material"), {{"material", *m}});
  }
  if (const json* opts = r_.array_member(j, ptr, "options", 1)) {
    for (size_t i = 0; i < opts->size(); ++i) {
      std::string op = pointer_append(pointer_append(ptr, "options"), i);
      const json& oj = (*opts)[i];
      if (!r_.check_object(oj, op, {"value", "label"}, {"value", "label"})) continue;
      Option o;
      o.value = oj.value("value", json());
      if (r_.member(oj, "label")) o.label = r_.text_member(oj, op, "label");
      field.options.push_back(std::move(o));
    }
  }
  if (const json* msgs = r_.member(j, "messages")) {
    std::string mp = pointer_append(ptr, "messages");
    if (r_.expect_type(*msgs, mp, json::value_t::object)) {
      for (const auto& [keyword, text] : msgs->items()) field.messages.emplace_back(keyword, r_.text(text, pointer_append(mp, keyword)));
    }
  }
  if (bound && !schemas.empty()) check_widget(field, schemas, ptr);
  return field;
}

void Loader::check_widget(const Field& field, const std::vector<const json*>& schemas, const std::string& ptr) {
  auto types = SchemaPaths::types_of(schemas);
  auto has = [&](const char* t) { return types.empty() || types.count(t) > 0; };
  auto mismatch = [&](const std::string& en, const std::string& zh) {
    r_.report(ErrorCode::FormWidgetMismatch, pointer_append(ptr, "widget"),
              {{"widget", std::string(widget_name(field.widget))}, {"detail", en}, {"detail_zh", zh}});
  };
  auto format = SchemaPaths::format_of(schemas);
  auto needs_format = [&](const char* fmt) {
    if (!has("string")) mismatch("needs a string", "需要字符串类型");
    else if (format != fmt)
      mismatch(std::string("needs \"format\": \"") + fmt + "\" in the schema",
               std::string("数据结构中须声明 \"format\": \"") + fmt + "\"");
  };
  switch (field.widget) {
    case Widget::Text:
    case Widget::Textarea:
    case Widget::Email:
      if (!has("string")) mismatch("needs a string", "需要字符串类型");
      break;
    case Widget::Number:
      if (!has("number") && !has("integer")) mismatch("needs a number or integer", "需要数字类型");
      break;
    case Widget::Money:
      if (!has("number") && !has("string")) mismatch("needs a number or a decimal string", "需要数字或小数字符串");
      break;
    case Widget::Date: needs_format("date"); break;
    case Widget::ResidentId: needs_format("cn-resident-id"); break;
    case Widget::Uscc: needs_format("cn-uscc"); break;
    case Widget::Mobile: needs_format("cn-mobile"); break;
    case Widget::Postcode: needs_format("cn-postcode"); break;
    case Widget::Checkbox:
      if (!has("boolean")) mismatch("needs a boolean", "需要布尔类型");
      break;
    case Widget::Select:
    case Widget::Radio:
    case Widget::Multiselect: {
      std::vector<json> values;
      if (field.widget == Widget::Multiselect) {
        if (!has("array")) {
          mismatch("needs an array", "需要数组类型");
          break;
        }
        values = SchemaPaths::enum_of(paths_.resolve({"*"}, schemas.front()));
      } else {
        values = SchemaPaths::enum_of(schemas);
      }
      if (values.empty()) {
        mismatch("needs an \"enum\" listing the choices", "须用 \"enum\" 列出可选值");
        break;
      }
      for (size_t i = 0; i < field.options.size(); ++i) {
        bool known = false;
        for (const auto& v : values) known = known || v == field.options[i].value;
        if (!known)
          r_.report(ErrorCode::FormBadValue, pointer_append(pointer_append(pointer_append(ptr, "options"), i), "value"),
                    {{"detail", "the option " + field.options[i].value.dump() + " is not in the schema's enum"},
                     {"detail_zh", "选项 " + field.options[i].value.dump() + " 不在数据结构的 enum 中"}});
      }
      break;
    }
    case Widget::Address:
      if (!has("object") && !has("string")) mismatch("needs an object or a string", "需要对象或字符串类型");
      break;
    case Widget::File:
      if (!has("object") && !has("array")) mismatch("needs an attachment object or an array of them", "需要附件对象或附件数组");
      if (field.material.empty())
        r_.report(ErrorCode::FormMissingKey, pointer_append(ptr, "material"), {{"key", "material"}});
      break;
    case Widget::Static: break;
  }
}

void Loader::read_rules(FormDefinition& f) {
  const json* rules = r_.array_member(doc_, "", "rules");
  if (!rules) return;
  for (size_t i = 0; i < rules->size(); ++i) {
    std::string p = pointer_append("/rules", i);
    const json& rj = (*rules)[i];
    if (!r_.check_object(rj, p, {"id", "kind", "target", "logic", "message"}, {"id", "kind", "target", "logic"})) continue;
    Rule rule;
    rule.pointer = p;
    if (auto id = r_.string_member(rj, p, "id")) {
      rule.id = *id;
      if (r_.check_id(rule.id, pointer_append(p, "id"))) claim_id(rule.id, pointer_append(p, "id"));
    }
    bool kind_ok = false;
    if (auto k = r_.string_member(rj, p, "kind")) {
      for (RuleKind kind : {RuleKind::Visible, RuleKind::Required, RuleKind::Compute, RuleKind::MinRows,
                            RuleKind::MaxRows, RuleKind::Assert}) {
        if (rule_kind_name(kind) == *k) {
          rule.kind = kind;
          kind_ok = true;
        }
      }
      if (!kind_ok)
        r_.report(ErrorCode::FormBadValue, pointer_append(p, "kind"),
                  {{"detail", "unknown rule kind \"" + *k + "\" (visible, required, compute, minRows, maxRows, assert)"},
                   {"detail_zh", "未知的规则类型“" + *k + "”（可用 visible、required、compute、minRows、maxRows、assert）"}});
    }
    if (auto t = r_.string_member(rj, p, "target")) rule.target = *t;
    if (const json* logic = r_.member(rj, "logic")) rule.logic = *logic;
    rule.message = r_.text_member(rj, p, "message");
    if (kind_ok && rule.kind == RuleKind::Assert && rule.message.empty() && !r_.member(rj, "message"))
      r_.report(ErrorCode::FormMissingKey, pointer_append(p, "message"), {{"key", "message"}});
    f.rules.push_back(std::move(rule));
    if (kind_ok && !f.rules.back().target.empty()) check_rule(f, f.rules.back(), paths_, r_);
  }
  check_compute_cycles(f, r_);
}

}  // namespace

LoadResult load_form(const json& document) {
  Loader loader(document);
  return loader.run();
}

LoadResult load_form_text(std::string_view json_text) {
  auto parsed = parse_json(json_text);
  if (!parsed.ok()) {
    LoadResult result;
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  return load_form(*parsed.value);
}

}  // namespace wb::form
