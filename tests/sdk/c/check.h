/* The C API tests are written in C (this header is C99). They run under doctest: runner.cpp registers each test
 * function as a test case, and the harness functions below (harness.cpp) give them a server, temp folders and a
 * little JSON reading, so the tests themselves see only the C API. */
#ifndef WANGBAN_TESTS_SDK_CHECK_H
#define WANGBAN_TESTS_SDK_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "wangban.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Records a failed check at file:line (the test goes on; WBT_REQUIRE returns from the test function). */
void wbt_fail(const char* file, int line, const char* expression, const char* detail);

#define WBT_CHECK(cond) \
  do { \
    if (!(cond)) wbt_fail(__FILE__, __LINE__, #cond, NULL); \
  } while (0)
#define WBT_REQUIRE(cond) \
  do { \
    if (!(cond)) { \
      wbt_fail(__FILE__, __LINE__, #cond, NULL); \
      return; \
    } \
  } while (0)
/* The call succeeded: err is clear (its message is shown otherwise). */
#define WBT_CHECK_OK(err) \
  do { \
    if ((err).domain != WB_DOMAIN_NONE) wbt_fail(__FILE__, __LINE__, "no error", (err).message); \
  } while (0)
#define WBT_REQUIRE_OK(err) \
  do { \
    if ((err).domain != WB_DOMAIN_NONE) { \
      wbt_fail(__FILE__, __LINE__, "no error", (err).message); \
      return; \
    } \
  } while (0)
/* The call failed with this Wangban code. */
#define WBT_CHECK_CODE(err, expected) \
  do { \
    if ((err).domain != WB_DOMAIN_WANGBAN || (err).code != (int)(expected)) \
      wbt_fail(__FILE__, __LINE__, "error " #expected, (err).domain ? (err).id : "no error"); \
  } while (0)
#define WBT_CHECK_STR(actual, expected) \
  do { \
    const char* wbt_a_ = (actual); \
    const char* wbt_e_ = (expected); \
    if (!wbt_a_ || strcmp(wbt_a_, wbt_e_) != 0) wbt_fail(__FILE__, __LINE__, #actual " == " #expected, wbt_a_ ? wbt_a_ : "(null)"); \
  } while (0)

/* Paths. wbt_temp_dir: a fresh empty folder for this test (freed with free()). */
const char* wbt_source_dir(void);
char* wbt_temp_dir(const char* name);
char* wbt_read_file(const char* path, size_t* size); /* NULL when unreadable; free() */
/* The form definition text of a sample item (examples/catalog/ITEM.json); free(). */
char* wbt_sample_form(const char* item_id);
/* A file that holds `text` is written at path. */
void wbt_write_file(const char* path, const char* text);

/* A wangban-server in this process (started on first use, on a free port, demo accounts). */
const char* wbt_server_url(void);
/* A URL where nothing listens (connection refused). */
const char* wbt_dead_url(void);
/* Caseworker actions on the server (over its admin API): an appointment slot starting in a day (its id; free()),
 * an answer to a consultation, a case taken to "approved" with its result published (completed). */
char* wbt_admin_create_slot(const char* item_id, int capacity);
void wbt_admin_answer_consultation(const char* consultation_id, const char* answer, int publish);
void wbt_admin_complete_case(const char* case_id);

/* JSON reading: the value at a JSON Pointer as JSON text (NULL when absent; free()); as a string (NULL when not a
 * string; free()); as an integer (fallback when not a number); an array's or object's size (-1 when neither). */
char* wbt_json_at(const char* json, const char* pointer);
char* wbt_json_string(const char* json, const char* pointer);
long long wbt_json_int(const char* json, const char* pointer, long long fallback);
int wbt_json_bool(const char* json, const char* pointer); /* 1 true, 0 false, -1 not a boolean */
int wbt_json_size(const char* json, const char* pointer);

/* Sleeps a little (for the background-sync tests' polling). */
void wbt_sleep_ms(int ms);

/* The demo accounts of wangban-server. */
#define WBT_CITIZEN "11010519491231002X"
#define WBT_PASSWORD "wangban-demo"

#ifdef __cplusplus
}
#endif

#endif
