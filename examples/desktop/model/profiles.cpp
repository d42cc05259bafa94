#include "examples/desktop/model/profiles.hpp"

#include <algorithm>
#include <cstdio>

namespace wb::desktop {
namespace fs = std::filesystem;
namespace {

constexpr const char* kNameKey = "profile.name";
constexpr const char* kKindKey = "profile.kind";

bool is_profile_folder(const fs::path& p) {
  std::string n = p.filename().string();
  return n.size() == 4 && n[0] == 'p' && std::all_of(n.begin() + 1, n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

form::Audience kind_from(const std::string& s) {
  return s == "enterprise" ? form::Audience::Enterprise : form::Audience::Citizen;
}

}  // namespace

std::vector<ProfileInfo> ProfileDirectory::list(Environment env) const {
  std::vector<ProfileInfo> out;
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) return out;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    if (!entry.is_directory() || !is_profile_folder(entry.path())) continue;
    ProfileInfo info;
    info.id = entry.path().filename().string();
    info.dir = entry.path();
    info.name = info.id;
    try {
      auto store = store::ProfileStore::open(info.database().string(), env, {.create = false, .vfs = ""});
      info.name = store->meta(kNameKey).value_or(info.id);
      info.kind = kind_from(store->meta(kKindKey).value_or("citizen"));
    } catch (const Error& e) {
      info.problem = e.diagnostic().message(Lang::ZhCN);
    }
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

ProfileInfo ProfileDirectory::create(const std::string& name, form::Audience kind, Environment env) const {
  if (name.find_first_not_of(" \t") == std::string::npos)
    throw Error(ErrorCode::InvalidArgument, {{"detail", "empty profile name"}});
  fs::create_directories(root_);
  int next = 1;
  for (const auto& entry : fs::directory_iterator(root_))
    if (is_profile_folder(entry.path())) next = std::max(next, std::stoi(entry.path().filename().string().substr(1)) + 1);
  if (next > 999) throw Error(ErrorCode::InvalidArgument, {{"detail", "too many profiles"}});
  char id[16];
  std::snprintf(id, sizeof id, "p%03d", next);
  ProfileInfo info{id, name, kind == form::Audience::Enterprise ? kind : form::Audience::Citizen, root_ / id, ""};
  if (!fs::create_directory(info.dir))  // another process took the number meanwhile
    throw Error(ErrorCode::InvalidArgument, {{"detail", "profile folder exists: " + info.id}});
  auto store = store::ProfileStore::open(info.database().string(), env);
  store->set_meta(kNameKey, name);
  store->set_meta(kKindKey, std::string(form::audience_name(info.kind)));
  return info;
}

}  // namespace wb::desktop
