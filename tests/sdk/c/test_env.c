/* Environments: defaults, the app's own services (and their userdata freed exactly once, also when creation
 * fails), languages, options structs of an unknown version. */
#include <stdlib.h>

#include "check.h"

void test_env_defaults(void);
void test_env_services_and_userdata(void);
void test_env_refuses_bad_options(void);

static int64_t fixed_clock(void* userdata) { return *(int64_t*)userdata; }

static bool counting_random(void* userdata, uint8_t* out, size_t size) {
  size_t i;
  int* calls = (int*)userdata;
  ++*calls;
  for (i = 0; i < size; ++i) out[i] = (uint8_t)(i * 7 + (size_t)*calls);
  return true;
}

static int freed_clock, freed_random;
static void free_clock(void* userdata) { (void)userdata; ++freed_clock; }
static void free_random(void* userdata) { (void)userdata; ++freed_random; }

void test_env_defaults(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, &err);
  WBT_REQUIRE_OK(err);
  WBT_REQUIRE(env != NULL);
  WBT_CHECK(wb_env_set_lang(env, "en", &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(!wb_env_set_lang(env, "fr", &err));
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(strstr(err.message, "fr") != NULL);
  wb_env_free(env);
  wb_env_free(NULL);
}

void test_env_services_and_userdata(void) {
  wb_error err = WB_ERROR_INIT;
  int64_t now = 1795395600000; /* 2026-11-23 09:00 +08:00 */
  int random_calls = 0;
  wb_clock clock = WB_CLOCK_INIT;
  wb_random random = WB_RANDOM_INIT;
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  wb_profile_options popts = WB_PROFILE_OPTIONS_INIT;
  wb_env* env;
  wb_profile* profile;
  char* dir = wbt_temp_dir("env-services");
  char* form = wbt_sample_form("marriage-certificate-reissue");
  char* list;

  freed_clock = freed_random = 0;
  clock.now_ms = fixed_clock;
  clock.userdata = &now;
  clock.userdata_free = free_clock;
  random.fill = counting_random;
  random.userdata = &random_calls;
  random.userdata_free = free_random;
  options.clock = &clock;
  options.random = &random;
  options.lang = "en";
  env = wb_env_new(&options, &err);
  WBT_REQUIRE_OK(err);

  /* The profile runs on the app's clock and randomness: a new draft is stamped with the fixed time. */
  popts.data_dir = dir;
  profile = wb_profile_open(env, &popts, &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_catalog_import(profile, form, &err));
  {
    wb_draft* draft = wb_draft_create(profile, "marriage-certificate-reissue", &err);
    WBT_CHECK_OK(err);
    wb_draft_free(draft);
  }
  list = wb_draft_list(profile, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_int(list, "/0/createdAt", 0) == now);
  WBT_CHECK(random_calls > 0); /* the draft id */
  wb_string_free(list);

  wb_env_free(env); /* the profile keeps the env alive */
  WBT_CHECK(freed_clock == 0);
  wb_profile_close(profile);
  WBT_CHECK(freed_clock == 1);
  WBT_CHECK(freed_random == 1);
  free(dir);
  free(form);
}

void test_env_refuses_bad_options(void) {
  wb_error err = WB_ERROR_INIT;
  wb_clock clock = WB_CLOCK_INIT;
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  int64_t now = 0;
  wb_env* env;

  /* A failed creation still frees the services' userdata. */
  freed_clock = 0;
  clock.now_ms = fixed_clock;
  clock.userdata = &now;
  clock.userdata_free = free_clock;
  options.clock = &clock;
  options.lang = "xx";
  env = wb_env_new(&options, &err);
  WBT_CHECK(env == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(freed_clock == 1);

  /* An options struct smaller than the first version: refused, named. */
  options = (wb_env_options)WB_ENV_OPTIONS_INIT;
  options.struct_size = 4;
  env = wb_env_new(&options, &err);
  WBT_CHECK(env == NULL);
  WBT_CHECK_CODE(err, WB_ERR_SDK_OPTIONS_VERSION);
  WBT_CHECK(strstr(err.message, "wb_env_options") != NULL);

  /* A clock without its function. */
  options = (wb_env_options)WB_ENV_OPTIONS_INIT;
  clock = (wb_clock)WB_CLOCK_INIT;
  options.clock = &clock;
  env = wb_env_new(&options, &err);
  WBT_CHECK(env == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(strstr(err.message, "now_ms") != NULL);

  /* Errors may be ignored: NULL is accepted everywhere. */
  WBT_CHECK(wb_env_new(&options, NULL) == NULL);
}
