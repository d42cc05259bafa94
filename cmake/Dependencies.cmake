# Third-party dependencies. Header-only libraries come from Debian (/usr/include); the SQLite amalgamation is
# fetched by scripts/bootstrap into third_party/sqlite so that native and wasm compile the same SQLite.

if(EMSCRIPTEN OR CMAKE_CROSSCOMPILING)
  # Emscripten compiles against its own sysroot and must not see /usr/include (glibc's headers would shadow its
  # libc); so do cross compilers (the Android NDK, aarch64-linux-gnu: docs/mobile.md). Expose only the header-only
  # libraries we use, through a folder of symlinks in the build tree.
  set(_shim "${CMAKE_BINARY_DIR}/include-shim")
  file(MAKE_DIRECTORY "${_shim}")
  foreach(_entry nlohmann doctest CLI httplib.h)
    if(EXISTS "/usr/include/${_entry}" AND NOT EXISTS "${_shim}/${_entry}")
      file(CREATE_LINK "/usr/include/${_entry}" "${_shim}/${_entry}" SYMBOLIC)
    endif()
  endforeach()
  add_library(wangban_thirdparty_headers INTERFACE)
  target_include_directories(wangban_thirdparty_headers SYSTEM INTERFACE "${_shim}")
  if(EMSCRIPTEN)
    # Wasm exception handling: nlohmann/json and the core report errors with exceptions.
    add_compile_options(-fwasm-exceptions)
    add_link_options(-fwasm-exceptions)
  endif()
else()
  add_library(wangban_thirdparty_headers INTERFACE)
endif()

set(WANGBAN_SQLITE_DIR "${CMAKE_SOURCE_DIR}/third_party/sqlite")
if(NOT EXISTS "${WANGBAN_SQLITE_DIR}/sqlite3.c")
  message(FATAL_ERROR "SQLite amalgamation missing in ${WANGBAN_SQLITE_DIR}: run scripts/bootstrap first")
endif()
add_library(wangban_sqlite STATIC "${WANGBAN_SQLITE_DIR}/sqlite3.c")
target_include_directories(wangban_sqlite SYSTEM PUBLIC "${WANGBAN_SQLITE_DIR}")
target_compile_definitions(wangban_sqlite PRIVATE
  SQLITE_DQS=0
  SQLITE_DEFAULT_FOREIGN_KEYS=1
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_USE_ALLOCA
  SQLITE_ENABLE_FTS5)
if(EMSCRIPTEN)
  target_compile_definitions(wangban_sqlite PRIVATE SQLITE_THREADSAFE=0)
else()
  target_compile_definitions(wangban_sqlite PRIVATE SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(wangban_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
set_target_properties(wangban_sqlite PROPERTIES POSITION_INDEPENDENT_CODE ON)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(wangban_sqlite PRIVATE -w)
endif()
