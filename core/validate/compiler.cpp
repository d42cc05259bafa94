// Compiling a schema: find every resource and anchor (scan), then turn each reachable schema location into a
// Node with its keyword evaluators (build), resolving $ref/$dynamicRef to Nodes. A worklist instead of recursion
// keeps long $ref chains from deepening the stack; memoization by location makes cycles harmless.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/common/json_pointer.hpp"
#include "core/validate/compiled_schema.hpp"
#include "core/validate/keywords.hpp"
#include "core/validate/metaschemas.hpp"
#include "core/validate/uri.hpp"

namespace wb::validate {
namespace {

using nlohmann::json;
using detail::Child;
using detail::Node;
using detail::Resource;

constexpr int kMaxSchemaDepth = 256;
constexpr size_t kMaxErrors = 50;

constexpr std::string_view kVocabPrefix = "https://json-schema.org/draft/2020-12/vocab/";

struct Vocab {
  bool validation = true;
  bool applicator = true;
  bool unevaluated = true;
  bool format_assertion = false;
};

struct Info {
  std::string base;  // base URI (no fragment) after this location's own $id
  Draft draft = Draft::Draft2020_12;
  Vocab vocab;
  Resource* resource = nullptr;
  std::string res_ptr;  // pointer inside the resource
  std::string doc_ptr;  // where to report problems: pointer into the root schema, or "uri#pointer"
};

enum class Kind { None, Single, Array, Map, ItemsD7, DependenciesD7 };

Kind subschema_kind(std::string_view k, Draft d) {
  static constexpr std::string_view kSingle[] = {"additionalProperties", "contains", "propertyNames", "not", "if",
                                                 "then", "else"};
  for (auto s : kSingle)
    if (k == s) return Kind::Single;
  if (k == "allOf" || k == "anyOf" || k == "oneOf") return Kind::Array;
  if (k == "properties" || k == "patternProperties") return Kind::Map;
  if (d == Draft::Draft7) {
    if (k == "items") return Kind::ItemsD7;
    if (k == "additionalItems") return Kind::Single;
    if (k == "definitions") return Kind::Map;
    if (k == "dependencies") return Kind::DependenciesD7;
    return Kind::None;
  }
  if (k == "items" || k == "unevaluatedProperties" || k == "unevaluatedItems" || k == "contentSchema")
    return Kind::Single;
  if (k == "prefixItems") return Kind::Array;
  if (k == "$defs" || k == "dependentSchemas") return Kind::Map;
  if (k == "definitions" || k == "dependencies") return k == "definitions" ? Kind::Map : Kind::DependenciesD7;
  return Kind::None;
}

std::string seg_of(std::string_view a) {
  std::string r(1, '/');
  r += escape_pointer_token(a);
  return r;
}
std::string seg_of(std::string_view a, std::string_view b) { return seg_of(a) + seg_of(b); }
std::string seg_of(std::string_view a, size_t i) { return seg_of(a) + "/" + std::to_string(i); }

std::optional<size_t> non_negative(const json& v) {
  if (v.is_number_unsigned()) return static_cast<size_t>(std::min<std::uint64_t>(v.get<std::uint64_t>(), SIZE_MAX));
  if (v.is_number_integer()) {
    auto i = v.get<std::int64_t>();
    if (i < 0) return std::nullopt;
    return static_cast<size_t>(i);
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d >= 0 && d == static_cast<double>(static_cast<std::uint64_t>(std::min(d, 1.8e19))) && d < 1.8e19)
      return static_cast<size_t>(std::min<double>(d, static_cast<double>(SIZE_MAX / 2)));
  }
  return std::nullopt;
}

class Compiler {
 public:
  Compiler(CompiledSchema& out, const CompileOptions& opts, std::vector<CompileError>& errors)
      : out_(out), opts_(opts), errors_(errors) {}

  void run(const json& schema);

 private:
  Resource* new_resource(const std::string& uri) {
    auto it = resource_objs_.find(uri);
    if (it != resource_objs_.end()) return it->second;
    out_.resources.push_back(Resource{uri, {}});
    Resource* r = &out_.resources.back();
    resource_objs_[uri] = r;
    return r;
  }
  const json* load(const std::string& uri, Draft fallback);
  void detect(const std::string& schema_uri, Draft& draft, Vocab& vocab);
  void scan(const json& s, std::string base, Draft draft, Vocab vocab, Resource* res, const std::string& res_ptr,
            const std::string& doc_ptr, int depth, bool doc_root);
  Node* node_for(const json* s, const Info* fallback, const std::string& fallback_ptr);
  void build(Node& n, const json& s, const Info& info);
  // Resolves a reference; for JSON Pointer fragments also says from which scanned location (and by which
  // pointer suffix) the target was reached, so unscanned targets can still be given a base URI.
  const json* resolve(const std::string& ref, const Info& info, const std::string& where, std::string& fragment,
                      const Info** from = nullptr, std::string* suffix = nullptr);
  Node* ref_node(const json* target, const Info* from, const std::string& suffix) {
    return node_for(target, from, suffix);
  }
  Child child(const json& sub, const Info& parent, const std::string& seg);

  void error(ErrorCode code, const std::string& ptr, MessageArgs args) {
    if (errors_.size() < kMaxErrors) errors_.push_back(CompileError{code, ptr, std::move(args)});
  }
  void bad(const Info& info, std::string_view key, const std::string& en, const std::string& zh) {
    error(ErrorCode::SchemaBadKeyword, info.doc_ptr + seg_of(key),
          {{"keyword", std::string(key)}, {"detail", en}, {"detail_zh", zh}});
  }

  CompiledSchema& out_;
  const CompileOptions& opts_;
  std::vector<CompileError>& errors_;
  std::map<std::string, const json*> docs_by_uri_;  // resource URI → its root
  std::map<std::string, Resource*> resource_objs_;
  std::map<std::string, const json*> anchors_;      // "uri#name" → location
  std::map<Resource*, std::vector<std::pair<std::string, const json*>>> dynamic_;
  std::unordered_map<const json*, Info> infos_;
  std::unordered_map<const json*, Node*> nodes_;
  std::vector<std::pair<Node*, const json*>> worklist_;
  std::set<std::string> failed_loads_;
  std::set<std::string> detecting_;
};

const json* Compiler::load(const std::string& uri, Draft fallback) {
  auto it = docs_by_uri_.find(uri);
  if (it != docs_by_uri_.end()) return it->second;
  if (failed_loads_.count(uri)) return nullptr;
  std::optional<json> doc;
  for (const auto& m : embedded_metaschemas()) {
    if (m.uri == uri) {
      doc = json::parse(m.text);
      break;
    }
  }
  if (!doc && opts_.resolver) {
    try {
      doc = opts_.resolver(uri);
    } catch (...) {
      doc.reset();
    }
  }
  if (!doc) {
    failed_loads_.insert(uri);
    return nullptr;
  }
  out_.docs.push_back(std::move(*doc));
  const json* d = &out_.docs.back();
  docs_by_uri_[uri] = d;
  scan(*d, uri, fallback, Vocab{}, new_resource(uri), "", uri + "#", 0, true);
  return d;
}

void Compiler::detect(const std::string& schema_uri, Draft& draft, Vocab& vocab) {
  std::string uri, frag;
  split_fragment(schema_uri, uri, frag);
  if (uri == "http://json-schema.org/draft-07/schema" || uri == "http://json-schema.org/draft-06/schema" ||
      uri == "http://json-schema.org/draft-04/schema") {
    draft = Draft::Draft7;
    vocab = Vocab{};
    return;
  }
  if (uri == "https://json-schema.org/draft/2020-12/schema" || uri == "https://json-schema.org/draft/2019-09/schema") {
    draft = Draft::Draft2020_12;
    vocab = Vocab{};
    return;
  }
  if (detecting_.count(uri)) return;  // a metaschema describing itself
  detecting_.insert(uri);
  const json* meta = load(uri, draft);
  detecting_.erase(uri);
  if (meta == nullptr || !meta->is_object()) return;  // unknown metaschema: keep the current draft
  auto ms = meta->find("$schema");
  if (ms != meta->end() && ms->is_string() && ms->get<std::string>() != schema_uri) {
    Vocab ignored;
    detect(ms->get<std::string>(), draft, ignored);
  }
  auto voc = meta->find("$vocabulary");
  if (voc != meta->end() && voc->is_object()) {
    Vocab v;
    v.validation = voc->contains(std::string(kVocabPrefix) + "validation");
    v.applicator = voc->contains(std::string(kVocabPrefix) + "applicator");
    v.unevaluated = voc->contains(std::string(kVocabPrefix) + "unevaluated");
    v.format_assertion = voc->contains(std::string(kVocabPrefix) + "format-assertion");
    vocab = v;
  }
}

void Compiler::scan(const json& s, std::string base, Draft draft, Vocab vocab, Resource* res, const std::string& res_ptr,
                    const std::string& doc_ptr, int depth, bool doc_root) {
  if (depth > kMaxSchemaDepth) {
    error(ErrorCode::SchemaTooDeep, doc_ptr, {{"limit", std::to_string(kMaxSchemaDepth)}, {"detail", "too deep"}, {"detail_zh", "嵌套过深"}});
    return;
  }
  std::string rptr = res_ptr;
  if (s.is_object()) {
    auto id = s.find("$id");
    bool has_id = id != s.end() && id->is_string();
    auto sch = s.find("$schema");
    if ((doc_root || has_id) && sch != s.end() && sch->is_string()) detect(sch->get<std::string>(), draft, vocab);
    bool d7_ref = draft == Draft::Draft7 && s.contains("$ref");
    if (has_id && !d7_ref) {
      const std::string& idv = id->get_ref<const std::string&>();
      if (draft == Draft::Draft7 && !idv.empty() && idv[0] == '#') {
        anchors_[base + idv] = &s;
      } else {
        std::string resolved = resolve_uri(base, idv), frag;
        std::string nofrag;
        split_fragment(resolved, nofrag, frag);
        if (!frag.empty() && draft == Draft::Draft7) anchors_[nofrag + "#" + frag] = &s;
        if (!nofrag.empty() || !doc_root) {
          base = nofrag;
          res = new_resource(base);
          if (!docs_by_uri_.count(base)) docs_by_uri_[base] = &s;
          rptr.clear();
        }
      }
    }
    if (draft == Draft::Draft2020_12) {
      auto a = s.find("$anchor");
      if (a != s.end() && a->is_string()) anchors_[base + "#" + a->get<std::string>()] = &s;
      auto da = s.find("$dynamicAnchor");
      if (da != s.end() && da->is_string()) {
        anchors_[base + "#" + da->get<std::string>()] = &s;
        dynamic_[res].emplace_back(da->get<std::string>(), &s);
      }
    }
  }
  Info info{base, draft, vocab, res, rptr, doc_ptr};
  infos_.emplace(&s, info);
  if (!s.is_object()) return;
  for (auto it = s.begin(); it != s.end(); ++it) {
    const std::string& key = it.key();
    Kind kind = subschema_kind(key, draft);
    const json& v = *it;
    std::string kseg = seg_of(key);
    auto sub = [&](const json& x, const std::string& seg) {
      scan(x, base, draft, vocab, res, rptr + seg, doc_ptr + seg, depth + 1, false);
    };
    switch (kind) {
      case Kind::None: break;
      case Kind::Single: sub(v, kseg); break;
      case Kind::Array:
        if (v.is_array())
          for (size_t i = 0; i < v.size(); ++i) sub(v[i], seg_of(key, i));
        break;
      case Kind::ItemsD7:
        if (v.is_array())
          for (size_t i = 0; i < v.size(); ++i) sub(v[i], seg_of(key, i));
        else
          sub(v, kseg);
        break;
      case Kind::Map:
      case Kind::DependenciesD7:
        if (v.is_object())
          for (auto m = v.begin(); m != v.end(); ++m)
            if (kind == Kind::Map || m->is_object() || m->is_boolean()) sub(*m, seg_of(key, m.key()));
        break;
    }
  }
}

Node* Compiler::node_for(const json* s, const Info* fallback, const std::string& fallback_ptr) {
  auto it = nodes_.find(s);
  if (it != nodes_.end()) return it->second;
  if (!infos_.count(s) && fallback != nullptr) {
    // A location reached by a JSON Pointer that the scan did not visit (e.g. under an unknown keyword).
    scan(*s, fallback->base, fallback->draft, fallback->vocab, fallback->resource, fallback->res_ptr + fallback_ptr,
         fallback->doc_ptr + fallback_ptr, 0, false);
  }
  out_.nodes.emplace_back();
  Node* n = &out_.nodes.back();
  nodes_[s] = n;
  worklist_.emplace_back(n, s);
  return n;
}

const json* Compiler::resolve(const std::string& ref, const Info& info, const std::string& where, std::string& fragment,
                              const Info** from, std::string* suffix) {
  std::string uri, frag;
  split_fragment(resolve_uri(info.base, ref), uri, frag);
  fragment = frag;
  auto fail = [&](const std::string& en, const std::string& zh) -> const json* {
    error(ErrorCode::SchemaBadRef, info.doc_ptr + where, {{"ref", ref}, {"detail", en}, {"detail_zh", zh}});
    return nullptr;
  };
  const json* doc = nullptr;
  auto d = docs_by_uri_.find(uri);
  if (d != docs_by_uri_.end())
    doc = d->second;
  else
    doc = load(uri, info.draft);
  if (doc == nullptr)
    return fail("the document " + (uri.empty() ? std::string("(this schema)") : uri) + " is not available",
                "找不到文档 " + uri);
  if (frag.empty()) return doc;
  if (frag[0] == '/') {
    auto tokens = split_pointer(percent_decode(frag));
    if (!tokens) return fail("the fragment is not a valid JSON Pointer", "片段不是有效的 JSON 指针");
    const json* cur = doc;
    if (from != nullptr) {
      auto di = infos_.find(doc);
      *from = di == infos_.end() ? nullptr : &di->second;
    }
    if (suffix != nullptr) *suffix = pointer_from_tokens(*tokens);
    for (const auto& t : *tokens) {
      if (cur->is_object()) {
        auto f = cur->find(t);
        if (f == cur->end()) return fail("no such location", "引用的位置不存在");
        cur = &*f;
      } else if (cur->is_array() && is_index_token(t) && t.size() < 10 && std::stoul(t) < cur->size()) {
        cur = &(*cur)[std::stoul(t)];
      } else {
        return fail("no such location", "引用的位置不存在");
      }
    }
    return cur;
  }
  auto a = anchors_.find(uri + "#" + frag);
  if (a == anchors_.end()) return fail("no such anchor", "引用的锚点不存在");
  return a->second;
}

Child Compiler::child(const json& sub, const Info& parent, const std::string& seg) {
  if (!sub.is_object() && !sub.is_boolean()) {
    error(ErrorCode::SchemaNotASchema, parent.doc_ptr + seg, {{"detail", "not a schema"}, {"detail_zh", "不是 schema"}});
    return Child{nullptr, seg};
  }
  return Child{node_for(&sub, &parent, seg), seg};
}

void Compiler::build(Node& n, const json& s, const Info& info) {
  n.resource = info.resource;
  n.abs = info.resource->uri + "#" + info.res_ptr;
  if (s.is_boolean()) {
    n.is_bool = true;
    n.bool_value = s.get<bool>();
    return;
  }
  if (!s.is_object()) {
    error(ErrorCode::SchemaNotASchema, info.doc_ptr, {{"detail", "not a schema"}, {"detail_zh", "不是 schema"}});
    n.is_bool = true;
    return;
  }
  const bool d7 = info.draft == Draft::Draft7;
  std::vector<std::unique_ptr<detail::Keyword>> first, middle, last;
  auto add = [&](std::vector<std::unique_ptr<detail::Keyword>>& list, std::unique_ptr<detail::Keyword> kw,
                 std::string_view name) {
    kw->owner = &n;
    kw->name = std::string(name);
    kw->seg = seg_of(name);
    list.push_back(std::move(kw));
  };
  auto member = [&](std::string_view k) -> const json* {
    auto it = s.find(k);
    return it == s.end() ? nullptr : &*it;
  };
  auto schema_array = [&](std::string_view k, const json& v, std::vector<Child>& out) -> bool {
    if (!v.is_array() || v.empty()) {
      bad(info, k, "must be a non-empty array of schemas", "应为非空的 schema 数组");
      return false;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      Child c = child(v[i], info, seg_of(k, i));
      if (c.node == nullptr) return false;
      out.push_back(std::move(c));
    }
    return true;
  };
  auto single = [&](std::string_view k) -> Child {
    const json* v = member(k);
    if (v == nullptr) return Child{};
    return child(*v, info, seg_of(k));
  };
  auto count = [&](std::string_view k) -> std::optional<size_t> {
    const json* v = member(k);
    if (v == nullptr) return std::nullopt;
    auto c = non_negative(*v);
    if (!c) bad(info, k, "must be a non-negative integer", "应为非负整数");
    return c;
  };

  // $ref: in draft-07 it overrides every sibling keyword.
  if (const json* ref = member("$ref")) {
    if (!ref->is_string()) {
      bad(info, "$ref", "must be a string", "应为字符串");
    } else {
      std::string frag, suffix;
      const Info* from = nullptr;
      if (const json* target = resolve(ref->get<std::string>(), info, "/$ref", frag, &from, &suffix)) {
        auto kw = std::make_unique<detail::RefKw>();
        kw->target = Child{ref_node(target, from, suffix), "/$ref"};
        add(middle, std::move(kw), "$ref");
      }
    }
    if (d7) {
      n.keywords = std::move(middle);
      return;
    }
  }
  if (const json* defs = member(d7 ? "definitions" : "$defs")) {
    if (!defs->is_object()) {
      bad(info, d7 ? "definitions" : "$defs", "must be an object of schemas", "应为 schema 对象");
    } else {
      for (auto it = defs->begin(); it != defs->end(); ++it) child(*it, info, seg_of(d7 ? "definitions" : "$defs", it.key()));
    }
  }
  if (!d7) {
    if (const json* dref = member("$dynamicRef")) {
      if (!dref->is_string()) {
        bad(info, "$dynamicRef", "must be a string", "应为字符串");
      } else {
        std::string frag, suffix;
        const Info* from = nullptr;
        if (const json* target = resolve(dref->get<std::string>(), info, "/$dynamicRef", frag, &from, &suffix)) {
          auto kw = std::make_unique<detail::DynamicRefKw>();
          kw->target = Child{ref_node(target, from, suffix), "/$dynamicRef"};
          if (!frag.empty() && frag[0] != '/' && target->is_object()) {
            auto da = target->find("$dynamicAnchor");
            if (da != target->end() && da->is_string() && da->get<std::string>() == frag) kw->anchor = frag;
          }
          add(middle, std::move(kw), "$dynamicRef");
        }
      }
    }
  }

  const Vocab& vocab = info.vocab;
  if (vocab.validation) {
    if (const json* t = member("type")) {
      unsigned mask = 0;
      auto bit = [](const json& x) -> unsigned {
        if (!x.is_string()) return 0;
        const auto& str = x.get_ref<const std::string&>();
        if (str == "null") return detail::kNull;
        if (str == "boolean") return detail::kBoolean;
        if (str == "object") return detail::kObject;
        if (str == "array") return detail::kArray;
        if (str == "number") return detail::kNumber | detail::kInteger;
        if (str == "string") return detail::kString;
        if (str == "integer") return detail::kInteger;
        return 0;
      };
      bool okt = true;
      if (t->is_array()) {
        okt = !t->empty();
        for (const auto& x : *t) {
          unsigned b = bit(x);
          okt = okt && b != 0;
          mask |= b;
        }
      } else {
        mask = bit(*t);
        okt = mask != 0;
      }
      if (!okt) {
        bad(info, "type", "must be a type name (null, boolean, object, array, number, string, integer) or an array of them",
            "应为类型名称（null、boolean、object、array、number、string、integer）或其数组");
      } else {
        auto kw = std::make_unique<detail::TypeKw>();
        kw->mask = mask;
        add(first, std::move(kw), "type");
      }
    }
    if (const json* e = member("enum")) {
      if (!e->is_array()) {
        bad(info, "enum", "must be an array", "应为数组");
      } else {
        auto kw = std::make_unique<detail::EnumKw>();
        kw->values.assign(e->begin(), e->end());
        kw->all_strings = true;
        for (const auto& v : kw->values) {
          if (!v.is_string()) kw->all_strings = false;
          else kw->strings.push_back(v.get<std::string>());
        }
        add(middle, std::move(kw), "enum");
      }
    }
    if (const json* c = member("const")) {
      auto kw = std::make_unique<detail::ConstKw>();
      kw->value = *c;
      add(middle, std::move(kw), "const");
    }
    static constexpr struct {
      const char* name;
      bool is_max, exclusive;
    } kBounds[] = {{"minimum", false, false},
                   {"maximum", true, false},
                   {"exclusiveMinimum", false, true},
                   {"exclusiveMaximum", true, true}};
    for (const auto& b : kBounds) {
      const json* v = member(b.name);
      if (v == nullptr) continue;
      if (!v->is_number()) {
        bad(info, b.name, "must be a number", "应为数字");
        continue;
      }
      auto kw = std::make_unique<detail::BoundKw>();
      kw->limit = *v;
      kw->is_max = b.is_max;
      kw->exclusive = b.exclusive;
      add(middle, std::move(kw), b.name);
    }
    if (const json* m = member("multipleOf")) {
      if (!m->is_number() || m->get<double>() <= 0) {
        bad(info, "multipleOf", "must be a number greater than 0", "应为大于 0 的数字");
      } else {
        auto kw = std::make_unique<detail::MultipleOfKw>();
        kw->factor = *m;
        kw->decimal = decimal_of(*m);
        kw->finish();
        add(middle, std::move(kw), "multipleOf");
      }
    }
    static constexpr struct {
      const char* name;
      int family;  // 0 string length, 1 items, 2 properties
      bool is_max;
    } kCounts[] = {{"minLength", 0, false}, {"maxLength", 0, true}, {"minItems", 1, false},
                   {"maxItems", 1, true},   {"minProperties", 2, false}, {"maxProperties", 2, true}};
    for (const auto& c : kCounts) {
      auto v = count(c.name);
      if (!v) continue;
      std::unique_ptr<detail::Keyword> kw;
      if (c.family == 0) {
        auto k = std::make_unique<detail::LengthKw>();
        k->limit = *v;
        k->is_max = c.is_max;
        kw = std::move(k);
      } else if (c.family == 1) {
        auto k = std::make_unique<detail::ItemCountKw>();
        k->limit = *v;
        k->is_max = c.is_max;
        kw = std::move(k);
      } else {
        auto k = std::make_unique<detail::PropertyCountKw>();
        k->limit = *v;
        k->is_max = c.is_max;
        kw = std::move(k);
      }
      add(middle, std::move(kw), c.name);
    }
    if (const json* p = member("pattern")) {
      if (!p->is_string()) {
        bad(info, "pattern", "must be a string", "应为字符串");
      } else {
        regex::CompileError ce;
        auto re = regex::Regex::compile(p->get<std::string>(), &ce);
        if (!re) {
          error(ErrorCode::SchemaBadRegex, info.doc_ptr + "/pattern",
                {{"pattern", p->get<std::string>()},
                 {"detail", ce.reason + " (at character " + std::to_string(ce.offset) + ")"},
                 {"detail_zh", ce.reason + "（第 " + std::to_string(ce.offset) + " 个字符处）"}});
        } else {
          auto kw = std::make_unique<detail::PatternKw>(std::move(*re));
          kw->source = p->get<std::string>();
          kw->simple = detail::SimplePattern::parse(kw->source);
          add(middle, std::move(kw), "pattern");
        }
      }
    }
    if (const json* u = member("uniqueItems")) {
      if (!u->is_boolean())
        bad(info, "uniqueItems", "must be true or false", "应为 true 或 false");
      else if (u->get<bool>())
        add(middle, std::make_unique<detail::UniqueItemsKw>(), "uniqueItems");
    }
    auto string_list = [&](std::string_view k, const json& v, std::vector<std::string>& out) -> bool {
      if (!v.is_array()) {
        bad(info, k, "must be an array of strings", "应为字符串数组");
        return false;
      }
      for (const auto& x : v) {
        if (!x.is_string()) {
          bad(info, k, "must be an array of strings", "应为字符串数组");
          return false;
        }
        out.push_back(x.get<std::string>());
      }
      return true;
    };
    if (const json* r = member("required")) {
      auto kw = std::make_unique<detail::RequiredKw>();
      if (string_list("required", *r, kw->names)) {
        std::vector<std::string> unique;
        for (auto& nm : kw->names)
          if (std::find(unique.begin(), unique.end(), nm) == unique.end()) unique.push_back(nm);
        kw->names = std::move(unique);
        if (!kw->names.empty()) add(middle, std::move(kw), "required");
      }
    }
    for (std::string_view k : d7 ? std::vector<std::string_view>{"dependencies"}
                                 : std::vector<std::string_view>{"dependentRequired", "dependencies"}) {
      const json* dr = member(k);
      if (dr == nullptr) continue;
      const bool legacy = k == "dependencies";  // draft-07's keyword, still honoured in 2020-12 for compatibility
      if (dr->is_object()) {
        auto kw = std::make_unique<detail::DependentRequiredKw>();
        for (auto it = dr->begin(); it != dr->end(); ++it) {
          if (legacy && !it->is_array()) continue;  // schema dependencies: below
          std::vector<std::string> names;
          if (string_list(k, *it, names)) kw->entries.emplace_back(it.key(), std::move(names));
        }
        if (!kw->entries.empty()) add(middle, std::move(kw), k);
      } else if (!legacy) {
        bad(info, k, "must be an object", "应为对象");
      }
    }
  }
  if (const json* f = member("format")) {
    if (!f->is_string()) {
      bad(info, "format", "must be a string", "应为字符串");
    } else if (auto fmt = format_from_name(f->get<std::string>())) {
      auto kw = std::make_unique<detail::FormatKw>();
      kw->format = *fmt;
      kw->format_name = f->get<std::string>();
      kw->always_assert = vocab.format_assertion;
      add(middle, std::move(kw), "format");
    }
  }

  if (vocab.applicator) {
    for (std::string_view k : {"allOf", "anyOf", "oneOf"}) {
      const json* v = member(k);
      if (v == nullptr) continue;
      std::vector<Child> kids;
      if (!schema_array(k, *v, kids)) continue;
      if (k == "allOf") {
        auto kw = std::make_unique<detail::AllOfKw>();
        kw->children = std::move(kids);
        add(middle, std::move(kw), k);
      } else if (k == "anyOf") {
        auto kw = std::make_unique<detail::AnyOfKw>();
        kw->children = std::move(kids);
        add(middle, std::move(kw), k);
      } else {
        auto kw = std::make_unique<detail::OneOfKw>();
        kw->children = std::move(kids);
        add(middle, std::move(kw), k);
      }
    }
    if (Child c = single("not"); c.node != nullptr) {
      auto kw = std::make_unique<detail::NotKw>();
      kw->child = std::move(c);
      add(middle, std::move(kw), "not");
    }
    if (Child c = single("if"); c.node != nullptr) {
      auto kw = std::make_unique<detail::IfKw>();
      kw->if_ = std::move(c);
      kw->then_ = single("then");
      kw->else_ = single("else");
      add(middle, std::move(kw), "if");
    }
    for (std::string_view k : d7 ? std::vector<std::string_view>{"dependencies"}
                                 : std::vector<std::string_view>{"dependentSchemas", "dependencies"}) {
      const json* ds = member(k);
      if (ds == nullptr) continue;
      const bool legacy = k == "dependencies";
      if (!ds->is_object()) {
        if (legacy) continue;
        bad(info, k, "must be an object", "应为对象");
      } else {
        auto kw = std::make_unique<detail::DependentSchemasKw>();
        for (auto it = ds->begin(); it != ds->end(); ++it) {
          if (legacy && it->is_array()) continue;
          Child c = child(*it, info, seg_of(k, it.key()));
          if (c.node != nullptr) kw->entries.emplace_back(it.key(), std::move(c));
        }
        if (!kw->entries.empty()) add(middle, std::move(kw), k);
      }
    }
    {
      auto kw = std::make_unique<detail::PropertiesKw>();
      bool any = false;
      if (const json* p = member("properties")) {
        if (!p->is_object()) {
          bad(info, "properties", "must be an object of schemas", "应为 schema 对象");
        } else {
          for (auto it = p->begin(); it != p->end(); ++it) {
            Child c = child(*it, info, seg_of("properties", it.key()));
            if (c.node != nullptr) kw->props.push_back({it.key(), std::move(c)});
          }
          any = true;
        }
      }
      if (const json* p = member("patternProperties")) {
        if (!p->is_object()) {
          bad(info, "patternProperties", "must be an object of schemas", "应为 schema 对象");
        } else {
          for (auto it = p->begin(); it != p->end(); ++it) {
            regex::CompileError ce;
            auto re = regex::Regex::compile(it.key(), &ce);
            if (!re) {
              error(ErrorCode::SchemaBadRegex, info.doc_ptr + seg_of("patternProperties", it.key()),
                    {{"pattern", it.key()},
                     {"detail", ce.reason + " (at character " + std::to_string(ce.offset) + ")"},
                     {"detail_zh", ce.reason + "（第 " + std::to_string(ce.offset) + " 个字符处）"}});
              continue;
            }
            Child c = child(*it, info, seg_of("patternProperties", it.key()));
            if (c.node != nullptr) kw->patterns.push_back({std::move(*re), std::move(c)});
          }
          any = true;
        }
      }
      if (Child c = single("additionalProperties"); c.node != nullptr) {
        kw->additional = std::move(c);
        any = true;
      }
      std::sort(kw->props.begin(), kw->props.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
      kw->finish();
      // Fold "required" into this pass when every required name is a declared property (the usual form).
      for (auto& r : middle) {
        auto* req = dynamic_cast<detail::RequiredKw*>(r.get());
        if (req == nullptr || !any) continue;
        bool all_declared = true;
        for (const auto& nm : req->names) {
          auto f = std::lower_bound(kw->props.begin(), kw->props.end(), nm,
                                    [](const auto& a, const std::string& b) { return a.name < b; });
          all_declared = all_declared && f != kw->props.end() && f->name == nm;
        }
        if (!all_declared) continue;
        for (const auto& nm : req->names) {
          auto f = std::lower_bound(kw->props.begin(), kw->props.end(), nm,
                                    [](const auto& a, const std::string& b) { return a.name < b; });
          f->required = true;
          ++kw->required_count;
        }
        r.reset();
      }
      middle.erase(std::remove(middle.begin(), middle.end(), nullptr), middle.end());
      if (any) add(middle, std::move(kw), "properties");
    }
    if (Child c = single("propertyNames"); c.node != nullptr) {
      auto kw = std::make_unique<detail::PropertyNamesKw>();
      kw->child = std::move(c);
      add(middle, std::move(kw), "propertyNames");
    }
    {
      auto kw = std::make_unique<detail::ItemsKw>();
      bool any = false;
      if (d7) {
        if (const json* it = member("items")) {
          if (it->is_array()) {
            for (size_t i = 0; i < it->size(); ++i) {
              Child c = child((*it)[i], info, seg_of("items", i));
              if (c.node != nullptr) kw->prefix.push_back(std::move(c));
            }
            kw->rest = single("additionalItems");
            kw->rest_name = "additionalItems";
          } else {
            kw->rest = single("items");
            kw->rest_name = "items";
          }
          any = true;
        }
      } else {
        if (const json* p = member("prefixItems")) {
          any = schema_array("prefixItems", *p, kw->prefix) || any;
        }
        if (const json* it = member("items")) {
          if (it->is_array()) {
            bad(info, "items", "must be a schema (use prefixItems for a list of schemas)",
                "应为单个 schema（多个 schema 请用 prefixItems）");
          } else {
            kw->rest = single("items");
            kw->rest_name = "items";
            any = true;
          }
        }
      }
      const char* items_name = d7 || kw->rest.node != nullptr ? "items" : "prefixItems";
      if (any) add(middle, std::move(kw), items_name);
    }
    if (Child c = single("contains"); c.node != nullptr) {
      auto kw = std::make_unique<detail::ContainsKw>();
      kw->child = std::move(c);
      if (!d7 && vocab.validation) {
        if (auto mn = count("minContains")) kw->min = *mn;
        if (auto mx = count("maxContains")) kw->max = *mx;
      }
      add(middle, std::move(kw), "contains");
    }
  }
  if (!d7 && vocab.unevaluated) {
    if (Child c = single("unevaluatedItems"); c.node != nullptr) {
      auto kw = std::make_unique<detail::UnevaluatedItemsKw>();
      kw->child = std::move(c);
      add(last, std::move(kw), "unevaluatedItems");
      n.collects = true;
    }
    if (Child c = single("unevaluatedProperties"); c.node != nullptr) {
      auto kw = std::make_unique<detail::UnevaluatedPropertiesKw>();
      kw->child = std::move(c);
      add(last, std::move(kw), "unevaluatedProperties");
      n.collects = true;
    }
  }
  for (auto& kw : first) n.keywords.push_back(std::move(kw));
  for (auto& kw : middle) n.keywords.push_back(std::move(kw));
  for (auto& kw : last) n.keywords.push_back(std::move(kw));
}

void Compiler::run(const json& schema) {
  out_.docs.push_back(schema);
  const json* root = &out_.docs.back();
  Draft draft = opts_.default_draft;
  docs_by_uri_[opts_.base_uri] = root;
  scan(*root, opts_.base_uri, draft, Vocab{}, new_resource(opts_.base_uri), "", "", 0, true);
  if (!errors_.empty()) return;
  Node* root_node = node_for(root, nullptr, "");
  out_.draft = infos_.at(root).draft;
  while (true) {
    while (!worklist_.empty()) {
      auto [n, s] = worklist_.back();
      worklist_.pop_back();
      auto info = infos_.find(s);
      if (info == infos_.end()) {
        error(ErrorCode::SchemaNotASchema, "", {{"detail", "unreachable location"}, {"detail_zh", "无法定位"}});
        n->is_bool = true;
        continue;
      }
      build(*n, *s, info->second);
    }
    // Every $dynamicAnchor of every loaded resource may become a $dynamicRef target.
    bool added = false;
    for (auto& [res, list] : dynamic_) {
      for (auto& [name, loc] : list) {
        if (res->find_dynamic(name) != nullptr) continue;
        res->dynamic_anchors.emplace_back(name, node_for(loc, nullptr, ""));
        added = true;
      }
    }
    if (!added) break;
  }
  out_.root = root_node;
}

}  // namespace

void compile_schema(CompiledSchema& out, const nlohmann::json& schema, const CompileOptions& options,
                    std::vector<CompileError>& errors) {
  out.assert_formats = options.assert_formats;
  Compiler c(out, options, errors);
  c.run(schema);
}

}  // namespace wb::validate
