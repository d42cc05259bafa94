/* Shared steps of the C tests that talk to the server: a profile with the sample marriage-certificate reissue
 * cached, and one application filled offline and queued. */
#ifndef WANGBAN_TESTS_SDK_FIXTURES_H
#define WANGBAN_TESTS_SDK_FIXTURES_H

#include "check.h"

/* A fresh profile (folder freed by the caller with free(*dir)) on `server_url` (may be NULL), with the sample
 * marriage-certificate reissue in its catalog. NULL on failure (recorded). */
wb_profile* wbt_open_marriage_profile(wb_env* env, const char* name, const char* server_url, char** dir);
/* Fills the application field by field, attaches a photo and submits it; the outbox id, or 0 (recorded). */
int64_t wbt_queue_marriage_application(wb_profile* profile);
/* The string at pointer of an outbox item's JSON (receipt fields...); free(). */
char* wbt_outbox_string(wb_profile* profile, int64_t outbox_id, const char* pointer);

#endif
