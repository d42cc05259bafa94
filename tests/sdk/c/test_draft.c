/* Drafts through the C API: every edit saved, refused edits change nothing, rules (computed values, visibility per
 * row), repeat rows, attachments with the material's limits, the view and the validation, submission. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

void test_draft_edits_rules_and_rows(void);
void test_draft_attachments(void);
void test_draft_submit(void);

static wb_profile* profile_with(wb_env* env, const char* name, const char* item, char** dir) {
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  char* form = wbt_sample_form(item);
  wb_profile* profile;
  *dir = wbt_temp_dir(name);
  options.data_dir = *dir;
  profile = wb_profile_open(env, &options, NULL);
  if (profile) wb_catalog_import(profile, form, NULL);
  free(form);
  return profile;
}

static wb_env* english_env(void) {
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  options.lang = "en";
  return wb_env_new(&options, NULL);
}

/* The view's field at a location: its index in /fields, or -1. */
static int field_index(const char* view, const char* location) {
  int i, n = wbt_json_size(view, "/fields");
  char pointer[64];
  for (i = 0; i < n; ++i) {
    char* loc;
    int same;
    snprintf(pointer, sizeof pointer, "/fields/%d/location", i);
    loc = wbt_json_string(view, pointer);
    same = loc && strcmp(loc, location) == 0;
    free(loc);
    if (same) return i;
  }
  return -1;
}

static int field_flag(const char* view, const char* location, const char* flag) {
  char pointer[96];
  int i = field_index(view, location);
  if (i < 0) return -1;
  snprintf(pointer, sizeof pointer, "/fields/%d/%s", i, flag);
  return wbt_json_bool(view, pointer);
}

void test_draft_edits_rules_and_rows(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = english_env();
  char* dir;
  wb_profile* profile = profile_with(env, "draft-edits", "affordable-housing-prequalification", &dir);
  wb_draft* draft;
  wb_draft* again;
  char* value;
  char* view;
  char* errors;
  char id[64];
  size_t row = 99;

  WBT_REQUIRE(profile != NULL);
  WBT_CHECK(wb_draft_create(profile, "no-such-item", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_FORM);

  draft = wb_draft_create(profile, "affordable-housing-prequalification", &err);
  WBT_REQUIRE_OK(err);
  snprintf(id, sizeof id, "%s", wb_draft_id(draft));
  WBT_CHECK(strlen(id) == 36);

  WBT_CHECK(wb_draft_set(draft, "/applicant/name", "\"李四\"", &err));
  WBT_CHECK_OK(err);
  value = wb_draft_get(draft, "/applicant/name", &err);
  WBT_CHECK_STR(value, "\"李四\"");
  wb_string_free(value);
  value = wb_draft_get(draft, "/applicant/mobile", &err);
  WBT_CHECK_STR(value, "null");
  wb_string_free(value);

  /* Refused edits: not JSON (with line and column), no place for a value, a computed field. */
  WBT_CHECK(!wb_draft_set(draft, "/applicant/name", "李四", &err));
  WBT_CHECK_CODE(err, WB_ERR_JSON_SYNTAX);
  WBT_CHECK(strstr(err.message, "line 1") != NULL);
  WBT_CHECK(!wb_draft_set(draft, "/applicant/name/first", "1", &err)); /* crosses a text */
  WBT_CHECK_CODE(err, WB_ERR_FILL_BAD_LOCATION);
  WBT_CHECK(!wb_draft_set(draft, "", "{}", &err)); /* the whole application at once */
  WBT_CHECK_CODE(err, WB_ERR_FILL_BAD_LOCATION);
  WBT_CHECK(!wb_draft_set(draft, "no-slash", "1", &err));
  WBT_CHECK_CODE(err, WB_ERR_FILL_BAD_LOCATION);
  WBT_CHECK(!wb_draft_set(draft, "/totalIncome", "5", &err));
  WBT_CHECK_CODE(err, WB_ERR_FILL_READ_ONLY);
  value = wb_draft_get(draft, "/applicant/name", &err);
  WBT_CHECK_STR(value, "\"李四\""); /* unchanged by the refusals */
  wb_string_free(value);

  /* An invalid answer is kept, with its error in the view. */
  WBT_CHECK(wb_draft_set(draft, "/applicant/mobile", "\"12345\"", &err));
  view = wb_draft_view(draft, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_bool(view, "/complete") == 0);
  {
    int i = field_index(view, "/applicant/mobile");
    char pointer[64];
    char* code;
    WBT_REQUIRE(i >= 0);
    snprintf(pointer, sizeof pointer, "/fields/%d/errors/0/code", i);
    code = wbt_json_string(view, pointer);
    WBT_CHECK_STR(code, "validate.format.cn_mobile");
    free(code);
  }
  wb_string_free(view);

  /* Rows: the household grows; the employer field shows only for employed members; totals are computed. */
  WBT_CHECK(wb_draft_add_row(draft, "/household", "{\"name\": \"李四\", \"annualIncome\": 21600, \"employed\": true}", &row, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(row == 0);
  WBT_CHECK(wb_draft_add_row(draft, "/household", NULL, &row, &err));
  WBT_CHECK(row == 1);
  WBT_CHECK(wb_draft_set(draft, "/household/1/annualIncome", "9800.5", &err));
  value = wb_draft_get(draft, "/totalIncome", &err);
  WBT_CHECK_STR(value, "31400.5");
  wb_string_free(value);
  view = wb_draft_view(draft, &err);
  WBT_CHECK(field_flag(view, "/household/0/employer", "visible") == 1);
  WBT_CHECK(field_flag(view, "/household/0/employer", "required") == 1);
  WBT_CHECK(field_flag(view, "/household/1/employer", "visible") == 0);
  WBT_CHECK(field_flag(view, "/totalIncome", "readOnly") == 1);
  wb_string_free(view);

  WBT_CHECK(wb_draft_move_row(draft, "/household", 1, 0, &err));
  WBT_CHECK_OK(err);
  value = wb_draft_get(draft, "/household/1/name", &err);
  WBT_CHECK_STR(value, "\"李四\"");
  wb_string_free(value);
  WBT_CHECK(wb_draft_remove_row(draft, "/household", 0, &err));
  WBT_CHECK_OK(err);
  value = wb_draft_get(draft, "/totalIncome", &err);
  WBT_CHECK_STR(value, "21600");
  wb_string_free(value);
  WBT_CHECK(!wb_draft_remove_row(draft, "/household", 5, &err));
  WBT_CHECK(err.domain == WB_DOMAIN_WANGBAN);

  WBT_CHECK(wb_draft_clear(draft, "/applicant/mobile", &err));
  value = wb_draft_get(draft, "/applicant/mobile", &err);
  WBT_CHECK_STR(value, "null");
  wb_string_free(value);

  errors = wb_draft_validate(draft, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(errors, "") > 0);
  wb_string_free(errors);
  wb_draft_free(draft);

  /* Everything was saved: reopened by id, the draft is as it was left. */
  again = wb_draft_open(profile, id, &err);
  WBT_REQUIRE_OK(err);
  value = wb_draft_get(again, "", &err);
  WBT_CHECK(wbt_json_size(value, "/household") == 1);
  {
    char* name = wbt_json_string(value, "/applicant/name");
    WBT_CHECK_STR(name, "李四");
    free(name);
  }
  wb_string_free(value);
  wb_draft_free(again);

  value = wb_draft_list(profile, &err);
  WBT_CHECK(wbt_json_size(value, "") == 1);
  WBT_CHECK(wbt_json_int(value, "/0/errorCount", 0) > 0);
  wb_string_free(value);
  WBT_CHECK(wb_draft_delete(profile, id, &err));
  WBT_CHECK(!wb_draft_delete(profile, id, &err));
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_SUCH_DRAFT);
  WBT_CHECK(wb_draft_open(profile, id, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_SUCH_DRAFT);

  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}

void test_draft_attachments(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = english_env();
  char* dir;
  wb_profile* profile = profile_with(env, "draft-attach", "affordable-housing-prequalification", &dir);
  wb_draft* draft;
  const uint8_t jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 'i', 'd', ' ', 'c', 'a', 'r', 'd'};
  char* ref;
  char* value;

  WBT_REQUIRE(profile != NULL);
  draft = wb_draft_create(profile, "affordable-housing-prequalification", &err);
  WBT_REQUIRE_OK(err);

  /* A list field: each file is appended. */
  ref = wb_draft_attach(draft, "/attachments/idCards", jpeg, sizeof jpeg, "李四身份证.jpg", "image/jpeg", &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_int(ref, "/size", 0) == (long long)sizeof jpeg);
  {
    char* sha = wbt_json_string(ref, "/sha256");
    WBT_CHECK(sha != NULL && strlen(sha) == 64);
    free(sha);
  }
  wb_string_free(ref);
  ref = wb_draft_attach(draft, "/attachments/idCards", jpeg, 5, "郑一身份证.jpg", "image/jpeg", &err);
  wb_string_free(ref);
  value = wb_draft_get(draft, "/attachments/idCards", &err);
  WBT_CHECK(wbt_json_size(value, "") == 2);
  wb_string_free(value);

  /* A single-file field holds one file. */
  ref = wb_draft_attach(draft, "/attachments/hukou", jpeg, sizeof jpeg, "户口簿.jpg", "image/jpeg", &err);
  WBT_CHECK_OK(err);
  wb_string_free(ref);
  value = wb_draft_get(draft, "/attachments/hukou/name", &err);
  WBT_CHECK_STR(value, "\"户口簿.jpg\"");
  wb_string_free(value);

  /* The material's limits, and places that take no file. */
  WBT_CHECK(wb_draft_attach(draft, "/attachments/hukou", jpeg, sizeof jpeg, "a.exe", "application/x-msdownload", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_FILE_TYPE);
  WBT_CHECK(wb_draft_attach(draft, "/applicant/name", jpeg, sizeof jpeg, "a.jpg", "image/jpeg", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NOT_ATTACHMENT_FIELD);
  WBT_CHECK_STR(err.pointer, "/applicant/name");
  WBT_CHECK(wb_draft_attach(draft, "/attachments/hukou", NULL, 3, "a.jpg", "image/jpeg", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  wb_draft_free(draft);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}

/* Fills the marriage-certificate reissue the way a person would, field by field. */
static void fill_marriage(wb_draft* draft, wb_error* err) {
  static const char* const answers[][2] = {
      {"/husband/name", "\"孙七\""},        {"/husband/idNumber", "\"330106198802141013\""},
      {"/husband/mobile", "\"13700000004\""}, {"/wife/name", "\"周八\""},
      {"/wife/idNumber", "\"330106199007301027\""}, {"/wife/mobile", "\"18600000005\""},
      {"/original/registrationDate", "\"2016-09-18\""}, {"/original/registry", "\"示例市婚姻登记中心\""},
      {"/reason", "\"lost\""},                {"/declaration", "true"}};
  const uint8_t photo[] = {0xff, 0xd8, 0xff, 0xe0, 'p', 'h', 'o', 't', 'o'};
  size_t i;
  char* ref;
  for (i = 0; i < sizeof answers / sizeof answers[0]; ++i) wb_draft_set(draft, answers[i][0], answers[i][1], err);
  ref = wb_draft_attach(draft, "/attachments/jointPhoto", photo, sizeof photo, "合影.jpg", "image/jpeg", err);
  wb_string_free(ref);
}

void test_draft_submit(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = english_env();
  char* dir;
  wb_profile* profile = profile_with(env, "draft-submit", "marriage-certificate-reissue", &dir);
  wb_draft* draft;
  int64_t outbox_id = 0;
  char* text;

  WBT_REQUIRE(profile != NULL);
  draft = wb_draft_create(profile, "marriage-certificate-reissue", &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_draft_set(draft, "/husband/name", "\"孙七\"", &err));

  /* Incomplete: refused with the count; validate lists what is missing. */
  WBT_CHECK(!wb_draft_submit(draft, &outbox_id, &err));
  WBT_CHECK_CODE(err, WB_ERR_STORE_INCOMPLETE);
  WBT_CHECK(strstr(err.message, "problem") != NULL);
  WBT_CHECK(outbox_id == 0);
  text = wb_draft_validate(draft, &err);
  WBT_CHECK(wbt_json_size(text, "") > 0);
  wb_string_free(text);

  fill_marriage(draft, &err);
  WBT_CHECK_OK(err);
  text = wb_draft_validate(draft, &err);
  WBT_CHECK_STR(text, "[]");
  wb_string_free(text);
  text = wb_draft_view(draft, &err);
  WBT_CHECK(wbt_json_bool(text, "/complete") == 1);
  wb_string_free(text);

  WBT_CHECK(wb_draft_submit(draft, &outbox_id, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(outbox_id > 0);
  /* The draft is in the outbox now: the handle only frees. */
  WBT_CHECK(!wb_draft_set(draft, "/husband/name", "\"孙七\"", &err));
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_SUCH_DRAFT);
  wb_draft_free(draft);

  text = wb_outbox_list(profile, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(text, "") == 1);
  {
    char* state = wbt_json_string(text, "/0/state");
    WBT_CHECK_STR(state, "queued");
    free(state);
  }
  WBT_CHECK(wbt_json_int(text, "/0/attachments", 0) == 1);
  wb_string_free(text);
  text = wb_outbox_get(profile, outbox_id, &err);
  WBT_CHECK_OK(err);
  {
    char* name = wbt_json_string(text, "/payload/husband/name");
    WBT_CHECK_STR(name, "孙七");
    free(name);
  }
  WBT_CHECK(wbt_json_size(text, "/manifest") == 1);
  wb_string_free(text);
  WBT_CHECK(wb_outbox_get(profile, outbox_id + 100, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_SUCH_OUTBOX_ITEM);
  text = wb_outbox_history(profile, outbox_id, &err);
  WBT_CHECK_STR(text, "[]");
  wb_string_free(text);
  text = wb_draft_list(profile, &err);
  WBT_CHECK_STR(text, "[]");
  wb_string_free(text);

  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
