#include "fixtures.h"

#include <stdlib.h>

wb_profile* wbt_open_marriage_profile(wb_env* env, const char* name, const char* server_url, char** dir) {
  wb_error err = WB_ERROR_INIT;
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  char* form = wbt_sample_form("marriage-certificate-reissue");
  wb_profile* profile;
  *dir = wbt_temp_dir(name);
  options.data_dir = *dir;
  options.server_url = server_url;
  options.retry_base_ms = 50;
  options.read_timeout_ms = 10000;
  profile = wb_profile_open(env, &options, &err);
  WBT_CHECK_OK(err);
  if (profile && !wb_catalog_import(profile, form, &err)) WBT_CHECK_OK(err);
  free(form);
  return profile;
}

int64_t wbt_queue_marriage_application(wb_profile* profile) {
  static const char* const answers[][2] = {
      {"/husband/name", "\"孙七\""},        {"/husband/idNumber", "\"330106198802141013\""},
      {"/husband/mobile", "\"13700000004\""}, {"/wife/name", "\"周八\""},
      {"/wife/idNumber", "\"330106199007301027\""}, {"/wife/mobile", "\"18600000005\""},
      {"/original/registrationDate", "\"2016-09-18\""}, {"/original/registry", "\"示例市婚姻登记中心\""},
      {"/reason", "\"lost\""},                {"/declaration", "true"}};
  const uint8_t photo[] = {0xff, 0xd8, 0xff, 0xe0, 'j', 'o', 'i', 'n', 't', ' ', 'p', 'h', 'o', 't', 'o'};
  wb_error err = WB_ERROR_INIT;
  wb_draft* draft = wb_draft_create(profile, "marriage-certificate-reissue", &err);
  int64_t id = 0;
  size_t i;
  char* ref;
  WBT_CHECK_OK(err);
  if (!draft) return 0;
  for (i = 0; i < sizeof answers / sizeof answers[0]; ++i) {
    wb_draft_set(draft, answers[i][0], answers[i][1], &err);
    WBT_CHECK_OK(err);
  }
  ref = wb_draft_attach(draft, "/attachments/jointPhoto", photo, sizeof photo, "合影.jpg", "image/jpeg", &err);
  WBT_CHECK_OK(err);
  wb_string_free(ref);
  wb_draft_submit(draft, &id, &err);
  WBT_CHECK_OK(err);
  wb_draft_free(draft);
  return id;
}

char* wbt_outbox_string(wb_profile* profile, int64_t outbox_id, const char* pointer) {
  char* item = wb_outbox_get(profile, outbox_id, NULL);
  char* value = item ? wbt_json_string(item, pointer) : NULL;
  wb_string_free(item);
  return value;
}
