#pragma once
// First-start data: the catalog folder's form definitions are published (new versions only; a published version
// is never changed), and on an empty account table the demo accounts are created.

#include <filesystem>
#include <string>
#include <vector>

#include "server/app/server_context.hpp"

namespace wb::server {

struct DemoAccount {
  AccountKind kind;
  std::string login, display_name, password;
  std::vector<std::string> departments;
};
const std::vector<DemoAccount>& demo_accounts();

struct SeedReport {
  int published = 0;
  int unchanged = 0;
  std::vector<std::string> failures;  // "file: problem" for definitions that did not load
};

SeedReport seed_catalog(ServerContext& ctx, const std::filesystem::path& dir);
// Creates the demo accounts when there are no accounts at all; returns how many were created.
int seed_demo_accounts(ServerContext& ctx);
// Creates demo appointment slots (the next 10 working days, a morning and an afternoon slot each, for a few items
// needing an in-person visit) when there are no slots at all; returns how many were created.
int seed_demo_slots(ServerContext& ctx);

}  // namespace wb::server
