#pragma once
// An SQLite VFS that keeps files in memory, in fixed 4 KiB blocks, and tracks which blocks of each persistent file
// changed since they were last made durable. The browser keeps the profile database in IndexedDB, which is
// asynchronous, while SQLite's I/O is synchronous: so SQLite works on this in-memory image, and after each
// committed operation the host copies the changed blocks into one IndexedDB transaction (begin_flush / end_flush).
// IndexedDB commits a transaction atomically, so the stored image always moves from one committed SQLite state to
// the next; the rollback journal never needs to be stored (it only serves rollbacks in memory).
//
// If a flush fails (the origin's storage quota is full, IndexedDB refused), end_flush(false) puts every block back
// to its last durable content, so memory and storage agree again: nothing already saved is lost, and the changes
// that were not saved are gone from memory too (the caller reopens its SQLite connection around that, since
// SQLite's own page cache would still hold them).
//
// Portable C++: no Emscripten, so its tests run natively and under the sanitizers as well. Single-threaded, like
// the browser's main thread or a worker (SQLite is built with SQLITE_THREADSAFE=0 there).

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wb::wasm {

class BlockVfs {
 public:
  static constexpr std::int64_t kBlockSize = 4096;

  // Registers the VFS under `name` with SQLite (once per process; later calls return the same instance), as the
  // default VFS when asked (the browser build, where it is the only one).
  static BlockVfs& install(const std::string& name = "wangban-blocks", bool make_default = false);
  const std::string& name() const { return name_; }

  // ---- the host's side: filling a file before SQLite opens it, and persisting its changes.
  // A file named here is persistent (its changes are tracked); SQLite's journals and temporary files are not.
  // `load` replaces the file's content with what storage holds: `size` bytes, blocks given by index (missing ones
  // are zero). The loaded image is the durable state.
  void load(const std::string& file, std::int64_t size, const std::map<std::uint32_t, std::string>& blocks);
  void load_block(const std::string& file, std::uint32_t index, const std::uint8_t* bytes, size_t length);
  void set_loaded_size(const std::string& file, std::int64_t size);
  bool exists(const std::string& file) const;
  std::int64_t size(const std::string& file) const;
  // Removes a file from memory (after its connection is closed); storage is the host's business.
  void forget(const std::string& file);

  // What changed since the last snapshot: blocks to write, and the size to record. Blocks at or beyond
  // `size` that storage may hold from before (up to `stored_blocks`) are to be deleted.
  struct Snapshot {
    std::int64_t size = 0;
    std::uint32_t stored_blocks = 0;      // how many blocks storage holds once the previous flushes are done
    std::vector<std::uint32_t> indexes;   // ascending
    std::string bytes;                    // indexes.size() * kBlockSize bytes, in that order
    bool empty() const { return indexes.empty() && size_unchanged; }
    bool size_unchanged = true;
  };
  bool dirty(const std::string& file) const;
  // Takes the changes since the last snapshot. One flush at a time: end the previous one first.
  const Snapshot& begin_flush(const std::string& file);
  // ok: the snapshot is durable. Otherwise every block goes back to its last durable content (later changes
  // included: they were not durable either) and the size too.
  void end_flush(const std::string& file, bool ok);
  bool flushing(const std::string& file) const;

  // Statistics for tests and benchmarks.
  struct Counters {
    long writes = 0;  // xWrite calls on persistent files
    long syncs = 0;
  };
  Counters counters() const { return counters_; }

  struct File;  // public for the C callbacks; opaque to users

 private:
  explicit BlockVfs(std::string name) : name_(std::move(name)) {}
  File& file(const std::string& name);
  const File* find(const std::string& name) const;

  std::string name_;
  std::map<std::string, std::unique_ptr<File>> files_;
  Counters counters_;
  friend struct VfsGlue;
};

struct BlockVfs::File {
  using Block = std::array<std::uint8_t, BlockVfs::kBlockSize>;
  std::vector<std::unique_ptr<Block>> blocks;  // null: all zero
  std::int64_t size = 0;
  bool persistent = false;
  int open_handles = 0;
  bool delete_on_close = false;

  // Change tracking (persistent files only).
  std::int64_t durable_size = 0;
  std::int64_t snapshot_size = 0;                            // the size storage has once queued flushes are done
  std::map<std::uint32_t, std::unique_ptr<Block>> originals;  // durable content of blocks changed since (null: zero)
  std::set<std::uint32_t> dirty;                              // changed since the last snapshot
  std::optional<Snapshot> in_flight;

  void read(std::int64_t offset, std::uint8_t* out, std::int64_t n) const;
  void write(std::int64_t offset, const std::uint8_t* in, std::int64_t n);
  void truncate(std::int64_t new_size);
  void remember_original(std::uint32_t index);
  static std::uint32_t blocks_for(std::int64_t size) {
    return static_cast<std::uint32_t>((size + kBlockSize - 1) / kBlockSize);
  }
};

}  // namespace wb::wasm
