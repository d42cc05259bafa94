/* The catalog from the profile's cache: imported definitions (checked first), listed and filtered, guides and
 * definitions read back. */
#include <stdlib.h>

#include "check.h"

void test_catalog_import_list_guide(void);
void test_catalog_refuses_bad_definitions(void);

static wb_profile* open_profile(wb_env* env, const char* name, char** dir) {
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  *dir = wbt_temp_dir(name);
  options.data_dir = *dir;
  return wb_profile_open(env, &options, NULL);
}

void test_catalog_import_list_guide(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = open_profile(env, "catalog", &dir);
  char* marriage = wbt_sample_form("marriage-certificate-reissue");
  char* housing = wbt_sample_form("affordable-housing-prequalification");
  char* company = wbt_sample_form("company-annual-report");
  wb_catalog_filter filter = WB_CATALOG_FILTER_INIT;
  char* list;
  char* guide;
  char* definition;
  char* s;

  WBT_REQUIRE(profile != NULL);
  list = wb_catalog_list(profile, NULL, &err);
  WBT_CHECK_STR(list, "[]");
  wb_string_free(list);

  WBT_CHECK(wb_catalog_import(profile, marriage, &err));
  WBT_CHECK(wb_catalog_import(profile, housing, &err));
  WBT_CHECK(wb_catalog_import(profile, company, &err));
  WBT_CHECK(wb_catalog_import(profile, marriage, &err)); /* again: nothing new */
  WBT_CHECK_OK(err);

  list = wb_catalog_list(profile, NULL, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(list, "") == 3);
  s = wbt_json_string(list, "/0/id");
  WBT_CHECK_STR(s, "affordable-housing-prequalification"); /* sorted by id */
  free(s);
  WBT_CHECK(wbt_json_int(list, "/0/version", 0) >= 1);
  s = wbt_json_string(list, "/0/title/zh-CN");
  WBT_CHECK(s != NULL && s[0] != '\0');
  free(s);
  wb_string_free(list);

  filter.audience = "enterprise";
  list = wb_catalog_list(profile, &filter, &err);
  WBT_CHECK(wbt_json_size(list, "") == 1);
  s = wbt_json_string(list, "/0/id");
  WBT_CHECK_STR(s, "company-annual-report");
  free(s);
  wb_string_free(list);

  filter = (wb_catalog_filter)WB_CATALOG_FILTER_INIT;
  filter.query = "结婚证";
  list = wb_catalog_list(profile, &filter, &err);
  WBT_CHECK(wbt_json_size(list, "") == 1);
  wb_string_free(list);

  filter = (wb_catalog_filter)WB_CATALOG_FILTER_INIT;
  filter.visits = 7;
  WBT_CHECK(wb_catalog_list(profile, &filter, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  guide = wb_catalog_guide(profile, "marriage-certificate-reissue", &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(guide, "/guide/materials") > 0);
  WBT_CHECK(wbt_json_size(guide, "/downloads") >= 0);
  WBT_CHECK(wbt_json_size(guide, "/departments") > 0);
  wb_string_free(guide);
  WBT_CHECK(wb_catalog_guide(profile, "no-such-item", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_FORM);

  definition = wb_catalog_form(profile, "marriage-certificate-reissue", 0, &err);
  WBT_CHECK_OK(err);
  s = wbt_json_string(definition, "/id");
  WBT_CHECK_STR(s, "marriage-certificate-reissue");
  free(s);
  wb_string_free(definition);
  WBT_CHECK(wb_catalog_form(profile, "marriage-certificate-reissue", 99, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_STORE_NO_FORM);

  wb_profile_close(profile);
  wb_env_free(env);
  free(marriage);
  free(housing);
  free(company);
  free(dir);
}

void test_catalog_refuses_bad_definitions(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env_options eo = WB_ENV_OPTIONS_INIT;
  wb_env* env;
  char* dir;
  wb_profile* profile;
  char* list;

  eo.lang = "en";
  env = wb_env_new(&eo, NULL);
  profile = open_profile(env, "catalog-bad", &dir);
  WBT_REQUIRE(profile != NULL);

  WBT_CHECK(!wb_catalog_import(profile, "{\"id\": \"x\",\n  \"version\": }", &err));
  WBT_CHECK_CODE(err, WB_ERR_JSON_SYNTAX);
  WBT_CHECK(strstr(err.message, "line 2") != NULL);

  WBT_CHECK(!wb_catalog_import(profile, "{\"formatVersion\": 1, \"id\": \"x\", \"version\": 1, \"surprise\": true}", &err));
  WBT_CHECK(err.domain == WB_DOMAIN_WANGBAN);
  WBT_CHECK(err.code >= 1000 && err.code < 2000); /* a form.* finding */
  WBT_CHECK(err.message[0] != '\0');

  WBT_CHECK(!wb_catalog_import(profile, NULL, &err));
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  list = wb_catalog_list(profile, NULL, &err);
  WBT_CHECK_STR(list, "[]"); /* nothing was cached */
  wb_string_free(list);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
