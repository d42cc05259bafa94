// SQLite's OS layer for the browser module, which compiles SQLite with SQLITE_OS_OTHER (no Unix VFS, no file
// system): the block VFS is the only VFS, registered as the default when SQLite initialises.

#include <sqlite3.h>

#include "wasm/platform/block_vfs.hpp"

extern "C" int sqlite3_os_init(void) {
  try {
    wb::wasm::BlockVfs::install("wangban-blocks", true);
  } catch (...) {
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

extern "C" int sqlite3_os_end(void) { return SQLITE_OK; }
