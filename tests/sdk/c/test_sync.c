/* End to end with a real server: an application filled and queued offline waits (offline, needs sign-in); once the
 * server is reachable and the person signed in, it is sent, acknowledged with a receipt, its status history is
 * pulled, and the catalog arrives; sign-in refusals carry the server's code and message. */
#include <stdlib.h>

#include "fixtures.h"

void test_sync_offline_then_online(void);

typedef struct counts {
  int status_events;
  int outbox_changed;
  int status_added;
  wb_profile* profile;
  int online_from_callback; /* server calls made from inside a callback of a foreground sync */
} counts;

static void count_events(void* userdata, const wb_event* event) {
  counts* c = (counts*)userdata;
  if (strcmp(event->kind, "sync.status") == 0) ++c->status_events;
  if (strcmp(event->kind, "status.added") == 0) ++c->status_added;
  if (strcmp(event->kind, "outbox.changed") == 0) {
    ++c->outbox_changed;
    if (c->profile && c->online_from_callback == 0) {
      /* wb_sync_once is running on this very thread: the callback may still reach the server. */
      char* faq = wb_consultation_faq(c->profile, "marriage-certificate-reissue", NULL);
      if (faq) ++c->online_from_callback;
      wb_string_free(faq);
    }
  }
}

void test_sync_offline_then_online(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL); /* zh-CN messages */
  char* dir;
  wb_profile* profile = wbt_open_marriage_profile(env, "sync-e2e", wbt_dead_url(), &dir);
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  counts seen = {0, 0, 0, NULL, 0};
  int64_t id;
  char* text;
  char* receipt;
  char* case_id;

  WBT_REQUIRE(profile != NULL);
  id = wbt_queue_marriage_application(profile);
  WBT_REQUIRE(id > 0);
  wb_events_subscribe(profile, count_events, &seen, NULL, NULL);

  /* Offline: nothing is lost, the item waits. */
  WBT_CHECK(wb_sync_once(profile, &status, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(status.queued == 1);
  WBT_CHECK(status.accepted == 0);
  WBT_CHECK(status.offline);
  WBT_CHECK(status.needs_sign_in);
  WBT_CHECK(status.last_error[0] != '\0');
  WBT_CHECK(!wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err));
  WBT_CHECK_CODE(err, WB_ERR_SDK_NETWORK);
  WBT_CHECK(strstr(err.message, "无法连接服务器") != NULL);
  WBT_CHECK(err.http_status == 0);

  /* The server is reachable; a wrong password is refused with the server's code and message. */
  WBT_CHECK(wb_profile_set_server(profile, wbt_server_url(), &err));
  WBT_CHECK(!wb_auth_sign_in(profile, WBT_CITIZEN, "not-the-password", &err));
  WBT_CHECK_CODE(err, WB_ERR_AUTH_INVALID_CREDENTIALS);
  WBT_CHECK(err.http_status == 401);
  WBT_CHECK_STR(err.message, "账号或密码不正确");
  text = wb_auth_account(profile, &err);
  WBT_CHECK(wbt_json_bool(text, "/signedIn") == 0);
  wb_string_free(text);

  WBT_CHECK(wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err));
  WBT_REQUIRE_OK(err);
  seen.profile = profile;
  text = wb_auth_account(profile, &err);
  WBT_CHECK(wbt_json_bool(text, "/signedIn") == 1);
  {
    char* kind = wbt_json_string(text, "/kind");
    WBT_CHECK_STR(kind, "citizen");
    free(kind);
  }
  wb_string_free(text);

  WBT_CHECK(wb_sync_once(profile, &status, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(status.accepted == 1);
  WBT_CHECK(status.queued == 0);
  WBT_CHECK(status.needs_attention == 0);
  if (status.needs_attention) {
    char* list = wb_outbox_list(profile, NULL);
    wbt_fail(__FILE__, __LINE__, "outbox", list);
    wb_string_free(list);
  }
  WBT_CHECK(!status.offline);
  WBT_CHECK(status.signed_in);
  WBT_CHECK(status.last_error[0] == '\0');

  receipt = wbt_outbox_string(profile, id, "/receipt/acceptanceNumber");
  WBT_CHECK(receipt != NULL && receipt[0] != '\0');
  free(receipt);
  text = wbt_outbox_string(profile, id, "/state");
  WBT_CHECK_STR(text, "accepted");
  free(text);
  case_id = wbt_outbox_string(profile, id, "/receipt/caseId");
  WBT_REQUIRE(case_id != NULL);

  /* What sync learnt: the case's history, the whole catalog (for offline use), and events along the way. */
  text = wb_outbox_history(profile, id, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(text, "") >= 1);
  {
    char* state = wbt_json_string(text, "/0/status");
    WBT_CHECK_STR(state, "submitted");
    free(state);
  }
  wb_string_free(text);
  text = wb_catalog_list(profile, NULL, &err);
  WBT_CHECK(wbt_json_size(text, "") > 20);
  wb_string_free(text);
  WBT_CHECK(seen.status_events >= 2);
  WBT_CHECK(seen.outbox_changed >= 1);
  WBT_CHECK(seen.status_added >= 1);
  WBT_CHECK(seen.online_from_callback == 1);

  /* The case as the applicant sees it, online. */
  text = wb_case_get(profile, case_id, &err);
  WBT_CHECK_OK(err);
  {
    char* got = wbt_json_string(text, "/caseId");
    WBT_CHECK_STR(got, case_id);
    free(got);
  }
  wb_string_free(text);
  WBT_CHECK(wb_case_get(profile, "case-that-is-not-there", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_NOT_FOUND);
  WBT_CHECK(err.http_status == 404);

  /* Nothing more is due now; the next pull is scheduled. */
  WBT_CHECK(wb_sync_step(profile, &err) == 0);
  WBT_CHECK_OK(err);
  WBT_CHECK(wb_sync_next_wakeup(profile) > 0);

  WBT_CHECK(wb_auth_sign_out(profile, &err));
  WBT_CHECK_OK(err);
  text = wb_auth_account(profile, &err);
  WBT_CHECK(wbt_json_bool(text, "/signedIn") == 0);
  wb_string_free(text);
  WBT_CHECK(wb_sync_status_get(profile, &status, &err));
  WBT_CHECK(status.needs_sign_in);
  WBT_CHECK(status.accepted == 1);

  free(case_id);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
