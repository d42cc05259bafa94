/* Compiled as strict C99 with -Wall -Wextra -Werror -pedantic: the public header must stay clean C. Uses every
 * _INIT macro, so they stay in step with their structs. */
#include "wangban.h"

int wangban_header_check(void);

int wangban_header_check(void) {
  wb_error error = WB_ERROR_INIT;
  wb_clock clock = WB_CLOCK_INIT;
  wb_random random = WB_RANDOM_INIT;
  wb_http_transport http = WB_HTTP_TRANSPORT_INIT;
  wb_env_options env = WB_ENV_OPTIONS_INIT;
  wb_credential_store credentials = WB_CREDENTIAL_STORE_INIT;
  wb_profile_options profile = WB_PROFILE_OPTIONS_INIT;
  wb_catalog_filter filter = WB_CATALOG_FILTER_INIT;
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  wb_sync_options sync = WB_SYNC_OPTIONS_INIT;
  wb_error_code code = WB_ERR_STORE_NO_SUCH_DRAFT;
  return (int)(error.code + (int)clock.struct_size + (int)random.struct_size + (int)http.struct_size +
               (int)env.struct_size + (int)credentials.struct_size + (int)profile.struct_size + filter.visits +
               (int)status.struct_size + (int)sync.struct_size + (int)code + WB_ERROR_CODE_COUNT + WB_VERSION_NUMBER);
}
