/*
 * fill_and_sync: a small third-party program on Wangban's C API (wangban.h), to copy from.
 *
 *   fill_and_sync fill PROFILE_DIR FORM.json
 *       Offline: adds a form definition to the profile's catalog (an app would bundle its catalog), fills the
 *       application field by field, attaches a photo and queues it. Nothing needs the network.
 *   fill_and_sync sync PROFILE_DIR SERVER_URL ACCOUNT
 *       Online: signs in (the password comes from the environment variable WANGBAN_PASSWORD), sends what is
 *       queued and prints each receipt.
 *
 * Build with pkg-config (Makefile) or CMake (CMakeLists.txt, find_package(wangban)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangban.h>

/* Prints an error the way a person should see it, and says whether there was one. */
static int failed(const char* what, const wb_error* err) {
  if (err->domain == WB_DOMAIN_NONE) return 0;
  fprintf(stderr, "%s: %s [%s]%s%s\n", what, err->message, err->id, err->pointer[0] ? " at " : "", err->pointer);
  return 1;
}

static char* read_text(const char* path) {
  FILE* f = fopen(path, "rb");
  char* text;
  long size;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text) text[size] = '\0';
  fclose(f);
  return text;
}

static wb_profile* open_profile(wb_env* env, const char* dir, const char* server_url) {
  wb_error err = WB_ERROR_INIT;
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  wb_profile* profile;
  options.data_dir = dir;
  options.server_url = server_url; /* NULL: keep the one the profile remembers */
  profile = wb_profile_open(env, &options, &err);
  failed("open profile", &err);
  return profile;
}

static int fill(wb_env* env, const char* dir, const char* form_path) {
  /* The application of a marriage-certificate reissue (the sample catalog's), answer by answer. */
  static const char* const answers[][2] = {
      {"/husband/name", "\"孙七\""},
      {"/husband/idNumber", "\"330106198802141013\""},
      {"/husband/mobile", "\"13700000004\""},
      {"/wife/name", "\"周八\""},
      {"/wife/idNumber", "\"330106199007301027\""},
      {"/wife/mobile", "\"18600000005\""},
      {"/original/registrationDate", "\"2016-09-18\""},
      {"/original/registry", "\"示例市婚姻登记中心\""},
      {"/reason", "\"lost\""},
      {"/declaration", "true"},
  };
  static const unsigned char photo[] = {0xff, 0xd8, 0xff, 0xe0, 'a', ' ', 'p', 'h', 'o', 't', 'o'};
  wb_error err = WB_ERROR_INIT;
  wb_profile* profile = open_profile(env, dir, NULL);
  char* definition = read_text(form_path);
  wb_draft* draft = NULL;
  char* text = NULL;
  int64_t outbox_id = 0;
  size_t i;
  int status = 1;
  wb_sync_status sync = WB_SYNC_STATUS_INIT;

  if (!profile) goto done;
  if (!definition) {
    fprintf(stderr, "cannot read %s\n", form_path);
    goto done;
  }
  if (!wb_catalog_import(profile, definition, &err) && failed("import the form", &err)) goto done;
  draft = wb_draft_create(profile, "marriage-certificate-reissue", &err);
  if (failed("start a draft", &err)) goto done;
  for (i = 0; i < sizeof answers / sizeof answers[0]; ++i)
    if (!wb_draft_set(draft, answers[i][0], answers[i][1], &err) && failed(answers[i][0], &err)) goto done;
  text = wb_draft_attach(draft, "/attachments/jointPhoto", photo, sizeof photo, "合影.jpg", "image/jpeg", &err);
  if (failed("attach the photo", &err)) goto done;
  wb_string_free(text);
  text = NULL;
  if (!wb_draft_submit(draft, &outbox_id, &err)) {
    /* Incomplete: say what is missing. */
    failed("submit", &err);
    text = wb_draft_validate(draft, NULL);
    if (text) fprintf(stderr, "%s\n", text);
    goto done;
  }
  printf("queued application %lld (offline)\n", (long long)outbox_id);
  if (wb_sync_status_get(profile, &sync, &err)) printf("outbox: %d queued, %d accepted\n", sync.queued, sync.accepted);
  status = 0;
done:
  wb_string_free(text);
  wb_draft_free(draft);
  wb_profile_close(profile);
  free(definition);
  return status;
}

static int sync_and_print(wb_env* env, const char* dir, const char* server_url, const char* account) {
  wb_error err = WB_ERROR_INIT;
  wb_profile* profile = open_profile(env, dir, server_url);
  wb_sync_status status = WB_SYNC_STATUS_INIT;
  const char* password = getenv("WANGBAN_PASSWORD");
  char* who = NULL;
  char* outbox = NULL;
  int i, result = 1;

  if (!profile) return 1;
  if (!password) {
    fprintf(stderr, "set WANGBAN_PASSWORD\n");
    goto done;
  }
  if (!wb_auth_sign_in(profile, account, password, &err) && failed("sign in", &err)) goto done;
  who = wb_auth_account(profile, &err);
  if (who) {
    char* name = wb_json_string(who, "/displayName", NULL);
    printf("signed in: %s\n", name ? name : account);
    wb_string_free(name);
  }
  if (!wb_sync_once(profile, &status, &err) && failed("sync", &err)) goto done;
  printf("outbox: %d accepted, %d queued, %d need attention%s%s\n", status.accepted, status.queued,
         status.needs_attention, status.offline ? "; offline: " : "", status.offline ? status.last_error : "");

  /* Every receipt: the acceptance number (受理编号) the person quotes, and the case id. */
  outbox = wb_outbox_list(profile, &err);
  if (failed("outbox", &err)) goto done;
  for (i = 0;; ++i) {
    char pointer[64];
    char* number;
    char* case_id;
    snprintf(pointer, sizeof pointer, "/%d", i);
    {
      char* item = wb_json_get(outbox, pointer, NULL);
      if (!item) break;
      number = wb_json_string(item, "/receipt/acceptanceNumber", NULL);
      case_id = wb_json_string(item, "/receipt/caseId", NULL);
      if (number) printf("receipt: acceptance number %s, case %s\n", number, case_id ? case_id : "?");
      wb_string_free(number);
      wb_string_free(case_id);
      wb_string_free(item);
    }
  }
  result = status.queued == 0 && status.needs_attention == 0 ? 0 : 3;
done:
  wb_string_free(who);
  wb_string_free(outbox);
  wb_profile_close(profile);
  return result;
}

int main(int argc, char** argv) {
  wb_error err = WB_ERROR_INIT;
  wb_env* env;
  int status = 2;
  printf("libwangban %s\n", wb_version());
  env = wb_env_new(NULL, &err); /* the native defaults: system clock, kernel randomness, built-in HTTP */
  if (failed("environment", &err)) return 1;
  if (argc == 4 && strcmp(argv[1], "fill") == 0) status = fill(env, argv[2], argv[3]);
  else if (argc == 5 && strcmp(argv[1], "sync") == 0) status = sync_and_print(env, argv[2], argv[3], argv[4]);
  else fprintf(stderr, "usage: %s fill PROFILE_DIR FORM.json | sync PROFILE_DIR SERVER_URL ACCOUNT\n", argv[0]);
  wb_env_free(env);
  return status;
}
