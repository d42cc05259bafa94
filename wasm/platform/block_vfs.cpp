#include "wasm/platform/block_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <stdexcept>

namespace wb::wasm {

// ---- the file image

void BlockVfs::File::read(std::int64_t offset, std::uint8_t* out, std::int64_t n) const {
  while (n > 0) {
    auto index = static_cast<size_t>(offset / kBlockSize);
    std::int64_t within = offset % kBlockSize;
    std::int64_t take = std::min(n, kBlockSize - within);
    if (index < blocks.size() && blocks[index])
      std::memcpy(out, blocks[index]->data() + within, static_cast<size_t>(take));
    else
      std::memset(out, 0, static_cast<size_t>(take));
    out += take;
    offset += take;
    n -= take;
  }
}

void BlockVfs::File::remember_original(std::uint32_t index) {
  if (!persistent || originals.count(index)) return;
  std::unique_ptr<Block> copy;
  if (index < blocks.size() && blocks[index]) copy = std::make_unique<Block>(*blocks[index]);
  originals.emplace(index, std::move(copy));
}

void BlockVfs::File::write(std::int64_t offset, const std::uint8_t* in, std::int64_t n) {
  std::int64_t end = offset + n;
  if (static_cast<size_t>(blocks_for(end)) > blocks.size()) blocks.resize(blocks_for(end));
  while (n > 0) {
    auto index = static_cast<std::uint32_t>(offset / kBlockSize);
    std::int64_t within = offset % kBlockSize;
    std::int64_t take = std::min(n, kBlockSize - within);
    remember_original(index);
    auto& b = blocks[index];
    if (!b) b = std::make_unique<Block>(Block{});
    std::memcpy(b->data() + within, in, static_cast<size_t>(take));
    if (persistent) dirty.insert(index);
    in += take;
    offset += take;
    n -= take;
  }
  size = std::max(size, end);
}

void BlockVfs::File::truncate(std::int64_t new_size) {
  if (new_size >= size) {
    size = new_size;  // SQLite only grows files by writing; a larger "truncate" just sets the size
    if (static_cast<size_t>(blocks_for(size)) > blocks.size()) blocks.resize(blocks_for(size));
    return;
  }
  std::uint32_t keep = blocks_for(new_size);
  for (std::uint32_t i = keep; i < blocks.size(); ++i) {
    if (!blocks[i]) continue;
    remember_original(i);
    blocks[i].reset();
  }
  if (blocks.size() > keep) blocks.resize(keep);
  for (auto it = dirty.lower_bound(keep); it != dirty.end();) it = dirty.erase(it);
  // The tail of a partial last block reads as zeros from now on.
  std::int64_t within = new_size % kBlockSize;
  if (within != 0 && keep > 0 && blocks[keep - 1]) {
    remember_original(keep - 1);
    std::memset(blocks[keep - 1]->data() + within, 0, static_cast<size_t>(kBlockSize - within));
    if (persistent) dirty.insert(keep - 1);
  }
  size = new_size;
}

// ---- the host's side

BlockVfs::File& BlockVfs::file(const std::string& name) {
  auto& f = files_[name];
  if (!f) f = std::make_unique<File>();
  return *f;
}

const BlockVfs::File* BlockVfs::find(const std::string& name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : it->second.get();
}

void BlockVfs::load(const std::string& name, std::int64_t size, const std::map<std::uint32_t, std::string>& blocks) {
  for (const auto& [index, bytes] : blocks)
    load_block(name, index, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  set_loaded_size(name, size);
}

void BlockVfs::load_block(const std::string& name, std::uint32_t index, const std::uint8_t* bytes, size_t length) {
  File& f = file(name);
  if (f.open_handles > 0) throw std::logic_error("BlockVfs: loading a file that is open");
  f.persistent = true;
  if (index >= f.blocks.size()) f.blocks.resize(index + 1);
  auto block = std::make_unique<File::Block>(File::Block{});
  std::memcpy(block->data(), bytes, std::min<size_t>(length, kBlockSize));
  f.blocks[index] = std::move(block);
}

void BlockVfs::set_loaded_size(const std::string& name, std::int64_t size) {
  File& f = file(name);
  if (f.open_handles > 0) throw std::logic_error("BlockVfs: loading a file that is open");
  f.persistent = true;
  f.size = size;
  f.blocks.resize(File::blocks_for(size));
  std::int64_t within = size % kBlockSize;
  if (within != 0 && !f.blocks.empty() && f.blocks.back())
    std::memset(f.blocks.back()->data() + within, 0, static_cast<size_t>(kBlockSize - within));
  f.durable_size = f.snapshot_size = size;
  f.originals.clear();
  f.dirty.clear();
  f.in_flight.reset();
}

bool BlockVfs::exists(const std::string& name) const { return find(name) != nullptr; }

std::int64_t BlockVfs::size(const std::string& name) const {
  const File* f = find(name);
  return f ? f->size : 0;
}

void BlockVfs::forget(const std::string& name) {
  auto it = files_.find(name);
  if (it == files_.end()) return;
  if (it->second->open_handles > 0) throw std::logic_error("BlockVfs: forgetting a file that is open");
  files_.erase(it);
}

bool BlockVfs::dirty(const std::string& name) const {
  const File* f = find(name);
  return f && f->persistent && (!f->dirty.empty() || f->size != f->snapshot_size);
}

bool BlockVfs::flushing(const std::string& name) const {
  const File* f = find(name);
  return f && f->in_flight.has_value();
}

const BlockVfs::Snapshot& BlockVfs::begin_flush(const std::string& name) {
  File& f = file(name);
  if (f.in_flight) throw std::logic_error("BlockVfs: a flush is already in progress");
  f.persistent = true;
  Snapshot s;
  s.size = f.size;
  s.stored_blocks = File::blocks_for(f.snapshot_size);
  s.size_unchanged = f.size == f.snapshot_size;
  s.indexes.assign(f.dirty.begin(), f.dirty.end());
  s.bytes.resize(s.indexes.size() * static_cast<size_t>(kBlockSize));
  for (size_t i = 0; i < s.indexes.size(); ++i) {
    auto index = s.indexes[i];
    char* out = s.bytes.data() + i * static_cast<size_t>(kBlockSize);
    if (index < f.blocks.size() && f.blocks[index]) std::memcpy(out, f.blocks[index]->data(), kBlockSize);
    else std::memset(out, 0, kBlockSize);
  }
  f.dirty.clear();
  f.snapshot_size = f.size;
  f.in_flight = std::move(s);
  return *f.in_flight;
}

void BlockVfs::end_flush(const std::string& name, bool ok) {
  File& f = file(name);
  if (!f.in_flight) throw std::logic_error("BlockVfs: no flush in progress");
  Snapshot s = std::move(*f.in_flight);
  f.in_flight.reset();
  if (ok) {
    f.durable_size = s.size;
    // A block changed again after the snapshot now has the snapshot's content as its durable original; any other
    // block changed before it is durable as it is.
    for (size_t i = 0; i < s.indexes.size(); ++i) {
      auto index = s.indexes[i];
      if (f.dirty.count(index)) {
        auto block = std::make_unique<File::Block>();
        std::memcpy(block->data(), s.bytes.data() + i * static_cast<size_t>(kBlockSize), kBlockSize);
        f.originals[index] = std::move(block);
      } else {
        f.originals.erase(index);
      }
    }
    // Blocks cut off by a truncation that is now durable (and not written again since).
    for (auto it = f.originals.begin(); it != f.originals.end();) {
      if (!f.dirty.count(it->first) && it->first >= File::blocks_for(s.size)) it = f.originals.erase(it);
      else ++it;
    }
    return;
  }
  if (f.open_handles > 0) throw std::logic_error("BlockVfs: rolling back a file that is open (close it first)");
  for (auto& [index, original] : f.originals) {
    if (index >= f.blocks.size()) f.blocks.resize(index + 1);
    f.blocks[index] = std::move(original);
  }
  f.originals.clear();
  f.dirty.clear();
  f.size = f.snapshot_size = f.durable_size;
  f.blocks.resize(File::blocks_for(f.size));
}

// ---- SQLite glue

namespace {

struct Handle {
  sqlite3_file base;  // first: SQLite sees a sqlite3_file*
  BlockVfs* vfs;
  BlockVfs::File* file;
  std::string name;
};

}  // namespace

struct VfsGlue {
  static BlockVfs* self(sqlite3_vfs* v) { return static_cast<BlockVfs*>(v->pAppData); }
  static Handle* h(sqlite3_file* f) { return reinterpret_cast<Handle*>(f); }

  static int close(sqlite3_file* f) {
    Handle* handle = h(f);
    handle->file->open_handles--;
    if (handle->file->open_handles == 0 && handle->file->delete_on_close) handle->vfs->files_.erase(handle->name);
    handle->name.~basic_string();
    return SQLITE_OK;
  }
  static int read(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
    const auto* file = h(f)->file;
    file->read(offset, static_cast<std::uint8_t*>(out), n);
    if (offset + n > file->size) {
      // Short read: SQLite wants the missing part zeroed (done by File::read) and this code.
      return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
  }
  static int write(sqlite3_file* f, const void* in, int n, sqlite3_int64 offset) {
    Handle* handle = h(f);
    try {
      handle->file->write(offset, static_cast<const std::uint8_t*>(in), n);
    } catch (const std::bad_alloc&) {
      return SQLITE_FULL;  // out of memory for the image: as good as a full disk to SQLite
    }
    if (handle->file->persistent) handle->vfs->counters_.writes++;
    return SQLITE_OK;
  }
  static int truncate(sqlite3_file* f, sqlite3_int64 size) {
    h(f)->file->truncate(size);
    return SQLITE_OK;
  }
  static int sync(sqlite3_file* f, int) {
    if (h(f)->file->persistent) h(f)->vfs->counters_.syncs++;
    return SQLITE_OK;  // durability is the host's flush, after the operation
  }
  static int file_size(sqlite3_file* f, sqlite3_int64* out) {
    *out = h(f)->file->size;
    return SQLITE_OK;
  }
  // One connection per profile, and one writer per profile across tabs (the host's lock): SQLite's locks have
  // nothing to arbitrate here.
  static int lock(sqlite3_file*, int) { return SQLITE_OK; }
  static int unlock(sqlite3_file*, int) { return SQLITE_OK; }
  static int check_reserved(sqlite3_file*, int* out) {
    *out = 0;
    return SQLITE_OK;
  }
  static int file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
  static int sector_size(sqlite3_file*) { return static_cast<int>(BlockVfs::kBlockSize); }
  static int device_characteristics(sqlite3_file*) { return SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

  static const sqlite3_io_methods* methods() {
    // Version 1: no shared memory, so SQLite keeps the rollback journal (a request for WAL leaves the mode as it
    // is); the journal lives in memory only.
    static const sqlite3_io_methods m = {1, close, read, write, truncate, sync, file_size, lock, unlock,
                                         check_reserved, file_control, sector_size, device_characteristics,
                                         nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
    return &m;
  }

  static int open(sqlite3_vfs* v, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    BlockVfs* vfs = self(v);
    Handle* handle = h(f);
    handle->base.pMethods = nullptr;
    std::string key;
    if (name) {
      key = name;
    } else {
      static unsigned long counter = 0;
      key = "\x01temp-" + std::to_string(++counter);
    }
    auto it = vfs->files_.find(key);
    if (it == vfs->files_.end()) {
      if (!(flags & SQLITE_OPEN_CREATE)) return SQLITE_CANTOPEN;
      it = vfs->files_.emplace(key, std::make_unique<BlockVfs::File>()).first;
      // The main database is what the host persists; journals and temporary files live in memory only.
      it->second->persistent = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    }
    it->second->open_handles++;
    if (flags & SQLITE_OPEN_DELETEONCLOSE) it->second->delete_on_close = true;
    new (&handle->name) std::string(key);
    handle->vfs = vfs;
    handle->file = it->second.get();
    handle->base.pMethods = methods();
    if (out_flags) *out_flags = flags;
    return SQLITE_OK;
  }
  static int remove(sqlite3_vfs* v, const char* name, int) {
    BlockVfs* vfs = self(v);
    auto it = vfs->files_.find(name);
    if (it == vfs->files_.end()) return SQLITE_IOERR_DELETE_NOENT;
    if (it->second->persistent) return SQLITE_IOERR_DELETE;  // the database itself is deleted by the host only
    if (it->second->open_handles > 0) it->second->delete_on_close = true;
    else vfs->files_.erase(it);
    return SQLITE_OK;
  }
  static int access(sqlite3_vfs* v, const char* name, int, int* out) {
    const BlockVfs::File* f = self(v)->find(name);
    *out = f && (f->size > 0 || f->open_handles > 0) ? 1 : 0;
    return SQLITE_OK;
  }
  static int full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
  }
  // Randomness, sleep and time come from the OS's VFS when there is one (natively: "unix"); the browser build has
  // none (SQLITE_OS_OTHER), and these are answered here. (Not any other VFS: SQLite's in-memory "memdb" asks the
  // default VFS, which may be this one, for its randomness.)
  static sqlite3_vfs* fallback(sqlite3_vfs*) { return sqlite3_vfs_find("unix"); }
  static int randomness(sqlite3_vfs* self, int n, char* out) {
    if (auto* f = fallback(self)) return f->xRandomness(f, n, out);
    std::random_device device;
    for (int i = 0; i < n; ++i) out[i] = static_cast<char>(device());
    return n;
  }
  static int sleep(sqlite3_vfs* self, int us) {
    if (auto* f = fallback(self)) return f->xSleep(f, us);
    return 0;  // nothing to wait for: locks never block here
  }
  static int current_time(sqlite3_vfs* self, double* out) {
    if (auto* f = fallback(self)) return f->xCurrentTime(f, out);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    *out = 2440587.5 + static_cast<double>(ms) / 86400000.0;  // Julian day number
    return SQLITE_OK;
  }
  static int last_error(sqlite3_vfs*, int, char*) { return 0; }
};

BlockVfs& BlockVfs::install(const std::string& name, bool make_default) {
  static std::map<std::string, std::pair<std::unique_ptr<BlockVfs>, std::unique_ptr<sqlite3_vfs>>> installed;
  auto it = installed.find(name);
  if (it != installed.end()) return *it->second.first;
  // In the browser build, initialising SQLite installs this VFS itself (sqlite_os.cpp): look again after it.
  sqlite3_initialize();
  it = installed.find(name);
  if (it != installed.end()) return *it->second.first;
  auto self = std::unique_ptr<BlockVfs>(new BlockVfs(name));
  auto v = std::make_unique<sqlite3_vfs>();
  std::memset(v.get(), 0, sizeof(sqlite3_vfs));
  v->iVersion = 1;
  v->szOsFile = sizeof(Handle);
  v->mxPathname = 512;
  v->zName = self->name_.c_str();
  v->pAppData = self.get();
  v->xOpen = VfsGlue::open;
  v->xDelete = VfsGlue::remove;
  v->xAccess = VfsGlue::access;
  v->xFullPathname = VfsGlue::full_pathname;
  v->xRandomness = VfsGlue::randomness;
  v->xSleep = VfsGlue::sleep;
  v->xCurrentTime = VfsGlue::current_time;
  v->xGetLastError = VfsGlue::last_error;
  if (sqlite3_vfs_register(v.get(), make_default ? 1 : 0) != SQLITE_OK) throw std::runtime_error("cannot register the block VFS");
  auto& entry = installed[name];
  entry.first = std::move(self);
  entry.second = std::move(v);
  return *entry.first;
}

}  // namespace wb::wasm
