/* Events: delivered after each committed change, in order, to every subscriber; a callback may call back into the
 * API; unsubscribing (or closing the profile) frees userdata exactly once; the log can be read back. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

void test_events_delivery_and_reentrancy(void);
void test_events_userdata_lifetime(void);
void test_events_close_from_callback(void);

typedef struct recorder {
  int count;
  char kinds[32][32];
  int64_t last_seq;
  int out_of_order;
  wb_profile* profile; /* for the re-entrant call */
  int reentrant_ok;
} recorder;

static void record(void* userdata, const wb_event* event) {
  recorder* r = (recorder*)userdata;
  if (r->count < 32) snprintf(r->kinds[r->count], sizeof r->kinds[0], "%s", event->kind);
  ++r->count;
  if (event->seq > 0) {
    if (event->seq <= r->last_seq) r->out_of_order = 1;
    r->last_seq = event->seq;
  }
  /* Calling the API from inside a callback works (no lock is held while callbacks run). */
  if (r->profile && strcmp(event->kind, "draft.saved") == 0) {
    char* list = wb_draft_list(r->profile, NULL);
    if (list) ++r->reentrant_ok;
    wb_string_free(list);
  }
}

static int has_kind(const recorder* r, const char* kind) {
  int i;
  for (i = 0; i < r->count && i < 32; ++i)
    if (strcmp(r->kinds[i], kind) == 0) return 1;
  return 0;
}

static wb_profile* open_profile(wb_env* env, const char* name, char** dir) {
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  char* form = wbt_sample_form("affordable-housing-prequalification");
  wb_profile* profile;
  *dir = wbt_temp_dir(name);
  options.data_dir = *dir;
  profile = wb_profile_open(env, &options, NULL);
  if (profile) wb_catalog_import(profile, form, NULL);
  free(form);
  return profile;
}

void test_events_delivery_and_reentrancy(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = open_profile(env, "events", &dir);
  recorder a, b;
  int sub_a, sub_b;
  wb_draft* draft;
  char* log;

  WBT_REQUIRE(profile != NULL);
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  a.profile = profile;
  sub_a = wb_events_subscribe(profile, record, &a, NULL, &err);
  WBT_CHECK_OK(err);
  sub_b = wb_events_subscribe(profile, record, &b, NULL, &err);
  WBT_CHECK(sub_a > 0 && sub_b > 0 && sub_a != sub_b);
  WBT_CHECK(wb_events_subscribe(profile, NULL, &b, NULL, &err) == 0);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT);

  draft = wb_draft_create(profile, "affordable-housing-prequalification", &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wb_draft_set(draft, "/applicant/name", "\"李四\"", &err));
  WBT_CHECK(a.count >= 2);
  WBT_CHECK(has_kind(&a, "draft.saved"));
  WBT_CHECK(a.reentrant_ok >= 1);
  WBT_CHECK(!a.out_of_order);
  WBT_CHECK(b.count == a.count);

  wb_events_unsubscribe(profile, sub_b);
  WBT_CHECK(wb_draft_set(draft, "/applicant/name", "\"郑一\"", &err));
  WBT_CHECK(b.count < a.count); /* b heard nothing more */
  wb_draft_free(draft);

  log = wb_events_since(profile, 0, 0, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(log, "") >= 3); /* form.cached, draft.saved ... */
  {
    char* kind = wbt_json_string(log, "/0/kind");
    WBT_CHECK_STR(kind, "form.cached");
    free(kind);
  }
  WBT_CHECK(wbt_json_int(log, "/0/seq", 0) == 1);
  wb_string_free(log);
  log = wb_events_since(profile, 1, 1, &err);
  WBT_CHECK(wbt_json_size(log, "") == 1);
  WBT_CHECK(wbt_json_int(log, "/0/seq", 0) == 2);
  wb_string_free(log);

  wb_events_unsubscribe(profile, sub_a);
  wb_events_unsubscribe(profile, 12345); /* unknown: ignored */
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}

static int freed;
static void count_free(void* userdata) {
  (void)userdata;
  ++freed;
}
static void ignore(void* userdata, const wb_event* event) {
  (void)userdata;
  (void)event;
}

void test_events_userdata_lifetime(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = open_profile(env, "events-userdata", &dir);
  int sub;

  WBT_REQUIRE(profile != NULL);
  freed = 0;
  sub = wb_events_subscribe(profile, ignore, NULL, count_free, &err);
  WBT_CHECK(sub > 0);
  wb_events_unsubscribe(profile, sub);
  WBT_CHECK(freed == 1);
  wb_events_unsubscribe(profile, sub);
  WBT_CHECK(freed == 1); /* once */

  wb_events_subscribe(profile, ignore, NULL, count_free, &err);
  wb_events_subscribe(profile, ignore, NULL, count_free, &err);
  WBT_CHECK(freed == 1);
  wb_profile_close(profile); /* ends the remaining subscriptions */
  WBT_CHECK(freed == 3);

  /* A refused subscription still frees its userdata. */
  WBT_CHECK(wb_events_subscribe(NULL, ignore, NULL, count_free, &err) == 0);
  WBT_CHECK(freed == 4);
  wb_env_free(env);
  free(dir);
}

typedef struct closer {
  wb_profile* profile;
  int closed;
} closer;

static void close_on_event(void* userdata, const wb_event* event) {
  closer* c = (closer*)userdata;
  (void)event;
  if (!c->closed) {
    c->closed = 1;
    wb_profile_close(c->profile); /* from inside the profile's own callback */
  }
}

void test_events_close_from_callback(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir = wbt_temp_dir("events-close");
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  char* form = wbt_sample_form("marriage-certificate-reissue");
  closer c = {NULL, 0};

  options.data_dir = dir;
  c.profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE(c.profile != NULL);
  freed = 0;
  wb_events_subscribe(c.profile, close_on_event, &c, count_free, &err);
  /* The call that caused the event completes normally; the profile is closed once it has. */
  WBT_CHECK(wb_catalog_import(c.profile, form, &err));
  WBT_CHECK_OK(err);
  WBT_CHECK(c.closed == 1);
  WBT_CHECK(freed == 1);

  /* Reopened: what the call stored is there. */
  c.profile = wb_profile_open(env, &options, &err);
  WBT_REQUIRE(c.profile != NULL);
  {
    char* list = wb_catalog_list(c.profile, NULL, &err);
    WBT_CHECK(wbt_json_size(list, "") == 1);
    wb_string_free(list);
  }
  wb_profile_close(c.profile);
  wb_env_free(env);
  free(form);
  free(dir);
}
