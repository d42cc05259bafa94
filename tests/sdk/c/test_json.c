/* Reading values out of the API's JSON answers without a JSON library. */
#include "check.h"

void test_json_reading(void);

void test_json_reading(void) {
  wb_error err = WB_ERROR_INIT;
  const char* doc = "{\"receipt\": {\"acceptanceNumber\": \"WB-1\", \"n\": 3}, \"list\": [\"a\", {\"b~/\": true}]}";
  char* v;

  v = wb_json_string(doc, "/receipt/acceptanceNumber", &err);
  WBT_CHECK_OK(err);
  WBT_CHECK_STR(v, "WB-1");
  wb_string_free(v);
  v = wb_json_get(doc, "/receipt/n", &err);
  WBT_CHECK_STR(v, "3");
  wb_string_free(v);
  v = wb_json_get(doc, "/list/1/b~0~1", &err);
  WBT_CHECK_STR(v, "true");
  wb_string_free(v);
  v = wb_json_get(doc, "", &err);
  WBT_CHECK(v != NULL && v[0] == '{');
  wb_string_free(v);

  WBT_CHECK(wb_json_get(doc, "/list/2", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_NOT_FOUND);
  WBT_CHECK_STR(err.pointer, "/list/2");
  WBT_CHECK(wb_json_get(doc, "/list/99999999999999999999999", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_NOT_FOUND);
  WBT_CHECK(wb_json_string(doc, "/receipt/n", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(wb_json_get(doc, "receipt", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
  WBT_CHECK(wb_json_get("{\"a\": ", "/a", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_JSON_SYNTAX);
  WBT_CHECK(wb_json_get(NULL, "/a", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);
}
