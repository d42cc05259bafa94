#include "tests/support/faulty_vfs.hpp"

#include <sqlite3.h>

#include <cstring>
#include <memory>

namespace wb::test {
namespace {

// One VFS per test process: SQLite's VFS registry is process-wide by design, so this state is too.
struct State {
  sqlite3_vfs* base = nullptr;
  sqlite3_vfs vfs{};
  FaultPlan plan;
  long counter = 0;
  bool tripped = false;
  std::unique_ptr<FaultyVfs> handle;
};
State* g_state = nullptr;  // NOLINT: test-only; SQLite's registry is global

struct File {
  sqlite3_file base;  // must be first
  sqlite3_file* real;
};

bool should_fail() {
  State& s = *g_state;
  long n = s.counter++;
  if (s.plan.fail_at < 0) return false;
  if (n == s.plan.fail_at) {
    s.tripped = true;
    return true;
  }
  return s.plan.persistent && s.tripped;
}

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

int x_close(sqlite3_file* f) {
  int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
  sqlite3_free(real(f));
  return rc;
}
int x_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), b, n, o); }
int x_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  if (should_fail()) return g_state->plan.disk_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  return real(f)->pMethods->xWrite(real(f), b, n, o);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int x_sync(sqlite3_file* f, int flags) {
  if (should_fail()) return g_state->plan.disk_full ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
  return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* s) { return real(f)->pMethods->xFileSize(real(f), s); }
int x_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
int x_check(sqlite3_file* f, int* r) { return real(f)->pMethods->xCheckReservedLock(real(f), r); }
int x_control(sqlite3_file* f, int op, void* a) { return real(f)->pMethods->xFileControl(real(f), op, a); }
int x_sector(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_dev(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int p, int sz, int e, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), p, sz, e, out);
}
int x_shm_lock(sqlite3_file* f, int o, int n, int fl) { return real(f)->pMethods->xShmLock(real(f), o, n, fl); }
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int d) { return real(f)->pMethods->xShmUnmap(real(f), d); }

const sqlite3_io_methods kMethods = {2,       x_close,   x_read,   x_write,     x_truncate,   x_sync,      x_file_size,
                                     x_lock,  x_unlock,  x_check,  x_control,   x_sector,     x_dev,       x_shm_map,
                                     x_shm_lock, x_shm_barrier, x_shm_unmap, nullptr, nullptr};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  State& s = *g_state;
  auto* file = reinterpret_cast<File*>(f);
  file->real = static_cast<sqlite3_file*>(sqlite3_malloc(s.base->szOsFile));
  std::memset(file->real, 0, static_cast<size_t>(s.base->szOsFile));
  int rc = s.base->xOpen(s.base, name, file->real, flags, out_flags);
  file->base.pMethods = rc == SQLITE_OK && file->real->pMethods ? &kMethods : nullptr;
  if (!file->base.pMethods) {
    sqlite3_free(file->real);
    file->real = nullptr;
  }
  return rc;
}
int x_delete(sqlite3_vfs*, const char* n, int sync) { return g_state->base->xDelete(g_state->base, n, sync); }
int x_access(sqlite3_vfs*, const char* n, int f, int* r) { return g_state->base->xAccess(g_state->base, n, f, r); }
int x_full(sqlite3_vfs*, const char* n, int sz, char* out) { return g_state->base->xFullPathname(g_state->base, n, sz, out); }
void* x_dlopen(sqlite3_vfs*, const char* n) { return g_state->base->xDlOpen(g_state->base, n); }
void x_dlerror(sqlite3_vfs*, int n, char* m) { g_state->base->xDlError(g_state->base, n, m); }
void (*x_dlsym(sqlite3_vfs*, void* h, const char* s))(void) { return g_state->base->xDlSym(g_state->base, h, s); }
void x_dlclose(sqlite3_vfs*, void* h) { g_state->base->xDlClose(g_state->base, h); }
int x_random(sqlite3_vfs*, int n, char* out) { return g_state->base->xRandomness(g_state->base, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return g_state->base->xSleep(g_state->base, us); }
int x_time(sqlite3_vfs*, double* t) { return g_state->base->xCurrentTime(g_state->base, t); }
int x_last_error(sqlite3_vfs*, int n, char* m) {
  return g_state->base->xGetLastError ? g_state->base->xGetLastError(g_state->base, n, m) : 0;
}
int x_time64(sqlite3_vfs*, sqlite3_int64* t) { return g_state->base->xCurrentTimeInt64(g_state->base, t); }

}  // namespace

FaultyVfs& FaultyVfs::install(const std::string& name) {
  if (g_state) return *g_state->handle;
  g_state = new State();  // lives as long as the process, like SQLite's registration of it
  State& s = *g_state;
  s.base = sqlite3_vfs_find(nullptr);
  s.vfs.iVersion = 2;
  s.vfs.szOsFile = static_cast<int>(sizeof(File));
  s.vfs.mxPathname = s.base->mxPathname;
  s.handle.reset(new FaultyVfs(name));
  s.vfs.zName = s.handle->name_.c_str();
  s.vfs.xOpen = x_open;
  s.vfs.xDelete = x_delete;
  s.vfs.xAccess = x_access;
  s.vfs.xFullPathname = x_full;
  s.vfs.xDlOpen = x_dlopen;
  s.vfs.xDlError = x_dlerror;
  s.vfs.xDlSym = x_dlsym;
  s.vfs.xDlClose = x_dlclose;
  s.vfs.xRandomness = x_random;
  s.vfs.xSleep = x_sleep;
  s.vfs.xCurrentTime = x_time;
  s.vfs.xGetLastError = x_last_error;
  s.vfs.xCurrentTimeInt64 = x_time64;
  sqlite3_vfs_register(&s.vfs, 0);
  return *s.handle;
}

void FaultyVfs::set_plan(const FaultPlan& plan) {
  g_state->plan = plan;
  g_state->tripped = false;
  g_state->counter = 0;
}

void FaultyVfs::reset_counter() {
  g_state->counter = 0;
  g_state->tripped = false;
}

long FaultyVfs::io_count() const { return g_state->counter; }

}  // namespace wb::test
