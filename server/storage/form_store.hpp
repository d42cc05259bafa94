#pragma once
// Published form definitions. A published (item, version) never changes; publishing a newer version marks the
// previous one superseded, which starts its grace period (submissions on it are still accepted for a while).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::server {

struct PublishedForm {
  std::string item_id;
  int version = 0;
  std::string definition;  // the JSON text exactly as published
  std::string sha256;      // of `definition`: the ETag
  std::int64_t seq = 0;    // catalog sequence number at publication (the catalog's version is the highest)
  std::int64_t published_at = 0;
  std::optional<std::int64_t> superseded_at;
};

class FormStore {
 public:
  virtual ~FormStore() = default;
  // Publishes a version; returns false when that (item, version) exists already (identical or not: immutable).
  virtual bool publish(const std::string& item_id, int version, const std::string& definition,
                       const std::string& sha256, std::int64_t now) = 0;
  virtual std::optional<PublishedForm> form(const std::string& item_id, int version) = 0;
  virtual std::vector<PublishedForm> versions(const std::string& item_id) = 0;
  // The newest version of every item.
  virtual std::vector<PublishedForm> latest() = 0;
  virtual std::int64_t catalog_seq() = 0;  // 0 when nothing is published
};

}  // namespace wb::server
