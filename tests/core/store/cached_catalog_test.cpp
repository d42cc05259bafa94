// The offline catalog: the newest cached definition of each item (what the C API's catalog lists).

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "core/store/profile_store.hpp"
#include "tests/support/fake_env.hpp"

using nlohmann::json;
using namespace wb;
namespace fs = std::filesystem;

TEST_CASE("cached_catalog: the newest version of every cached item, by item id") {
  test::FakeEnv fe;
  fs::path dir = fs::temp_directory_path() / ("wangban-cached-catalog-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = store::ProfileStore::open((dir / "profile.db").string(), fe.env());
  CHECK(store->cached_catalog().empty());

  store->cache_form({{"id", "zeta"}, {"version", 1}, {"title", "z1"}});
  store->cache_form({{"id", "alpha"}, {"version", 2}, {"title", "a2"}});
  store->cache_form({{"id", "alpha"}, {"version", 1}, {"title", "a1"}});
  store->cache_form({{"id", "alpha"}, {"version", 3}, {"title", "a3"}});
  auto all = store->cached_catalog();
  REQUIRE(all.size() == 2);
  CHECK(all[0]["id"] == "alpha");
  CHECK(all[0]["version"] == 3);
  CHECK(all[0]["title"] == "a3");
  CHECK(all[1]["id"] == "zeta");
  CHECK(all[1]["version"] == 1);
  store.reset();
  fs::remove_all(dir);
}
