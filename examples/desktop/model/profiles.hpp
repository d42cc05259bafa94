#pragma once
// The station's profiles: one folder per person (or business) the staff act for, each with its own profile
// database and sign-in tokens, so one resident never sees another's drafts or submissions. Profiles are switched
// explicitly; nothing is shared between them but the catalog folder.
//
//   DATA/profiles/p001/profile.db          drafts, attachments, outbox, status history (core/store)
//   DATA/profiles/p001/credentials.json    tokens (0600), written by the sync engine
//
// The name and kind live in the profile's own metadata, so the folder name carries no personal data.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/environment.hpp"
#include "core/form/form_definition.hpp"
#include "core/store/profile_store.hpp"

namespace wb::desktop {

struct ProfileInfo {
  std::string id;     // the folder name: "p001", ...
  std::string name;   // shown to the staff
  form::Audience kind = form::Audience::Citizen;
  std::filesystem::path dir;
  std::string problem;  // set when the profile cannot be opened (damaged, from a newer version): listed, not opened

  std::filesystem::path database() const { return dir / "profile.db"; }
  std::filesystem::path credentials() const { return dir / "credentials.json"; }
};

class ProfileDirectory {
 public:
  explicit ProfileDirectory(std::filesystem::path data_dir) : root_(std::move(data_dir) / "profiles") {}

  // Every profile folder, in creation order.
  std::vector<ProfileInfo> list(Environment env) const;
  // Creates the next folder and its database with the name and kind; throws wb::Error (invalid_argument) for an
  // empty name.
  ProfileInfo create(const std::string& name, form::Audience kind, Environment env) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace wb::desktop
