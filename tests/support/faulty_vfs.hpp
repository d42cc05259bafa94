#pragma once
// An SQLite VFS for tests that wraps the platform's default and fails chosen I/O: the Nth write or sync (once, or
// from then on), reporting a full disk or an I/O error. It counts every write and sync, so a test can first measure
// how many an operation does, then fail each one in turn.

#include <string>

namespace wb::test {

struct FaultPlan {
  long fail_at = -1;        // the 0-based index of the write/sync to fail; -1 never
  bool persistent = false;  // keep failing every later write/sync too
  bool disk_full = true;    // SQLITE_FULL, else SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC
};

class FaultyVfs {
 public:
  // Registers the VFS under `name` (once per process; later calls reuse it).
  static FaultyVfs& install(const std::string& name = "wangban-faulty");
  const std::string& name() const { return name_; }

  void set_plan(const FaultPlan& plan);
  void reset_counter();
  long io_count() const;  // writes + syncs since the last reset

 private:
  explicit FaultyVfs(std::string name) : name_(std::move(name)) {}
  std::string name_;
};

}  // namespace wb::test
