#pragma once
// The local database's schema, as an ordered list of migrations. A profile file records the version it is at
// (PRAGMA user_version) and Wangban's application id; opening applies the missing migrations, each in its own
// transaction, and refuses files that are not ours or are newer than this code.

#include <string_view>
#include <vector>

#include "core/store/sqlite_db.hpp"

namespace wb::store {

constexpr int kApplicationId = 0x5742414E;  // "WBAN"

// migrations()[i] takes a database from version i to i + 1.
const std::vector<std::string_view>& migrations();
inline int latest_schema_version() { return static_cast<int>(migrations().size()); }

// Checks the file is ours (or empty), then migrates it up to `target` (default: latest). Throws store.foreign,
// store.too_new, store.corrupt; never writes to a file it refused.
void prepare_schema(Database& db, int target = -1);
int schema_version(Database& db);

}  // namespace wb::store
