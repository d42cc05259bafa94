// Registers the C API tests (written in C: tests/sdk/c/*.c) as doctest test cases, so scripts/test counts them
// like every other suite. Each C function is one test case. WBT_OFFLINE_ONLY: only those that need no server.

#include <doctest/doctest.h>

extern "C" {
#define WBT_TEST(fn, name) void fn(void);
#include "tests/sdk/c/tests_offline.def"
#ifndef WBT_OFFLINE_ONLY
#include "tests/sdk/c/tests_online.def"
#endif
#undef WBT_TEST
}

#define WBT_TEST(fn, name) TEST_CASE("C API: " name) { fn(); }
#include "tests/sdk/c/tests_offline.def"
#ifndef WBT_OFFLINE_ONLY
#include "tests/sdk/c/tests_online.def"
#endif
#undef WBT_TEST
