/* The error table through the C API: the generated enum agrees with the library's table, ids round-trip, the
 * templates exist in both languages; the version macros agree with the library. */
#include "check.h"

void test_error_table(void);
void test_version(void);

void test_error_table(void) {
  size_t i;
  WBT_CHECK(wb_error_code_count() == WB_ERROR_CODE_COUNT);
  for (i = 0; i < wb_error_code_count(); ++i) {
    int code = wb_error_code_at(i);
    const char* id = wb_error_code_id(code);
    WBT_CHECK(code >= 0);
    WBT_CHECK(id[0] != '\0');
    WBT_CHECK(wb_error_code_from_id(id) == code);
    WBT_CHECK(wb_error_code_template(code, "zh-CN")[0] != '\0');
    WBT_CHECK(wb_error_code_template(code, "en")[0] != '\0');
  }
  WBT_CHECK(wb_error_code_at(wb_error_code_count()) == -1);

  /* Generated names follow the stable ids. */
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_OK), "ok");
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_STORE_NO_SUCH_DRAFT), "store.no_such_draft");
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_STORE_NO_SUCH_OUTBOX_ITEM), "store.no_such_outbox_item");
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_VALIDATE_FORMAT_CN_RESIDENT_ID), "validate.format.cn_resident_id");
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_PROTOCOL_ALREADY_RATED), "protocol.already_rated");
  WBT_CHECK_STR(wb_error_code_id(WB_ERR_SDK_NETWORK), "sdk.network");
  WBT_CHECK(WB_ERR_STORE_NO_SUCH_DRAFT == 4006);
  WBT_CHECK(WB_ERR_SDK_NETWORK == 8000);

  WBT_CHECK_STR(wb_error_code_template(WB_ERR_STORE_NO_SUCH_DRAFT, "en"), "There is no draft \"{id}\"");
  WBT_CHECK_STR(wb_error_code_template(WB_ERR_STORE_NO_SUCH_DRAFT, "zh-CN"), "找不到草稿“{id}”");
  WBT_CHECK_STR(wb_error_code_template(WB_ERR_STORE_NO_SUCH_DRAFT, NULL), "找不到草稿“{id}”");
  WBT_CHECK_STR(wb_error_code_id(999999), "");
  WBT_CHECK_STR(wb_error_code_template(-5, "en"), "");
  WBT_CHECK(wb_error_code_from_id("no.such.id") == -1);
  WBT_CHECK(wb_error_code_from_id(NULL) == -1);
}

void test_version(void) {
  WBT_CHECK(wb_version_number() == WB_VERSION_NUMBER);
  WBT_CHECK_STR(wb_version(), WB_VERSION_STRING);
  WBT_CHECK(WB_VERSION_NUMBER == WB_VERSION_MAJOR * 10000 + WB_VERSION_MINOR * 100 + WB_VERSION_PATCH);
  wb_string_free(NULL); /* allowed */
}
