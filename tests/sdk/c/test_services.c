/* Online services through the C API: consultations (asked, answered by a caseworker, published in the FAQ),
 * appointments (open slots, hold, book, cancel), a satisfaction rating of a completed case, each refusal with the
 * server's code. */
#include <stdio.h>
#include <stdlib.h>

#include "fixtures.h"

void test_services_consultations(void);
void test_services_appointments(void);
void test_services_rating(void);

static wb_profile* signed_in_profile(wb_env* env, const char* name, char** dir) {
  wb_error err = WB_ERROR_INIT;
  wb_profile* profile = wbt_open_marriage_profile(env, name, wbt_server_url(), dir);
  if (!profile) return NULL;
  wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err);
  WBT_CHECK_OK(err);
  return profile;
}

void test_services_consultations(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env_options eo = WB_ENV_OPTIONS_INIT;
  wb_env* env;
  char* dir;
  wb_profile* profile;
  char* asked;
  char* id;
  char* text;
  int before;

  eo.lang = "en";
  env = wb_env_new(&eo, NULL);
  profile = wbt_open_marriage_profile(env, "services-consult", wbt_server_url(), &dir);
  WBT_REQUIRE(profile != NULL);

  /* Signed out: refused at once; the public FAQ needs no sign-in. */
  WBT_CHECK(wb_consultation_ask(profile, "marriage-certificate-reissue", "补领需要本人到场吗？", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_AUTH_TOKEN_MISSING);
  WBT_CHECK(err.http_status == 401);
  WBT_CHECK_STR(err.message, "Please sign in first");
  text = wb_consultation_faq(profile, "marriage-certificate-reissue", &err);
  WBT_CHECK_OK(err);
  before = wbt_json_size(text, "/consultations");
  WBT_CHECK(before >= 0);
  wb_string_free(text);

  WBT_REQUIRE(wb_auth_sign_in(profile, WBT_CITIZEN, WBT_PASSWORD, &err));
  asked = wb_consultation_ask(profile, "marriage-certificate-reissue", "补领结婚证需要双方本人到场吗？", &err);
  WBT_REQUIRE_OK(err);
  WBT_CHECK(wbt_json_bool(asked, "/answered") == 0);
  id = wbt_json_string(asked, "/consultationId");
  WBT_REQUIRE(id != NULL);
  wb_string_free(asked);

  text = wb_consultation_list(profile, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_size(text, "/consultations") >= 1);
  wb_string_free(text);

  wbt_admin_answer_consultation(id, "需要双方本人携带身份证到场办理。", 1);
  text = wb_consultation_get(profile, id, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_bool(text, "/answered") == 1);
  {
    char* answer = wbt_json_string(text, "/answer");
    WBT_CHECK_STR(answer, "需要双方本人携带身份证到场办理。");
    free(answer);
  }
  wb_string_free(text);
  text = wb_consultation_faq(profile, "marriage-certificate-reissue", &err);
  WBT_CHECK(wbt_json_size(text, "/consultations") == before + 1);
  wb_string_free(text);

  /* Refusals carry the server's code (and its message in our language). */
  WBT_CHECK(wb_consultation_ask(profile, "marriage-certificate-reissue", "", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_INVALID_ARGUMENT); /* caught before sending */
  WBT_CHECK(wb_consultation_get(profile, "consultation-that-is-not-there", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_NOT_FOUND);
  WBT_CHECK(err.http_status == 404);
  WBT_CHECK(strstr(err.message, "Not found") != NULL);

  free(id);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}

void test_services_appointments(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = signed_in_profile(env, "services-appointments", &dir);
  char* slot = wbt_admin_create_slot("marriage-certificate-reissue", 1);
  char* text;
  char* hold;
  char* appointment;
  char* s;
  int i, n, found = 0;

  WBT_REQUIRE(profile != NULL);
  WBT_REQUIRE(slot != NULL && slot[0] != '\0');
  text = wb_appointment_slots(profile, "marriage-certificate-reissue", 0, 0, &err);
  WBT_CHECK_OK(err);
  n = wbt_json_size(text, "/slots");
  for (i = 0; i < n; ++i) {
    char pointer[64];
    snprintf(pointer, sizeof pointer, "/slots/%d/slotId", i);
    s = wbt_json_string(text, pointer);
    if (s && strcmp(s, slot) == 0) found = 1;
    free(s);
  }
  WBT_CHECK(found);
  wb_string_free(text);

  text = wb_appointment_hold(profile, slot, &err);
  WBT_REQUIRE_OK(err);
  hold = wbt_json_string(text, "/holdId");
  WBT_CHECK(wbt_json_int(text, "/expiresAt", 0) > 0);
  wb_string_free(text);
  WBT_REQUIRE(hold != NULL);
  text = wb_appointment_book(profile, hold, &err);
  WBT_REQUIRE_OK(err);
  appointment = wbt_json_string(text, "/appointmentId");
  s = wbt_json_string(text, "/state");
  WBT_CHECK_STR(s, "booked");
  free(s);
  wb_string_free(text);
  WBT_REQUIRE(appointment != NULL);

  text = wb_appointment_list(profile, &err);
  WBT_CHECK(wbt_json_size(text, "/appointments") >= 1);
  wb_string_free(text);
  WBT_CHECK(wb_appointment_cancel(profile, appointment, &err));
  WBT_CHECK_OK(err);
  text = wb_appointment_get(profile, appointment, &err);
  s = wbt_json_string(text, "/state");
  WBT_CHECK_STR(s, "cancelled");
  free(s);
  wb_string_free(text);

  WBT_CHECK(wb_appointment_hold(profile, "slot-that-is-not-there", &err) == NULL);
  WBT_CHECK(err.domain == WB_DOMAIN_WANGBAN);
  WBT_CHECK(err.http_status == 404);

  free(hold);
  free(appointment);
  free(slot);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}

void test_services_rating(void) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env = wb_env_new(NULL, NULL);
  char* dir;
  wb_profile* profile = signed_in_profile(env, "services-rating", &dir);
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  int64_t id;
  char* case_id;
  char* text;

  WBT_REQUIRE(profile != NULL);
  id = wbt_queue_marriage_application(profile);
  WBT_REQUIRE(id > 0);
  WBT_CHECK(wb_sync_once(profile, &status, &err));
  WBT_CHECK(status.accepted == 1);
  case_id = wbt_outbox_string(profile, id, "/receipt/caseId");
  WBT_REQUIRE(case_id != NULL);

  WBT_CHECK(wb_rating_submit(profile, case_id, 5, NULL, &err) == NULL); /* not completed yet */
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_CASE_NOT_COMPLETED);
  WBT_CHECK_STR(err.message, "办件办结后才能评价");

  wbt_admin_complete_case(case_id);
  WBT_CHECK(wb_rating_submit(profile, case_id, 9, NULL, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_RATING_LEVEL_INVALID);
  text = wb_rating_submit(profile, case_id, 5, "窗口办理很快。", &err);
  WBT_CHECK_OK(err);
  WBT_CHECK(wbt_json_int(text, "/level", 0) == 5);
  wb_string_free(text);
  WBT_CHECK(wb_rating_submit(profile, case_id, 4, NULL, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_ALREADY_RATED);
  text = wb_rating_get(profile, case_id, &err);
  WBT_CHECK_OK(err);
  {
    char* comment = wbt_json_string(text, "/comment");
    WBT_CHECK_STR(comment, "窗口办理很快。");
    free(comment);
  }
  wb_string_free(text);

  /* The completed case's history reaches the device with the next pull (woken: not waiting for the interval). */
  wb_sync_wake(profile);
  WBT_CHECK(wb_sync_once(profile, &status, &err));
  text = wb_outbox_history(profile, id, &err);
  WBT_CHECK(wbt_json_size(text, "") >= 4);
  {
    int n = wbt_json_size(text, "");
    char pointer[32];
    char* last;
    snprintf(pointer, sizeof pointer, "/%d/status", n - 1);
    last = wbt_json_string(text, pointer);
    WBT_CHECK_STR(last, "result_available");
    free(last);
  }
  wb_string_free(text);
  text = wb_case_get(profile, case_id, &err);
  WBT_CHECK(wbt_json_size(text, "/events") >= 3);
  wb_string_free(text);

  free(case_id);
  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
