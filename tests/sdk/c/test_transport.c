/* The app's own platform services: an HTTP transport (what OkHttp or NSURLSession would be) and a credential store
 * (what a keychain would be), through their C callback tables. A scripted server answers here, so every field the
 * library hands over and every answer it reads back is checked. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

void test_transport_callbacks(void);
void test_transport_failures_and_long_messages(void);

typedef struct script {
  int fail_all;          /* every request fails without an answer */
  int requests;
  char last_url[256];
  char last_method[16];
  char last_auth[128];
  char last_content_type[64];
  char login_body[256];
  int freed;
} script;

static void reply(wb_http_response* response, int status, const char* body) {
  wb_http_response_set_status(response, status);
  wb_http_response_add_header(response, "Content-Type", "application/json");
  wb_http_response_set_body(response, (const uint8_t*)body, strlen(body));
}

static void scripted_send(void* userdata, const wb_http_request* request, wb_http_response* response) {
  script* s = (script*)userdata;
  const char* path = strstr(request->url, "/v1/");
  size_t i;
  ++s->requests;
  snprintf(s->last_url, sizeof s->last_url, "%s", request->url);
  snprintf(s->last_method, sizeof s->last_method, "%s", request->method);
  snprintf(s->last_content_type, sizeof s->last_content_type, "%s", request->content_type);
  s->last_auth[0] = '\0';
  for (i = 0; i < request->header_count; ++i)
    if (strcmp(request->header_names[i], "Authorization") == 0)
      snprintf(s->last_auth, sizeof s->last_auth, "%s", request->header_values[i]);
  if (s->fail_all) {
    wb_http_response_fail(response, "connection refused by the test");
    return;
  }
  if (!path) path = "";
  if (strcmp(path, "/v1/auth/login") == 0) {
    snprintf(s->login_body, sizeof s->login_body, "%.*s", (int)request->body_size, (const char*)request->body);
    reply(response, 200,
          "{\"accessToken\": \"a1\", \"refreshToken\": \"r1\", \"tokenType\": \"Bearer\", \"expiresIn\": 900,"
          " \"account\": {\"id\": \"acc1\", \"kind\": \"citizen\", \"displayName\": \"张三\"}}");
  } else if (strcmp(path, "/v1/auth/logout") == 0) {
    wb_http_response_set_status(response, 204);
  } else if (strncmp(path, "/v1/catalog", 11) == 0) {
    reply(response, 200, "{\"items\": []}");
  } else if (strncmp(path, "/v1/changes", 11) == 0) {
    reply(response, 200, "{\"events\": [], \"cursor\": 0, \"more\": false}");
  } else if (strcmp(path, "/v1/consultations") == 0 && strcmp(request->method, "GET") == 0) {
    reply(response, 200, "{\"consultations\": [{\"consultationId\": \"c1\"}]}");
  } else if (strcmp(path, "/v1/consultations") == 0) {
    /* A refusal with a very long message (more than wb_error.message holds) at a place in the body. */
    static char body[8192];
    size_t n = 0;
    n += (size_t)snprintf(body, sizeof body, "{\"error\": {\"code\": \"protocol.text_length\", \"pointer\": \"/question\", \"message\": \"");
    while (n + 8 < 4096) n += (size_t)snprintf(body + n, sizeof body - n, "问题太长");
    snprintf(body + n, sizeof body - n, "\"}}");
    reply(response, 400, body);
  } else if (strcmp(path, "/v1/appointments") == 0) {
    reply(response, 418, "{\"error\": {\"code\": \"teapot.refused\", \"message\": \"I am a teapot\"}}");
  } else {
    reply(response, 404, "{\"error\": {\"code\": \"protocol.not_found\"}}");
  }
}

static void free_script(void* userdata) { ++((script*)userdata)->freed; }

typedef struct keychain {
  char tokens[1024];
  int has;
  int saves, clears, freed;
} keychain;

static bool kc_load(void* userdata, wb_credentials_out* out) {
  keychain* k = (keychain*)userdata;
  if (k->has) wb_credentials_out_set(out, k->tokens);
  return true;
}
static bool kc_save(void* userdata, const char* tokens_json) {
  keychain* k = (keychain*)userdata;
  snprintf(k->tokens, sizeof k->tokens, "%s", tokens_json);
  k->has = 1;
  ++k->saves;
  return true;
}
static bool kc_clear(void* userdata) {
  keychain* k = (keychain*)userdata;
  k->has = 0;
  ++k->clears;
  return true;
}
static void kc_free(void* userdata) { ++((keychain*)userdata)->freed; }

static wb_profile* open_with(wb_env* env, const char* dir, keychain* k) {
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  wb_credential_store store = WB_CREDENTIAL_STORE_INIT;
  store.load = kc_load;
  store.save = kc_save;
  store.clear = kc_clear;
  store.userdata = k;
  store.userdata_free = kc_free;
  options.data_dir = dir;
  options.server_url = "https://gov.example.cn/";
  options.credentials = &store;
  return wb_profile_open(env, &options, NULL);
}

static wb_env* env_with(script* s) {
  wb_http_transport http = WB_HTTP_TRANSPORT_INIT;
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  http.send = scripted_send;
  http.userdata = s;
  http.userdata_free = free_script;
  options.http = &http;
  options.lang = "en";
  return wb_env_new(&options, NULL);
}

void test_transport_callbacks(void) {
  wb_error err = WB_ERROR_INIT;
  script s;
  keychain k;
  wb_env* env;
  wb_profile* profile;
  char* dir = wbt_temp_dir("transport");
  char* text;

  memset(&s, 0, sizeof s);
  memset(&k, 0, sizeof k);
  env = env_with(&s);
  WBT_REQUIRE(env != NULL);
  profile = open_with(env, dir, &k);
  WBT_REQUIRE(profile != NULL);

  WBT_CHECK(wb_auth_sign_in(profile, "11010519491231002X", "secret", &err));
  WBT_CHECK_OK(err);
  WBT_CHECK_STR(s.last_url, "https://gov.example.cn/v1/auth/login");
  WBT_CHECK_STR(s.last_method, "POST");
  WBT_CHECK_STR(s.last_content_type, "application/json");
  WBT_CHECK(strstr(s.login_body, "\"account\":\"11010519491231002X\"") != NULL);
  WBT_CHECK(k.saves == 1);
  WBT_CHECK(strstr(k.tokens, "\"accessToken\":\"a1\"") != NULL);
  WBT_CHECK(strstr(k.tokens, "\"displayName\":\"张三\"") != NULL);

  text = wb_consultation_list(profile, &err);
  WBT_CHECK_OK(err);
  WBT_CHECK_STR(s.last_auth, "Bearer a1");
  WBT_CHECK(wbt_json_size(text, "/consultations") == 1);
  wb_string_free(text);

  /* An error code this library does not know: the HTTP domain, the server's id and message kept. */
  WBT_CHECK(wb_appointment_list(profile, &err) == NULL);
  WBT_CHECK(err.domain == WB_DOMAIN_HTTP);
  WBT_CHECK(err.code == 418);
  WBT_CHECK(err.http_status == 418);
  WBT_CHECK_STR(err.id, "teapot.refused");
  WBT_CHECK_STR(err.message, "I am a teapot");
  wb_profile_close(profile);
  WBT_CHECK(k.freed == 1);

  /* The tokens come back from the app's store: signed in without the network. */
  s.fail_all = 1;
  profile = open_with(env, dir, &k);
  WBT_REQUIRE(profile != NULL);
  text = wb_auth_account(profile, &err);
  WBT_CHECK(wbt_json_bool(text, "/signedIn") == 1);
  {
    char* id = wbt_json_string(text, "/id");
    WBT_CHECK_STR(id, "acc1");
    free(id);
  }
  wb_string_free(text);
  WBT_CHECK(wb_auth_sign_out(profile, &err)); /* the server is unreachable: signed out locally anyway */
  WBT_CHECK_OK(err);
  WBT_CHECK(k.clears == 1);
  WBT_CHECK(!k.has);
  wb_profile_close(profile);

  wb_env_free(env);
  WBT_CHECK(s.freed == 1);
  free(dir);
}

/* The start of a valid UTF-8 sequence everywhere, and a terminator: nothing cut in half. */
static int valid_utf8(const char* s) {
  const unsigned char* p = (const unsigned char*)s;
  while (*p) {
    int n = (*p < 0x80) ? 0 : (*p >> 5) == 6 ? 1 : (*p >> 4) == 14 ? 2 : (*p >> 3) == 30 ? 3 : -1;
    if (n < 0) return 0;
    ++p;
    while (n-- > 0) {
      if ((*p & 0xC0) != 0x80) return 0;
      ++p;
    }
  }
  return 1;
}

void test_transport_failures_and_long_messages(void) {
  wb_error err = WB_ERROR_INIT;
  script s;
  keychain k;
  wb_env* env;
  wb_profile* profile;
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  char* dir = wbt_temp_dir("transport-failures");

  memset(&s, 0, sizeof s);
  memset(&k, 0, sizeof k);
  env = env_with(&s);
  profile = open_with(env, dir, &k);
  WBT_REQUIRE(profile != NULL);
  WBT_REQUIRE(wb_auth_sign_in(profile, "11010519491231002X", "secret", &err));

  WBT_CHECK(wb_consultation_ask(profile, "marriage-certificate-reissue", "很长的问题", &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_PROTOCOL_TEXT_LENGTH);
  WBT_CHECK(err.http_status == 400);
  WBT_CHECK_STR(err.pointer, "/question");
  WBT_CHECK(strlen(err.message) > 900 && strlen(err.message) < sizeof err.message);
  WBT_CHECK(valid_utf8(err.message));

  s.fail_all = 1;
  WBT_CHECK(wb_consultation_list(profile, &err) == NULL);
  WBT_CHECK_CODE(err, WB_ERR_SDK_NETWORK);
  WBT_CHECK_STR(err.message, "Cannot reach the server: connection refused by the test");
  WBT_CHECK(wb_sync_once(profile, &status, &err));
  WBT_CHECK(status.offline);
  WBT_CHECK_STR(status.last_error, "connection refused by the test");

  wb_profile_close(profile);
  wb_env_free(env);
  free(dir);
}
