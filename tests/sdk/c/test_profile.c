/* Profiles: opened and created in a folder, refused when the file is not ours (and left untouched), the server URL
 * checked and remembered. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

void test_profile_open_and_reopen(void);
void test_profile_refuses_foreign_file(void);
void test_profile_server_url(void);

static wb_env* english_env(void) {
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  options.lang = "en";
  return wb_env_new(&options, NULL);
}

void test_profile_open_and_reopen(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = english_env();
  char* dir = wbt_temp_dir("profile-open");
  char path[4096];
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  wb_profile* profile;
  char* form = wbt_sample_form("marriage-certificate-reissue");
  char* list;
  size_t size = 0;
  char* bytes;

  WBT_CHECK(wb_profile_open(env, &options, &err) == NULL); /* data_dir is required */
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(wb_profile_open(NULL, &options, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  snprintf(path, sizeof path, "%s/nested/profile", dir);
  options.data_dir = path;
  profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_catalog_import(profile, form, &err));
  wb_profile_close(profile);

  snprintf(path, sizeof path, "%s/nested/profile/profile.db", dir);
  bytes = wbt_read_file(path, &size);
  WBT_CHECK(bytes != NULL && size > 0);
  free(bytes);

  /* Reopened: what was stored is there. */
  snprintf(path, sizeof path, "%s/nested/profile", dir);
  profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE_OK(err);
  list = wb_catalog_list(profile, NULL, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(list, "") == 1);
  wb_string_free(list);
  wb_profile_close(profile);
  wb_profile_close(NULL);
  wb_env_free(env);
  free(form);
  free(dir);
}

void test_profile_refuses_foreign_file(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = english_env();
  char* dir = wbt_temp_dir("profile-foreign");
  char path[4096];
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  const char* text = "this is somebody's notes, not a database\n";
  char* after;

  snprintf(path, sizeof path, "%s/profile.db", dir);
  wbt_write_file(path, text);
  options.data_dir = dir;
  WBT_CHECK(wb_profile_open(env, &options, &err) == NULL);
  WBT_CHECK(err.domain == WB_DOMAIN_WANGBAN);
  WBT_CHECK(err.code == WB_ERR_STORE_FOREIGN || err.code == WB_ERR_STORE_CORRUPT);
  WBT_CHECK(err.message[0] != '\0');
  after = wbt_read_file(path, NULL);
  WBT_CHECK_STR(after, text); /* untouched */
  free(after);
  wb_env_free(env);
  free(dir);
}

/* A transport that answers nothing and remembers where it was asked to go. */
static void remember_url(void* userdata, const wb_http_request* request, wb_http_response* response) {
  snprintf((char*)userdata, 256, "%s", request->url);
  wb_http_response_fail(response, "not connected");
}

void test_profile_server_url(void) {
  wb_error err = WB_ERROR_INIT;
  char last_url[256] = "";
  wb_http_transport http = WB_HTTP_TRANSPORT_INIT;
  wb_env_options eo = WB_ENV_OPTIONS_INIT;
  wb_env* env;
  char* dir = wbt_temp_dir("profile-server");
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  wb_profile* profile;
  wb_sync_status status = WB_SYNC_STATUS_INIT;

  http.send = remember_url;
  http.userdata = last_url;
  eo.http = &http;
  env = wb_env_new(&eo, &err);
  WBT_REQUIRE_OK(err);
  options.data_dir = dir;
  options.server_url = "ftp://example.cn";
  WBT_CHECK(wb_profile_open(env, &options, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  options.server_url = NULL;
  profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_sync_step(profile, &err) == -1); /* no server yet */
  WBT_CHECK_CODE(err, WB_ERR_SDK_NO_SERVER);
  WBT_CHECK(!wb_profile_set_server(profile, "gov.example.cn", &err));
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(wb_profile_set_server(profile, "https://gov.example.cn/", &err));
  WBT_CHECK_OK(err);
  wb_profile_close(profile);

  /* Remembered by the profile (without the trailing slash): the next sync goes there. */
  profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_sync_once(profile, &status, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(strncmp(last_url, "https://gov.example.cn/v1/", 26) == 0);
  WBT_CHECK(status.offline);
  WBT_CHECK_STR(status.last_error, "not connected");
  WBT_CHECK(!status.signed_in);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
