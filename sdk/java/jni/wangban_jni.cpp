// The JNI binding: Java's cn.wangban.sdk classes over the C API (wangban.h), and nothing but the C API — the path an
// Android app takes (the same file builds with the NDK). Handles are jlongs; wb_error becomes WangbanException;
// strings cross as real UTF-8 (converted from and to UTF-16 here, not JNI's "modified UTF-8"); Java callbacks
// (event listeners, an HttpTransport) are global references released through the C API's userdata_free, and the
// library's threads are attached to the JVM while they call Java and detached when they end.

#include <jni.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "wangban.h"

namespace {

JavaVM* g_vm = nullptr;
pthread_key_t g_detach_key;
std::atomic<int> g_held{0};  // global references to the app's callbacks held now

jclass g_exception = nullptr;       // cn/wangban/sdk/WangbanException
jmethodID g_exception_init = nullptr;
jclass g_status = nullptr;          // cn/wangban/sdk/SyncStatus
jmethodID g_status_init = nullptr;
jclass g_request = nullptr;         // cn/wangban/sdk/HttpRequest
jmethodID g_request_init = nullptr;
jclass g_response = nullptr;        // cn/wangban/sdk/HttpResponse
jfieldID g_response_status, g_response_names, g_response_values, g_response_body, g_response_failure;
jmethodID g_transport_send = nullptr;   // HttpTransport.send
jmethodID g_listener_on_event = nullptr; // EventListener.onEvent
jmethodID g_credentials_load = nullptr, g_credentials_save = nullptr, g_credentials_clear = nullptr;  // CredentialStore
jclass g_string = nullptr;

// ---- strings: UTF-8 <-> UTF-16 ------------------------------------------------------------------------------------

std::string utf8(JNIEnv* env, jstring s) {
  if (!s) return {};
  const jsize n = env->GetStringLength(s);
  const jchar* chars = env->GetStringChars(s, nullptr);
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (jsize i = 0; i < n; ++i) {
    std::uint32_t c = chars[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (chars[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // a lone surrogate
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  env->ReleaseStringChars(s, chars);
  return out;
}

jstring jstr(JNIEnv* env, const char* s) {
  std::vector<jchar> u;
  const auto* p = reinterpret_cast<const unsigned char*>(s ? s : "");
  while (*p) {
    std::uint32_t c = *p;
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0) {
      u.push_back(0xFFFD);
      ++p;
      continue;
    }
    c = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    ++p;
    bool ok = true;
    for (int i = 0; i < extra; ++i) {
      if ((*p & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (*p & 0x3F);
      ++p;
    }
    if (!ok) {
      u.push_back(0xFFFD);
    } else if (c >= 0x10000) {
      c -= 0x10000;
      u.push_back(static_cast<jchar>(0xD800 + (c >> 10)));
      u.push_back(static_cast<jchar>(0xDC00 + (c & 0x3FF)));
    } else {
      u.push_back(static_cast<jchar>(c));
    }
  }
  return env->NewString(u.data(), static_cast<jsize>(u.size()));
}

// A string argument that may be null.
struct Arg {
  Arg(JNIEnv* env, jstring s) : is_null(s == nullptr), text(utf8(env, s)) {}
  const char* get() const { return is_null ? nullptr : text.c_str(); }
  bool is_null;
  std::string text;
};

// ---- errors ---------------------------------------------------------------------------------------------------------

void throw_error(JNIEnv* env, const wb_error& e) {
  jstring id = jstr(env, e.id);
  jstring pointer = jstr(env, e.pointer);
  jstring message = jstr(env, e.message);
  auto ex = static_cast<jthrowable>(
      env->NewObject(g_exception, g_exception_init, e.domain, e.code, e.http_status, id, pointer, message));
  if (ex) env->Throw(ex);
}

// A returned string (freed here) as a Java string; null with an exception when the call failed.
jstring take(JNIEnv* env, char* s, const wb_error& e) {
  if (!s) {
    throw_error(env, e);
    return nullptr;
  }
  jstring out = jstr(env, s);
  wb_string_free(s);
  return out;
}

void check(JNIEnv* env, bool ok, const wb_error& e) {
  if (!ok) throw_error(env, e);
}

template <typename T>
T* handle(jlong h) {
  return reinterpret_cast<T*>(static_cast<std::intptr_t>(h));
}

jlong to_jlong(const void* p) { return static_cast<jlong>(reinterpret_cast<std::intptr_t>(p)); }

// ---- the library's threads calling Java ------------------------------------------------------------------------

// The JNIEnv of the calling thread, attaching it (as a daemon) when the library's own thread calls Java for the
// first time; it is detached when that thread ends (pthread key destructor).
JNIEnv* attached_env() {
  JNIEnv* env = nullptr;
  if (g_vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) == JNI_OK) return env;
  if (g_vm->AttachCurrentThreadAsDaemon(reinterpret_cast<void**>(&env), nullptr) != JNI_OK) return nullptr;
  pthread_setspecific(g_detach_key, g_vm);
  return env;
}

void detach_thread(void* vm) { static_cast<JavaVM*>(vm)->DetachCurrentThread(); }

// A Java object the C library holds as userdata: a global reference, deleted by the userdata_free callback.
jobject hold(JNIEnv* env, jobject o) {
  ++g_held;
  return env->NewGlobalRef(o);
}

void release(void* userdata) {
  if (!userdata) return;
  if (JNIEnv* env = attached_env()) env->DeleteGlobalRef(static_cast<jobject>(userdata));
  --g_held;
}

void on_event(void* userdata, const wb_event* e) {
  JNIEnv* env = attached_env();
  if (!env) return;
  env->PushLocalFrame(8);
  env->CallVoidMethod(static_cast<jobject>(userdata), g_listener_on_event, static_cast<jlong>(e->seq), static_cast<jlong>(e->at),
                      jstr(env, e->kind), jstr(env, e->subject));
  if (env->ExceptionCheck()) env->ExceptionClear();  // a listener's exception must not unwind through C
  env->PopLocalFrame(nullptr);
}

jobjectArray string_array(JNIEnv* env, size_t n, const char* const* items) {
  jobjectArray a = env->NewObjectArray(static_cast<jsize>(n), g_string, nullptr);
  for (size_t i = 0; i < n; ++i) env->SetObjectArrayElement(a, static_cast<jsize>(i), jstr(env, items[i]));
  return a;
}

void transport_send(void* userdata, const wb_http_request* r, wb_http_response* out) {
  JNIEnv* env = attached_env();
  if (!env) {
    wb_http_response_fail(out, "cannot attach the thread to the JVM");
    return;
  }
  env->PushLocalFrame(32);
  jbyteArray body = env->NewByteArray(static_cast<jsize>(r->body_size));
  if (r->body_size) env->SetByteArrayRegion(body, 0, static_cast<jsize>(r->body_size), reinterpret_cast<const jbyte*>(r->body));
  jobject request = env->NewObject(g_request, g_request_init, jstr(env, r->method), jstr(env, r->url),
                                   string_array(env, r->header_count, r->header_names),
                                   string_array(env, r->header_count, r->header_values), jstr(env, r->content_type), body,
                                   r->connect_timeout_ms, r->read_timeout_ms);
  jobject response = request ? env->CallObjectMethod(static_cast<jobject>(userdata), g_transport_send, request) : nullptr;
  if (env->ExceptionCheck() || !response) {
    env->ExceptionClear();
    wb_http_response_fail(out, "the app's transport threw or answered null");
    env->PopLocalFrame(nullptr);
    return;
  }
  auto failure = static_cast<jstring>(env->GetObjectField(response, g_response_failure));
  if (failure) {
    wb_http_response_fail(out, utf8(env, failure).c_str());
  } else {
    wb_http_response_set_status(out, env->GetIntField(response, g_response_status));
    auto names = static_cast<jobjectArray>(env->GetObjectField(response, g_response_names));
    auto values = static_cast<jobjectArray>(env->GetObjectField(response, g_response_values));
    jsize n = names && values ? std::min(env->GetArrayLength(names), env->GetArrayLength(values)) : 0;
    for (jsize i = 0; i < n; ++i) {
      std::string k = utf8(env, static_cast<jstring>(env->GetObjectArrayElement(names, i)));
      std::string v = utf8(env, static_cast<jstring>(env->GetObjectArrayElement(values, i)));
      wb_http_response_add_header(out, k.c_str(), v.c_str());
    }
    auto bytes = static_cast<jbyteArray>(env->GetObjectField(response, g_response_body));
    if (bytes) {
      jsize size = env->GetArrayLength(bytes);
      std::vector<std::uint8_t> copy(static_cast<size_t>(size));
      if (size) env->GetByteArrayRegion(bytes, 0, size, reinterpret_cast<jbyte*>(copy.data()));
      wb_http_response_set_body(out, copy.data(), copy.size());
    }
  }
  env->PopLocalFrame(nullptr);
}

// wb_credential_store over the app's CredentialStore. A Java exception is a failure (false), never an unwind.
bool credentials_load(void* userdata, wb_credentials_out* out) {
  JNIEnv* env = attached_env();
  if (!env) return false;
  env->PushLocalFrame(4);
  auto text = static_cast<jstring>(env->CallObjectMethod(static_cast<jobject>(userdata), g_credentials_load));
  bool ok = !env->ExceptionCheck();
  env->ExceptionClear();
  if (ok && text) wb_credentials_out_set(out, utf8(env, text).c_str());
  env->PopLocalFrame(nullptr);
  return ok;
}

bool credentials_save(void* userdata, const char* tokens_json) {
  JNIEnv* env = attached_env();
  if (!env) return false;
  env->PushLocalFrame(4);
  env->CallVoidMethod(static_cast<jobject>(userdata), g_credentials_save, jstr(env, tokens_json));
  bool ok = !env->ExceptionCheck();
  env->ExceptionClear();
  env->PopLocalFrame(nullptr);
  return ok;
}

bool credentials_clear(void* userdata) {
  JNIEnv* env = attached_env();
  if (!env) return false;
  env->CallVoidMethod(static_cast<jobject>(userdata), g_credentials_clear);
  bool ok = !env->ExceptionCheck();
  env->ExceptionClear();
  return ok;
}

jclass global_class(JNIEnv* env, const char* name) {
  jclass local = env->FindClass(name);
  if (!local) return nullptr;
  auto global = static_cast<jclass>(env->NewGlobalRef(local));
  env->DeleteLocalRef(local);
  return global;
}

jobject status_object(JNIEnv* env, const wb_sync_status& s) {
  return env->NewObject(g_status, g_status_init, static_cast<jboolean>(s.signed_in), static_cast<jboolean>(s.needs_sign_in),
                        static_cast<jboolean>(s.offline), s.queued, s.needs_attention, s.accepted,
                        static_cast<jlong>(s.next_attempt_at), jstr(env, s.last_error));
}

}  // namespace

extern "C" {

JNIEXPORT jint JNI_OnLoad(JavaVM* vm, void*) {
  g_vm = vm;
  JNIEnv* env = nullptr;
  if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) != JNI_OK) return JNI_ERR;
  pthread_key_create(&g_detach_key, detach_thread);
  g_exception = global_class(env, "cn/wangban/sdk/WangbanException");
  g_status = global_class(env, "cn/wangban/sdk/SyncStatus");
  g_request = global_class(env, "cn/wangban/sdk/HttpRequest");
  g_response = global_class(env, "cn/wangban/sdk/HttpResponse");
  g_string = global_class(env, "java/lang/String");
  jclass transport = env->FindClass("cn/wangban/sdk/HttpTransport");
  jclass listener = env->FindClass("cn/wangban/sdk/EventListener");
  jclass credentials = env->FindClass("cn/wangban/sdk/CredentialStore");
  if (!g_exception || !g_status || !g_request || !g_response || !g_string || !transport || !listener || !credentials)
    return JNI_ERR;
  g_exception_init = env->GetMethodID(g_exception, "<init>", "(IIILjava/lang/String;Ljava/lang/String;Ljava/lang/String;)V");
  g_status_init = env->GetMethodID(g_status, "<init>", "(ZZZIIIJLjava/lang/String;)V");
  g_request_init = env->GetMethodID(g_request, "<init>",
                                    "(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;[BII)V");
  g_response_status = env->GetFieldID(g_response, "status", "I");
  g_response_names = env->GetFieldID(g_response, "headerNames", "[Ljava/lang/String;");
  g_response_values = env->GetFieldID(g_response, "headerValues", "[Ljava/lang/String;");
  g_response_body = env->GetFieldID(g_response, "body", "[B");
  g_response_failure = env->GetFieldID(g_response, "failure", "Ljava/lang/String;");
  g_transport_send = env->GetMethodID(transport, "send", "(Lcn/wangban/sdk/HttpRequest;)Lcn/wangban/sdk/HttpResponse;");
  g_listener_on_event = env->GetMethodID(listener, "onEvent", "(JJLjava/lang/String;Ljava/lang/String;)V");
  g_credentials_load = env->GetMethodID(credentials, "load", "()Ljava/lang/String;");
  g_credentials_save = env->GetMethodID(credentials, "save", "(Ljava/lang/String;)V");
  g_credentials_clear = env->GetMethodID(credentials, "clear", "()V");
  if (!g_exception_init || !g_status_init || !g_request_init || !g_transport_send || !g_listener_on_event ||
      !g_credentials_load || !g_credentials_save || !g_credentials_clear)
    return JNI_ERR;
  return JNI_VERSION_1_6;
}

// ---- Wangban ----

JNIEXPORT jstring JNICALL Java_cn_wangban_sdk_Wangban_version(JNIEnv* env, jclass) { return jstr(env, wb_version()); }

JNIEXPORT jint JNICALL Java_cn_wangban_sdk_Wangban_heldCallbacks(JNIEnv*, jclass) { return g_held.load(); }

JNIEXPORT jint JNICALL Java_cn_wangban_sdk_Wangban_versionNumber(JNIEnv*, jclass) { return wb_version_number(); }

JNIEXPORT jstring JNICALL Java_cn_wangban_sdk_Wangban_errorCodeId(JNIEnv* env, jclass, jint code) {
  return jstr(env, wb_error_code_id(code));
}

JNIEXPORT jstring JNICALL Java_cn_wangban_sdk_Wangban_errorCodeTemplate(JNIEnv* env, jclass, jint code, jstring lang) {
  return jstr(env, wb_error_code_template(code, Arg(env, lang).get()));
}

JNIEXPORT jint JNICALL Java_cn_wangban_sdk_Wangban_errorCodeFromId(JNIEnv* env, jclass, jstring id) {
  return wb_error_code_from_id(Arg(env, id).get());
}

// ---- Env ----

JNIEXPORT jlong JNICALL Java_cn_wangban_sdk_Env_create(JNIEnv* env, jclass, jstring lang, jobject transport) {
  wb_error e = WB_ERROR_INIT;
  Arg l(env, lang);
  wb_env_options options = WB_ENV_OPTIONS_INIT;
  wb_http_transport http = WB_HTTP_TRANSPORT_INIT;
  options.lang = l.get();
  if (transport) {
    http.send = transport_send;
    http.userdata = hold(env, transport);
    http.userdata_free = release;  // also called by wb_env_new when it fails
    options.http = &http;
  }
  wb_env* created = wb_env_new(&options, &e);
  check(env, created != nullptr, e);
  return to_jlong(created);
}

JNIEXPORT void JNICALL Java_cn_wangban_sdk_Env_setLang(JNIEnv* env, jclass, jlong h, jstring lang) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_env_set_lang(handle<wb_env>(h), Arg(env, lang).get(), &e), e);
}

JNIEXPORT void JNICALL Java_cn_wangban_sdk_Env_free(JNIEnv*, jclass, jlong h) { wb_env_free(handle<wb_env>(h)); }

// ---- Profile ----

#define PROFILE(name) JNICALL Java_cn_wangban_sdk_Profile_##name
#define P handle<wb_profile>(h)

JNIEXPORT jlong PROFILE(open)(JNIEnv* env, jclass, jlong env_handle, jstring dir, jstring url, jobject credentials) {
  wb_error e = WB_ERROR_INIT;
  Arg d(env, dir), u(env, url);
  wb_profile_options options = WB_PROFILE_OPTIONS_INIT;
  wb_credential_store store = WB_CREDENTIAL_STORE_INIT;
  options.data_dir = d.get();
  options.server_url = u.get();
  if (credentials) {
    store.load = credentials_load;
    store.save = credentials_save;
    store.clear = credentials_clear;
    store.userdata = hold(env, credentials);
    store.userdata_free = release;  // also called by wb_profile_open when it fails
    options.credentials = &store;
  }
  wb_profile* p = wb_profile_open(handle<wb_env>(env_handle), &options, &e);
  check(env, p != nullptr, e);
  return to_jlong(p);
}

JNIEXPORT void PROFILE(setServer)(JNIEnv* env, jclass, jlong h, jstring url) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_profile_set_server(P, Arg(env, url).get(), &e), e);
}

JNIEXPORT void PROFILE(signIn)(JNIEnv* env, jclass, jlong h, jstring account, jstring password) {
  wb_error e = WB_ERROR_INIT;
  Arg a(env, account), pw(env, password);
  check(env, wb_auth_sign_in(P, a.get(), pw.get(), &e), e);
}

JNIEXPORT void PROFILE(signOut)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_auth_sign_out(P, &e), e);
}

JNIEXPORT jstring PROFILE(account)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_auth_account(P, &e), e);
}

JNIEXPORT void PROFILE(importForm)(JNIEnv* env, jclass, jlong h, jstring json) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_catalog_import(P, Arg(env, json).get(), &e), e);
}

JNIEXPORT jstring PROFILE(catalog)(JNIEnv* env, jclass, jlong h, jstring query) {
  wb_error e = WB_ERROR_INIT;
  Arg q(env, query);
  wb_catalog_filter filter = WB_CATALOG_FILTER_INIT;
  filter.query = q.get();
  return take(env, wb_catalog_list(P, &filter, &e), e);
}

JNIEXPORT jstring PROFILE(guide)(JNIEnv* env, jclass, jlong h, jstring item) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_catalog_guide(P, Arg(env, item).get(), &e), e);
}

JNIEXPORT jstring PROFILE(form)(JNIEnv* env, jclass, jlong h, jstring item, jint version) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_catalog_form(P, Arg(env, item).get(), version, &e), e);
}

JNIEXPORT jlong PROFILE(createDraft)(JNIEnv* env, jclass, jlong h, jstring item) {
  wb_error e = WB_ERROR_INIT;
  wb_draft* d = wb_draft_create(P, Arg(env, item).get(), &e);
  check(env, d != nullptr, e);
  return to_jlong(d);
}

JNIEXPORT jlong PROFILE(openDraft)(JNIEnv* env, jclass, jlong h, jstring id) {
  wb_error e = WB_ERROR_INIT;
  wb_draft* d = wb_draft_open(P, Arg(env, id).get(), &e);
  check(env, d != nullptr, e);
  return to_jlong(d);
}

JNIEXPORT jstring PROFILE(drafts)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_draft_list(P, &e), e);
}

JNIEXPORT void PROFILE(deleteDraft)(JNIEnv* env, jclass, jlong h, jstring id) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_draft_delete(P, Arg(env, id).get(), &e), e);
}

JNIEXPORT jstring PROFILE(outbox)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_outbox_list(P, &e), e);
}

JNIEXPORT jstring PROFILE(outboxItem)(JNIEnv* env, jclass, jlong h, jlong id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_outbox_get(P, id, &e), e);
}

JNIEXPORT jstring PROFILE(history)(JNIEnv* env, jclass, jlong h, jlong id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_outbox_history(P, id, &e), e);
}

JNIEXPORT void PROFILE(requeue)(JNIEnv* env, jclass, jlong h, jlong id) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_outbox_requeue(P, id, &e), e);
}

JNIEXPORT jobject PROFILE(status)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  wb_sync_status s = WB_SYNC_STATUS_INIT;
  if (!wb_sync_status_get(P, &s, &e)) {
    throw_error(env, e);
    return nullptr;
  }
  return status_object(env, s);
}

JNIEXPORT jobject PROFILE(syncOnce)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  wb_sync_status s = WB_SYNC_STATUS_INIT;
  if (!wb_sync_once(P, &s, &e)) {
    throw_error(env, e);
    return nullptr;
  }
  return status_object(env, s);
}

JNIEXPORT void PROFILE(startSync)(JNIEnv* env, jclass, jlong h, jlong max_sleep_ms) {
  wb_error e = WB_ERROR_INIT;
  wb_sync_options options = WB_SYNC_OPTIONS_INIT;
  options.max_sleep_ms = max_sleep_ms;
  check(env, wb_sync_start(P, &options, &e), e);
}

JNIEXPORT void PROFILE(stopSync)(JNIEnv*, jclass, jlong h) { wb_sync_stop(P); }

JNIEXPORT void PROFILE(wake)(JNIEnv*, jclass, jlong h) { wb_sync_wake(P); }

JNIEXPORT jint PROFILE(subscribe)(JNIEnv* env, jclass, jlong h, jobject listener) {
  wb_error e = WB_ERROR_INIT;
  if (!listener) {
    env->ThrowNew(env->FindClass("java/lang/NullPointerException"), "listener");
    return 0;
  }
  int id = wb_events_subscribe(P, on_event, hold(env, listener), release, &e);
  check(env, id > 0, e);
  return id;
}

JNIEXPORT void PROFILE(unsubscribe)(JNIEnv*, jclass, jlong h, jint id) { wb_events_unsubscribe(P, id); }

JNIEXPORT jstring PROFILE(eventsSince)(JNIEnv* env, jclass, jlong h, jlong seq, jint limit) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_events_since(P, seq, limit, &e), e);
}

JNIEXPORT jstring PROFILE(consultationAsk)(JNIEnv* env, jclass, jlong h, jstring item, jstring question) {
  wb_error e = WB_ERROR_INIT;
  Arg i(env, item), q(env, question);
  return take(env, wb_consultation_ask(P, i.get(), q.get(), &e), e);
}

JNIEXPORT jstring PROFILE(consultationList)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_consultation_list(P, &e), e);
}

JNIEXPORT jstring PROFILE(consultationGet)(JNIEnv* env, jclass, jlong h, jstring id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_consultation_get(P, Arg(env, id).get(), &e), e);
}

JNIEXPORT jstring PROFILE(consultationFaq)(JNIEnv* env, jclass, jlong h, jstring item) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_consultation_faq(P, Arg(env, item).get(), &e), e);
}

JNIEXPORT jstring PROFILE(appointmentSlots)(JNIEnv* env, jclass, jlong h, jstring item, jlong from, jlong to) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_appointment_slots(P, Arg(env, item).get(), from, to, &e), e);
}

JNIEXPORT jstring PROFILE(appointmentList)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_appointment_list(P, &e), e);
}

JNIEXPORT jstring PROFILE(appointmentGet)(JNIEnv* env, jclass, jlong h, jstring id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_appointment_get(P, Arg(env, id).get(), &e), e);
}

JNIEXPORT jstring PROFILE(appointmentHold)(JNIEnv* env, jclass, jlong h, jstring slot) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_appointment_hold(P, Arg(env, slot).get(), &e), e);
}

JNIEXPORT jstring PROFILE(appointmentBook)(JNIEnv* env, jclass, jlong h, jstring hold_id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_appointment_book(P, Arg(env, hold_id).get(), &e), e);
}

JNIEXPORT void PROFILE(appointmentCancel)(JNIEnv* env, jclass, jlong h, jstring id) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_appointment_cancel(P, Arg(env, id).get(), &e), e);
}

JNIEXPORT jstring PROFILE(ratingSubmit)(JNIEnv* env, jclass, jlong h, jstring case_id, jint level, jstring comment) {
  wb_error e = WB_ERROR_INIT;
  Arg c(env, case_id), text(env, comment);
  return take(env, wb_rating_submit(P, c.get(), level, text.get(), &e), e);
}

JNIEXPORT jstring PROFILE(ratingGet)(JNIEnv* env, jclass, jlong h, jstring case_id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_rating_get(P, Arg(env, case_id).get(), &e), e);
}

JNIEXPORT jstring PROFILE(caseGet)(JNIEnv* env, jclass, jlong h, jstring case_id) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_case_get(P, Arg(env, case_id).get(), &e), e);
}

JNIEXPORT void PROFILE(close)(JNIEnv*, jclass, jlong h) { wb_profile_close(P); }

#undef P
#undef PROFILE

// ---- Draft ----

#define DRAFT(name) JNICALL Java_cn_wangban_sdk_Draft_##name
#define D handle<wb_draft>(h)

JNIEXPORT jstring DRAFT(id)(JNIEnv* env, jclass, jlong h) { return jstr(env, wb_draft_id(D)); }

JNIEXPORT void DRAFT(set)(JNIEnv* env, jclass, jlong h, jstring pointer, jstring value) {
  wb_error e = WB_ERROR_INIT;
  Arg p(env, pointer), v(env, value);
  check(env, wb_draft_set(D, p.get(), v.get(), &e), e);
}

JNIEXPORT void DRAFT(clear)(JNIEnv* env, jclass, jlong h, jstring pointer) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_draft_clear(D, Arg(env, pointer).get(), &e), e);
}

JNIEXPORT jstring DRAFT(get)(JNIEnv* env, jclass, jlong h, jstring pointer) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_draft_get(D, Arg(env, pointer).get(), &e), e);
}

JNIEXPORT jlong DRAFT(addRow)(JNIEnv* env, jclass, jlong h, jstring pointer, jstring row) {
  wb_error e = WB_ERROR_INIT;
  Arg p(env, pointer), r(env, row);
  size_t index = 0;
  check(env, wb_draft_add_row(D, p.get(), r.get(), &index, &e), e);
  return static_cast<jlong>(index);
}

JNIEXPORT void DRAFT(removeRow)(JNIEnv* env, jclass, jlong h, jstring pointer, jlong index) {
  wb_error e = WB_ERROR_INIT;
  check(env, wb_draft_remove_row(D, Arg(env, pointer).get(), static_cast<size_t>(index), &e), e);
}

JNIEXPORT void DRAFT(moveRow)(JNIEnv* env, jclass, jlong h, jstring pointer, jlong from, jlong to) {
  wb_error e = WB_ERROR_INIT;
  if (from < 0 || to < 0) {
    env->ThrowNew(env->FindClass("java/lang/IndexOutOfBoundsException"), "row index below 0");
    return;
  }
  check(env, wb_draft_move_row(D, Arg(env, pointer).get(), static_cast<size_t>(from), static_cast<size_t>(to), &e), e);
}

JNIEXPORT jstring DRAFT(view)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_draft_view(D, &e), e);
}

JNIEXPORT jstring DRAFT(validate)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  return take(env, wb_draft_validate(D, &e), e);
}

JNIEXPORT jstring DRAFT(attach)(JNIEnv* env, jclass, jlong h, jstring pointer, jbyteArray bytes, jstring name, jstring type) {
  wb_error e = WB_ERROR_INIT;
  Arg p(env, pointer), n(env, name), t(env, type);
  jsize size = bytes ? env->GetArrayLength(bytes) : 0;
  std::vector<std::uint8_t> copy(static_cast<size_t>(size));
  if (size) env->GetByteArrayRegion(bytes, 0, size, reinterpret_cast<jbyte*>(copy.data()));
  return take(env, wb_draft_attach(D, p.get(), copy.data(), copy.size(), n.get(), t.get(), &e), e);
}

JNIEXPORT jlong DRAFT(submit)(JNIEnv* env, jclass, jlong h) {
  wb_error e = WB_ERROR_INIT;
  int64_t id = 0;
  check(env, wb_draft_submit(D, &id, &e), e);
  return static_cast<jlong>(id);
}

JNIEXPORT void DRAFT(free)(JNIEnv*, jclass, jlong h) { wb_draft_free(D); }

#undef D
#undef DRAFT

}  // extern "C"
