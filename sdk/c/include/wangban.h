/*
 * wangban.h: the C API of Wangban (网办), an offline-capable SDK for government e-services. C99.
 *
 * An app opens a profile (one person's data on this device), fills forms offline, queues applications, and lets
 * the library sync them with a protocol-v1 server (docs/protocol.md) in the background or step by step.
 *
 * ---- Conventions (stated once; true for every function below) -----------------------------------------------
 *
 * Ownership. A returned non-const pointer is the caller's: free it with its matching function —
 *     char*        wb_string_free        wb_env*      wb_env_free
 *     wb_profile*  wb_profile_close      wb_draft*    wb_draft_free
 *   A returned const pointer is borrowed: valid as long as the object it came from (or, for wb_error_* tables,
 *   forever). Pointers passed in are borrowed for the duration of the call; the library copies what it keeps.
 *   Memory is never handed across in the other direction: callbacks give data back through the wb_*_set functions
 *   of the out-parameter they receive, which copy it (no allocator is ever shared between app and library).
 *
 * Errors. A fallible function takes `wb_error* error` as its last argument (NULL when the caller does not care).
 *   The library clears it on entry and fills it on failure. Failure is signalled by the return value: NULL for
 *   pointers, false for bool, -1 (or 0 for subscription ids) where a function says so. No C++ exception, abort or
 *   longjmp ever crosses this API. Codes come from the one table core/common/error_codes.def (wangban_error_codes.h).
 *
 * Text is UTF-8. Complex values (catalog entries, draft views, receipts, server answers) are JSON text in UTF-8;
 *   their shapes are documented at each function and in docs/sdk-c.md. JSON keys are camelCase, instants are
 *   integers in milliseconds since the Unix epoch named ...At, text shown to people is {"zh-CN": ..., "en": ...}.
 *   Messages (errors, validation) are in the environment's language.
 *
 * Options structs start with `uint32_t struct_size`. Initialise them with their _INIT macro and then set fields;
 *   fields are only ever appended, so a program built against an older header keeps working. Output structs
 *   (wb_sync_status) work the same way: the library fills only what the caller's struct_size covers.
 *
 * Callbacks take `void* userdata`. Where a callback is registered, `userdata_free` (may be NULL) is called exactly
 *   once when the library no longer needs userdata — also when the registering call fails. Callbacks may run on
 *   the library's threads (as each says) and must return normally: no exception or longjmp through the library.
 *
 * Threads. No process-global state: everything hangs off a wb_env. wb_env and wb_profile may be used from any
 *   thread (calls on one profile are serialised). A wb_draft is used by one thread at a time. Calls that reach the
 *   server block the calling thread (up to the profile's timeouts): do not make them on a UI thread.
 */
#ifndef WANGBAN_H
#define WANGBAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wangban_error_codes.h"

#if defined(_WIN32)
#define WB_API
#elif defined(__GNUC__) || defined(__clang__)
#define WB_API __attribute__((visibility("default")))
#else
#define WB_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version -------------------------------------------------------------------------------------------------- */

#define WB_VERSION_MAJOR 0
#define WB_VERSION_MINOR 1
#define WB_VERSION_PATCH 0
#define WB_VERSION_STRING "0.1.0"
#define WB_VERSION_NUMBER (WB_VERSION_MAJOR * 10000 + WB_VERSION_MINOR * 100 + WB_VERSION_PATCH)

/* The library's version at run time ("0.1.0", 100), which may be newer than the header's. */
WB_API const char* wb_version(void);
WB_API int wb_version_number(void);

/* ---- strings -------------------------------------------------------------------------------------------------- */

/* Frees a string returned by the library. NULL is ignored. */
WB_API void wb_string_free(char* s);

/* ---- errors --------------------------------------------------------------------------------------------------- */

typedef enum wb_error_domain {
  WB_DOMAIN_NONE = 0,    /* no error */
  WB_DOMAIN_WANGBAN = 1, /* code is a wb_error_code (from the device, or named by the server's answer) */
  WB_DOMAIN_HTTP = 2     /* the server answered with an error this library has no code for: code is the HTTP status */
} wb_error_domain;

typedef struct wb_error {
  int domain;          /* wb_error_domain */
  int code;            /* see domain */
  int http_status;     /* the server's HTTP status when the error is its answer, else 0 */
  char id[64];         /* the stable id ("store.no_such_draft"), or the server's code; "" when none */
  char pointer[256];   /* where: a JSON Pointer into the value passed in or the server's body; "" when nowhere */
  char message[1024];  /* for the person, in the environment's language; cut at a character boundary */
} wb_error;

#define WB_ERROR_INIT {0, 0, 0, {0}, {0}, {0}}

/* The table itself: stable id and message template ({name} placeholders) of a code; "" for unknown codes. */
WB_API const char* wb_error_code_id(int code);
WB_API const char* wb_error_code_template(int code, const char* lang);
/* The code of a stable id, or -1. */
WB_API int wb_error_code_from_id(const char* id);
/* Codes in table order: index 0 .. WB_ERROR_CODE_COUNT - 1 (-1 past the end). */
WB_API int wb_error_code_at(size_t index);
WB_API size_t wb_error_code_count(void);

/* ---- JSON (for C programs without a JSON library) ------------------------------------------------------------ */

/* The value at a JSON Pointer ("/receipt/acceptanceNumber") in a JSON text, as JSON text. not_found when absent. */
WB_API char* wb_json_get(const char* json, const char* pointer, wb_error* error);
/* The same, for a string value: the string itself (invalid_argument when the value is not a string). */
WB_API char* wb_json_string(const char* json, const char* pointer, wb_error* error);

/* ---- platform services ---------------------------------------------------------------------------------------- */

typedef void (*wb_free_fn)(void* userdata);

/* The time. Default: the system clock. */
typedef struct wb_clock {
  uint32_t struct_size;
  int64_t (*now_ms)(void* userdata); /* milliseconds since the Unix epoch, UTC */
  void* userdata;
  wb_free_fn userdata_free;
} wb_clock;
#define WB_CLOCK_INIT {sizeof(wb_clock), NULL, NULL, NULL}

/* Randomness for idempotency keys and ids. Must be cryptographically strong. Default: the kernel's (getrandom). */
typedef struct wb_random {
  uint32_t struct_size;
  bool (*fill)(void* userdata, uint8_t* out, size_t size); /* false: no randomness available */
  void* userdata;
  wb_free_fn userdata_free;
} wb_random;
#define WB_RANDOM_INIT {sizeof(wb_random), NULL, NULL, NULL}

/* One HTTP request for the app's transport to send (borrowed for the duration of the send callback). */
typedef struct wb_http_request {
  uint32_t struct_size;
  const char* method;                /* GET, HEAD, POST, PATCH, DELETE */
  const char* url;                   /* absolute: the profile's server URL + path and query */
  size_t header_count;
  const char* const* header_names;   /* header_count entries each (Authorization among them when needed) */
  const char* const* header_values;
  const char* content_type;          /* "" when there is no body */
  const uint8_t* body;
  size_t body_size;
  int connect_timeout_ms;
  int read_timeout_ms;
} wb_http_request;

/* The answer, filled by the app's transport with the functions below (each copies what it is given). */
typedef struct wb_http_response wb_http_response;
WB_API void wb_http_response_set_status(wb_http_response* response, int status);
WB_API void wb_http_response_add_header(wb_http_response* response, const char* name, const char* value);
WB_API void wb_http_response_set_body(wb_http_response* response, const uint8_t* body, size_t size);
/* No answer came (connection refused, timeout, ...): a short reason, without personal data. */
WB_API void wb_http_response_fail(wb_http_response* response, const char* detail);

/* HTTP for the platform's own stack (OkHttp, NSURLSession, ...). Default: the built-in cpp-httplib transport when
 * the library was built with it. `send` blocks until the answer is complete and may be called from several threads
 * at once (the background sync thread and threads calling wb_* functions that reach the server). */
typedef struct wb_http_transport {
  uint32_t struct_size;
  void (*send)(void* userdata, const wb_http_request* request, wb_http_response* response);
  void* userdata;
  wb_free_fn userdata_free;
} wb_http_transport;
#define WB_HTTP_TRANSPORT_INIT {sizeof(wb_http_transport), NULL, NULL, NULL}

/* ---- environment ---------------------------------------------------------------------------------------------- */

typedef struct wb_env wb_env;

typedef struct wb_env_options {
  uint32_t struct_size;
  const char* lang;                /* "zh-CN" (default) or "en": the language of messages */
  const wb_clock* clock;           /* NULL: the system clock */
  const wb_random* random;         /* NULL: the kernel's random source */
  const wb_http_transport* http;   /* NULL: the built-in transport */
} wb_env_options;
#define WB_ENV_OPTIONS_INIT {sizeof(wb_env_options), NULL, NULL, NULL, NULL}

/* options NULL: every default. The services' userdata belong to the env from this call on. */
WB_API wb_env* wb_env_new(const wb_env_options* options, wb_error* error);
/* Releases the caller's reference; profiles opened with it keep it alive until they close. NULL is ignored. */
WB_API void wb_env_free(wb_env* env);
WB_API bool wb_env_set_lang(wb_env* env, const char* lang, wb_error* error);

/* ---- profiles ------------------------------------------------------------------------------------------------- */

typedef struct wb_profile wb_profile;

/* Where sign-in tokens are kept (they are secrets: the OS keychain on a phone). The tokens are a JSON object
 * {"accessToken", "refreshToken", "accessExpiresAt", "accountId", "accountKind", "displayName"}. */
typedef struct wb_credentials_out wb_credentials_out;
WB_API void wb_credentials_out_set(wb_credentials_out* out, const char* tokens_json);
typedef struct wb_credential_store {
  uint32_t struct_size;
  bool (*load)(void* userdata, wb_credentials_out* out); /* set nothing when none are saved; false: cannot read */
  bool (*save)(void* userdata, const char* tokens_json); /* durable before returning */
  bool (*clear)(void* userdata);
  void* userdata;
  wb_free_fn userdata_free;
} wb_credential_store;
#define WB_CREDENTIAL_STORE_INIT {sizeof(wb_credential_store), NULL, NULL, NULL, NULL, NULL}

typedef struct wb_profile_options {
  uint32_t struct_size;
  const char* data_dir;                    /* required: the profile's folder (created when missing): profile.db */
  const char* server_url;                  /* "https://gov.example.cn"; NULL: the one remembered in the profile */
  const wb_credential_store* credentials;  /* NULL: a file readable only by the owner, data_dir/credentials.json */
  int connect_timeout_ms;                  /* 0: 5000 */
  int read_timeout_ms;                     /* 0: 30000 */
  int64_t status_interval_ms;              /* case status pulls while signed in; 0: 60000 */
  int64_t catalog_interval_ms;             /* catalog revalidation; 0: 15 minutes */
  int64_t retry_base_ms;                   /* full-jitter backoff base (cap 15 minutes); 0: 1000 */
} wb_profile_options;
#define WB_PROFILE_OPTIONS_INIT {sizeof(wb_profile_options), NULL, NULL, NULL, 0, 0, 0, 0, 0}

/* Opens (creating when needed) one person's profile. Refuses files that are not Wangban's, are damaged, or are
 * newer than this library (store.foreign / store.corrupt / store.too_new), without writing to them. */
WB_API wb_profile* wb_profile_open(wb_env* env, const wb_profile_options* options, wb_error* error);
/* Stops background sync (waiting for it), ends subscriptions and releases the handle. The files close once the
 * drafts opened from it are freed too. No call on this handle may follow, nor run on another thread meanwhile (an
 * event callback of this profile may close it: the call that delivered the event completes). NULL is ignored. */
WB_API void wb_profile_close(wb_profile* profile);
/* Changes (and remembers) the server URL. */
WB_API bool wb_profile_set_server(wb_profile* profile, const char* server_url, wb_error* error);

/* ---- signing in ----------------------------------------------------------------------------------------------- */

/* Signs in (blocking). Refusals: auth.invalid_credentials, auth.rate_limited; no answer: sdk.network. */
WB_API bool wb_auth_sign_in(wb_profile* profile, const char* account, const char* password, wb_error* error);
/* Forgets the tokens now and tells the server when it can (signed out locally either way). */
WB_API bool wb_auth_sign_out(wb_profile* profile, wb_error* error);
/* {"signedIn": true, "id", "kind": "citizen"|"enterprise"|"caseworker", "displayName"} or {"signedIn": false}. */
WB_API char* wb_auth_account(wb_profile* profile, wb_error* error);

/* ---- catalog (from the profile's cache: filled by sync, or by wb_catalog_import) ------------------------------ */

typedef struct wb_catalog_filter {
  uint32_t struct_size;
  const char* audience;    /* "citizen" | "enterprise" | NULL (any) */
  const char* department;  /* a department id or part of its name; NULL: any */
  int visits;              /* 0, 1, 2 in-person visits; -1: any */
  const char* query;       /* matched against titles, summaries, topics, keywords; NULL: everything */
} wb_catalog_filter;
#define WB_CATALOG_FILTER_INIT {sizeof(wb_catalog_filter), NULL, NULL, -1, NULL}

/* JSON array of catalog entries (protocol v1 "CatalogItem": id, version, title, audience, visits, departments,
 * topics, keywords, timeLimitDays, summary), sorted by id. filter NULL: everything. */
WB_API char* wb_catalog_list(wb_profile* profile, const wb_catalog_filter* filter, wb_error* error);
/* The service guide (办事指南) of an item: its catalog entry plus "guide" (the ten elements) and "downloads". */
WB_API char* wb_catalog_guide(wb_profile* profile, const char* item_id, wb_error* error);
/* A form definition (docs/form-format.md) as cached; version 0: the newest. */
WB_API char* wb_catalog_form(wb_profile* profile, const char* item_id, int version, wb_error* error);
/* Adds a form definition to the cache (an app's bundled catalog, for a first start without network). The
 * definition is checked first: form.* errors name the place with a JSON Pointer. */
WB_API bool wb_catalog_import(wb_profile* profile, const char* definition_json, wb_error* error);

/* ---- drafts --------------------------------------------------------------------------------------------------- */

typedef struct wb_draft wb_draft;

/* Starts a draft of an item on the newest cached version of its form (store.no_form when none is cached). */
WB_API wb_draft* wb_draft_create(wb_profile* profile, const char* item_id, wb_error* error);
WB_API wb_draft* wb_draft_open(wb_profile* profile, const char* draft_id, wb_error* error);
/* NULL is ignored. */
WB_API void wb_draft_free(wb_draft* draft);
/* The draft's id (borrowed: valid until wb_draft_free). */
WB_API const char* wb_draft_id(const wb_draft* draft);

/* Every edit is saved before the call returns (a refused or failed edit changes nothing). pointer is a JSON Pointer
 * into the application data ("/applicant/name"); value_json is JSON ("\"张三\"", "3", "true"). Refusals:
 * fill.bad_location, fill.read_only (a computed field), json.syntax (with line and column). */
WB_API bool wb_draft_set(wb_draft* draft, const char* pointer, const char* value_json, wb_error* error);
WB_API bool wb_draft_clear(wb_draft* draft, const char* pointer, wb_error* error);
/* The value at pointer as JSON ("null" when empty); "" gives the whole data. */
WB_API char* wb_draft_get(wb_draft* draft, const char* pointer, wb_error* error);
/* Repeat groups. add_row: row_json NULL for an empty row; *index_out (may be NULL) receives the new row's index. */
WB_API bool wb_draft_add_row(wb_draft* draft, const char* array_pointer, const char* row_json, size_t* index_out,
                             wb_error* error);
WB_API bool wb_draft_remove_row(wb_draft* draft, const char* array_pointer, size_t index, wb_error* error);
WB_API bool wb_draft_move_row(wb_draft* draft, const char* array_pointer, size_t from, size_t to, wb_error* error);
/* Everything a UI shows: {"id", "item", "version", "title", "complete", "completeness", "errorCount", "data",
 * "fields": [{"id", "location", "label", "widget", "visible", "required", "readOnly", "value", "row"?, "errors"}],
 * "sections": [{"id", "visible", "rows", "errors"}], "formErrors", "migration"}; errors are
 * [{"location", "code", "number", "message"}]. */
WB_API char* wb_draft_view(wb_draft* draft, wb_error* error);
/* Every error at a visible location, in location order (what blocks submission): [] when complete. */
WB_API char* wb_draft_validate(wb_draft* draft, wb_error* error);
/* Stores a file (checked against the material's accepted types and size limit: store.file_type,
 * store.file_too_large) and puts it at an attachment field (appended when the field holds a list). Returns the
 * attachment value {"sha256", "name", "size", "mediaType"}. */
WB_API char* wb_draft_attach(wb_draft* draft, const char* pointer, const uint8_t* bytes, size_t size,
                             const char* name, const char* media_type, wb_error* error);
/* Validates the whole application and, when complete, freezes it into the outbox (durable on return; the draft is
 * gone afterwards: only wb_draft_free remains). *outbox_id (may be NULL) receives the item's id. An incomplete
 * application fails with store.incomplete ({count} problems: wb_draft_validate lists them). */
WB_API bool wb_draft_submit(wb_draft* draft, int64_t* outbox_id, wb_error* error);

/* [{"id", "item", "version", "title", "createdAt", "updatedAt", "completeness", "errorCount"}], newest first. */
WB_API char* wb_draft_list(wb_profile* profile, wb_error* error);
WB_API bool wb_draft_delete(wb_profile* profile, const char* draft_id, wb_error* error);

/* ---- outbox and case status ----------------------------------------------------------------------------------- */

/* [{"id", "idempotencyKey", "item", "version", "title", "state": "queued"|"sending"|"accepted"|"needs_attention",
 * "attention", "attempts", "nextAttemptAt", "lastError", "receipt", "createdAt", "updatedAt", "attachments"}].
 * receipt (once accepted): {"caseId", "acceptanceNumber", "acceptedAt", ...} as the server sent it. */
WB_API char* wb_outbox_list(wb_profile* profile, wb_error* error);
/* One item as above, plus "payload" (the data as submitted) and "manifest" (its attachments). */
WB_API char* wb_outbox_get(wb_profile* profile, int64_t outbox_id, wb_error* error);
/* The case's status history: [{"seq", "at", "status", "department", "detail"}], oldest first. */
WB_API char* wb_outbox_history(wb_profile* profile, int64_t outbox_id, wb_error* error);
/* Back to the queue once the person fixed what was needed (e.g. signed in again). */
WB_API bool wb_outbox_requeue(wb_profile* profile, int64_t outbox_id, wb_error* error);

/* ---- sync ----------------------------------------------------------------------------------------------------- */

typedef struct wb_sync_status {
  uint32_t struct_size;
  bool signed_in;
  bool needs_sign_in;      /* the queue waits until the person signs in again */
  bool offline;            /* the last request got no answer */
  int queued;              /* queued or being sent */
  int needs_attention;
  int accepted;
  int64_t next_attempt_at; /* the earliest queued item's next attempt; 0 when none */
  char last_error[256];    /* short description of the last failure; "" when the last request succeeded */
} wb_sync_status;
#define WB_SYNC_STATUS_INIT {sizeof(wb_sync_status), false, false, false, 0, 0, 0, 0, {0}}

WB_API bool wb_sync_status_get(wb_profile* profile, wb_sync_status* status, wb_error* error);
/* Step by step, on the calling thread: sends what is due now (one round of requests, each answered before
 * returning) and returns how many were sent (0: nothing due; -1: error). */
WB_API int wb_sync_step(wb_profile* profile, wb_error* error);
/* Steps until nothing more is due now; status (may be NULL) receives the outcome. Network trouble is not an error
 * here: it shows in the status (offline, last_error) and the queue waits for its next attempt. */
WB_API bool wb_sync_once(wb_profile* profile, wb_sync_status* status, wb_error* error);
/* When the next step may have something to send (ms since the epoch, by the env's clock; INT64_MAX: only an
 * outside event such as an edit, a submission or wb_sync_wake will). */
WB_API int64_t wb_sync_next_wakeup(wb_profile* profile);

typedef struct wb_sync_options {
  uint32_t struct_size;
  int64_t max_sleep_ms;  /* the longest the thread sleeps between checks; 0: 30000 */
} wb_sync_options;
#define WB_SYNC_OPTIONS_INIT {sizeof(wb_sync_options), 0}

/* A background thread that syncs whenever something is due (sdk.sync_running if already started). */
WB_API bool wb_sync_start(wb_profile* profile, const wb_sync_options* options, wb_error* error);
/* Stops the thread and waits for it (a request in flight completes or times out first). */
WB_API void wb_sync_stop(wb_profile* profile);
/* The network is back (or the app came to the foreground): forget backoff and sync soon. */
WB_API void wb_sync_wake(wb_profile* profile);

/* ---- events --------------------------------------------------------------------------------------------------- */

/* Kinds: draft.saved, draft.deleted, draft.migrated, form.cached, outbox.queued, outbox.changed, status.added
 * (from the profile's event log: seq > 0), and sync.status (the wb_sync_status changed; seq 0). subject is the
 * draft id, outbox id or item id. */
typedef struct wb_event {
  uint32_t struct_size;
  int64_t seq;
  int64_t at;
  const char* kind;    /* borrowed for the duration of the callback */
  const char* subject;
} wb_event;
typedef void (*wb_event_fn)(void* userdata, const wb_event* event);

/* Calls fn after each change is committed, in order, never while the library holds a lock: fn may call any wb_*
 * function, wb_profile_close included. It runs on the thread that made the change (the sync thread for what sync
 * learns) — or, while another thread is delivering events of this profile, on that thread, to keep the order.
 * Returns the subscription id (> 0), or 0 on error. */
WB_API int wb_events_subscribe(wb_profile* profile, wb_event_fn fn, void* userdata, wb_free_fn userdata_free,
                               wb_error* error);
/* Ends a subscription; its userdata_free runs once no callback of it is running. */
WB_API void wb_events_unsubscribe(wb_profile* profile, int subscription);
/* The event log after seq (to catch up after a restart): [{"seq", "at", "kind", "subject"}]; limit 0: 1000. */
WB_API char* wb_events_since(wb_profile* profile, int64_t seq, int limit, wb_error* error);

/* ---- online services (blocking calls to the server; need a sign-in unless stated) ------------------------------
 * They return the server's JSON answer (docs/protocol.md); refusals carry the server's code (protocol.*, auth.*),
 * no answer is sdk.network. */

/* 在线咨询: ask about an item; the answer comes later (wb_consultation_get / _list). */
WB_API char* wb_consultation_ask(wb_profile* profile, const char* item_id, const char* question, wb_error* error);
WB_API char* wb_consultation_list(wb_profile* profile, wb_error* error);
WB_API char* wb_consultation_get(wb_profile* profile, const char* consultation_id, wb_error* error);
/* An item's published questions and answers (no sign-in needed). */
WB_API char* wb_consultation_faq(wb_profile* profile, const char* item_id, wb_error* error);

/* 预约: open slots (no sign-in needed; item_id NULL: every item; from/to 0: the server's defaults), then hold a
 * slot (held for a few minutes) and book the hold. */
WB_API char* wb_appointment_slots(wb_profile* profile, const char* item_id, int64_t from, int64_t to,
                                  wb_error* error);
WB_API char* wb_appointment_hold(wb_profile* profile, const char* slot_id, wb_error* error);
WB_API char* wb_appointment_book(wb_profile* profile, const char* hold_id, wb_error* error);
WB_API char* wb_appointment_list(wb_profile* profile, wb_error* error);
WB_API char* wb_appointment_get(wb_profile* profile, const char* appointment_id, wb_error* error);
WB_API bool wb_appointment_cancel(wb_profile* profile, const char* appointment_id, wb_error* error);

/* 好差评: rate a completed case once, 1 (very dissatisfied) to 5 (very satisfied); comment may be NULL. */
WB_API char* wb_rating_submit(wb_profile* profile, const char* case_id, int level, const char* comment,
                              wb_error* error);
WB_API char* wb_rating_get(wb_profile* profile, const char* case_id, wb_error* error);

/* A case as its applicant sees it (state, departments, timeline, results): GET /v1/cases/{caseId}. */
WB_API char* wb_case_get(wb_profile* profile, const char* case_id, wb_error* error);

#ifdef __cplusplus
}
#endif

#endif /* WANGBAN_H */
