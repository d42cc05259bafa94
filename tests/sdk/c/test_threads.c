/* One profile used from several threads at once (apps call from UI and worker threads) while background sync
 * runs: every call succeeds, nothing is lost, and everything queued is sent. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "fixtures.h"

void test_threads_share_a_profile(void);

enum { kThreads = 4, kPerThread = 3 };

typedef struct worker {
  wb_profile* profile;
  int failures;
  int queued;
} worker;

static void* fill_some(void* arg) {
  worker* w = (worker*)arg;
  int i;
  for (i = 0; i < kPerThread; ++i) {
    wb_error err = WB_ERROR_INIT;
    char* list;
    if (wbt_queue_marriage_application(w->profile) > 0) ++w->queued;
    else ++w->failures;
    list = wb_outbox_list(w->profile, &err);
    if (!list) ++w->failures;
    wb_string_free(list);
    list = wb_draft_list(w->profile, &err);
    if (!list) ++w->failures;
    wb_string_free(list);
  }
  return NULL;
}

void test_threads_share_a_profile(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = wbt_open_marriage_profile(env, "threads", wbt_server_url(), &dir);
  wb_sync_options options = WB_SYNC_OPTIONS_INIT;
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  pthread_t threads[kThreads];
  worker workers[kThreads];
  int i, waited, queued = 0;

  WBT_REQUIRE(profile != NULL);
  WBT_REQUIRE(wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err));
  options.max_sleep_ms = 100;
  WBT_REQUIRE(wb_sync_start(profile, &options, &err));
  for (i = 0; i < kThreads; ++i) {
    workers[i].profile = profile;
    workers[i].failures = 0;
    workers[i].queued = 0;
    pthread_create(&threads[i], NULL, fill_some, &workers[i]);
  }
  for (i = 0; i < kThreads; ++i) {
    pthread_join(threads[i], NULL);
    WBT_CHECK(workers[i].failures == 0);
    queued += workers[i].queued;
  }
  WBT_CHECK(queued == kThreads * kPerThread);
  for (waited = 0; waited < 30000; waited += 20) {
    wb_sync_status_get(profile, &status, NULL);
    if (status.accepted == queued) break;
    wbt_sleep_ms(20);
  }
  WBT_CHECK(status.accepted == queued);
  WBT_CHECK(status.queued == 0);
  WBT_CHECK(status.needs_attention == 0);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
