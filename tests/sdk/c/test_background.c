/* Background sync: a thread sends what is queued as soon as it is queued, pulls on schedule, and stops cleanly
 * (on wb_sync_stop, or on close while running). */
#include <stdlib.h>

#include "fixtures.h"

void test_background_sync(void);

static int accepted_count(wb_profile* profile) {
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  if (!wb_sync_status_get(profile, &status, NULL)) return -1;
  return status.accepted;
}

typedef struct seen {
  int changed;
} seen;

static void on_event(void* userdata, const wb_event* event) {
  seen* s = (seen*)userdata;
  if (strcmp(event->kind, "outbox.changed") == 0) ++s->changed;
}

void test_background_sync(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = wbt_open_marriage_profile(env, "sync-background", wbt_server_url(), &dir);
  wb_sync_options options = WB_SYNC_OPTIONS_INIT;
  seen events = {0};
  int waited;
  int64_t id;
  char* state;

  WBT_REQUIRE(profile != NULL);
  WBT_REQUIRE(wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err));
  wb_events_subscribe(profile, on_event, &events, NULL, NULL);
  options.max_sleep_ms = 200;
  WBT_CHECK(wb_sync_start(profile, &options, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(!wb_sync_start(profile, &options, &err));
  WBT_CHECK_CODE(err, WB_ERR_SDK_SYNC_RUNNING);

  /* Queued while the thread runs: sent without anyone calling sync. */
  id = wbt_queue_marriage_application(profile);
  WBT_REQUIRE(id > 0);
  for (waited = 0; waited < 20000 && accepted_count(profile) < 1; waited += 20) wbt_sleep_ms(20);
  WBT_CHECK(accepted_count(profile) == 1);
  state = wbt_outbox_string(profile, id, "/state");
  WBT_CHECK_STR(state, "accepted");
  free(state);
  WBT_CHECK(events.changed >= 1); /* delivered from the sync thread */

  wb_sync_stop(profile);
  wb_sync_stop(profile); /* idempotent */
  id = wbt_queue_marriage_application(profile);
  wbt_sleep_ms(300);
  WBT_CHECK(accepted_count(profile) == 1); /* stopped: nothing sent */

  WBT_CHECK(wb_sync_start(profile, NULL, &err));
  wb_sync_wake(profile);
  for (waited = 0; waited < 20000 && accepted_count(profile) < 2; waited += 20) wbt_sleep_ms(20);
  WBT_CHECK(accepted_count(profile) == 2);
  wb_profile_close(profile); /* stops the running thread */
  wb_env_free(env);
  free(dir);
}
