#pragma once
// The server's published forms, loaded and made ready once per (item, version): the definition, its FormModel (the
// same core/session code the clients run) and the version's standing (current, in its grace period, retired).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/common/environment.hpp"
#include "core/form/form_definition.hpp"
#include "core/session/form_model.hpp"
#include "server/storage/form_store.hpp"

namespace wb::server {

struct ReadyForm {
  PublishedForm published;
  form::FormPtr form;
  session::ModelPtr model;
};
using ReadyFormPtr = std::shared_ptr<const ReadyForm>;

enum class VersionStanding { Current, InGrace, Retired, Unknown };

class FormRegistry {
 public:
  FormRegistry(FormStore& store, const Clock& clock, std::int64_t grace_ms);

  // Publishes a definition (JSON text). Returns the diagnostics when it does not load; an (item, version) that is
  // already published is left alone (published versions are immutable) and reported through `already`.
  std::vector<Diagnostic> publish(const std::string& text, bool* already = nullptr);

  ReadyFormPtr get(const std::string& item_id, int version);
  ReadyFormPtr latest(const std::string& item_id);
  std::vector<ReadyFormPtr> latest_all();
  std::vector<PublishedForm> versions(const std::string& item_id) { return store_.versions(item_id); }
  std::int64_t catalog_seq() { return store_.catalog_seq(); }

  // Whether submissions on this version are accepted now (current or within the grace period after a newer
  // version was published).
  VersionStanding standing(const std::string& item_id, int version);
  std::int64_t grace_ms() const { return grace_ms_; }

 private:
  ReadyFormPtr make_ready(PublishedForm published);

  FormStore& store_;
  const Clock& clock_;
  std::int64_t grace_ms_;
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, ReadyFormPtr> cache_;
};

}  // namespace wb::server
