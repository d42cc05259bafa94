#include "server/catalog/form_registry.hpp"

#include "core/common/sha256.hpp"
#include "core/form/form_loader.hpp"

namespace wb::server {

FormRegistry::FormRegistry(FormStore& store, const Clock& clock, std::int64_t grace_ms)
    : store_(store), clock_(clock), grace_ms_(grace_ms) {}

std::vector<Diagnostic> FormRegistry::publish(const std::string& text, bool* already) {
  auto loaded = form::load_form_text(text);
  if (!loaded.ok()) return loaded.diagnostics;
  std::vector<Diagnostic> model_errors;
  if (!session::FormModel::build(loaded.form, &model_errors)) return model_errors;
  bool added = store_.publish(loaded.form->id, loaded.form->version, text, sha256_hex(text), clock_.now_ms());
  if (already) *already = !added;
  return {};
}

ReadyFormPtr FormRegistry::make_ready(PublishedForm published) {
  auto key = std::make_pair(published.item_id, published.version);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(key);
    // superseded_at may have changed since caching; the rest is immutable.
    if (it != cache_.end() && it->second->published.superseded_at == published.superseded_at) return it->second;
  }
  auto loaded = form::load_form_text(published.definition);
  if (!loaded.ok()) return nullptr;  // cannot happen for what publish() accepted
  auto model = session::FormModel::build(loaded.form);
  if (!model) return nullptr;
  auto ready = std::make_shared<const ReadyForm>(ReadyForm{std::move(published), loaded.form, model});
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[key] = ready;
  return ready;
}

ReadyFormPtr FormRegistry::get(const std::string& item_id, int version) {
  auto published = store_.form(item_id, version);
  return published ? make_ready(std::move(*published)) : nullptr;
}

ReadyFormPtr FormRegistry::latest(const std::string& item_id) {
  auto all = store_.versions(item_id);
  return all.empty() ? nullptr : make_ready(std::move(all.back()));
}

std::vector<ReadyFormPtr> FormRegistry::latest_all() {
  std::vector<ReadyFormPtr> out;
  for (auto& p : store_.latest())
    if (auto ready = make_ready(std::move(p))) out.push_back(std::move(ready));
  return out;
}

VersionStanding FormRegistry::standing(const std::string& item_id, int version) {
  auto published = store_.form(item_id, version);
  if (!published) return VersionStanding::Unknown;
  if (!published->superseded_at) return VersionStanding::Current;
  return clock_.now_ms() < *published->superseded_at + grace_ms_ ? VersionStanding::InGrace : VersionStanding::Retired;
}

}  // namespace wb::server
