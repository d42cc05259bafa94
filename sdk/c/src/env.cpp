// wb_env: the platform services (clock, randomness, HTTP) a profile runs on — the app's callbacks, or the native
// defaults (native/platform, native/sync).

#include <cstring>

#include "native/platform/system_env.hpp"
#include "sdk/c/src/internal.hpp"

#if WANGBAN_SDK_HTTPLIB
#include "native/sync/http_transport.hpp"
#endif

struct wb_http_response {
  int status = 0;
  bool status_set = false;
  wb::sync::Headers headers;
  std::string body;
  std::optional<std::string> failure;
};

namespace wb::sdk {
namespace {

class CallbackClock : public Clock {
 public:
  explicit CallbackClock(const wb_clock& t) { owned_.table = t, owned_.given = true; }
  std::int64_t now_ms() const override { return owned_.table.now_ms(owned_.table.userdata); }

 private:
  Owned<wb_clock> owned_;
};

class CallbackRandom : public RandomSource {
 public:
  explicit CallbackRandom(const wb_random& t) { owned_.table = t, owned_.given = true; }
  void fill(std::uint8_t* out, size_t size) override {
    if (!owned_.table.fill(owned_.table.userdata, out, size))
      throw Error(ErrorCode::SdkCallbackFailed, {{"what", "random source"}, {"detail", "fill returned false"}});
  }

 private:
  Owned<wb_random> owned_;
};

std::string join_url(const std::string& base, const std::string& path) {
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + path;
}

class CallbackTransport : public Transport {
 public:
  CallbackTransport(std::shared_ptr<Owned<wb_http_transport>> http, std::string base_url, Timeouts timeouts)
      : http_(std::move(http)), base_url_(std::move(base_url)), timeouts_(timeouts) {}

  SendResult send(const sync::Request& r) override {
    std::string url = join_url(base_url_, r.path);
    std::vector<const char*> names, values;
    for (const auto& [k, v] : r.headers) {
      names.push_back(k.c_str());
      values.push_back(v.c_str());
    }
    wb_http_request req;
    std::memset(&req, 0, sizeof req);
    req.struct_size = sizeof req;
    req.method = r.method.c_str();
    req.url = url.c_str();
    req.header_count = names.size();
    req.header_names = names.data();
    req.header_values = values.data();
    req.content_type = r.content_type.c_str();
    req.body = reinterpret_cast<const std::uint8_t*>(r.body.data());
    req.body_size = r.body.size();
    req.connect_timeout_ms = timeouts_.connect_ms;
    req.read_timeout_ms = timeouts_.read_ms;
    wb_http_response response;
    http_->table.send(http_->table.userdata, &req, &response);
    if (response.failure) return *response.failure;
    if (!response.status_set) return std::string("the app's transport gave neither an answer nor a failure");
    sync::Response out;
    out.status = response.status;
    out.headers = std::move(response.headers);
    out.body = std::move(response.body);
    return out;
  }

 private:
  std::shared_ptr<Owned<wb_http_transport>> http_;
  std::string base_url_;
  Timeouts timeouts_;
};

#if WANGBAN_SDK_HTTPLIB
class NativeTransport : public Transport {
 public:
  NativeTransport(const std::string& base_url, Timeouts t) : http_(base_url, {t.connect_ms, t.read_ms}) {}
  SendResult send(const sync::Request& r) override {
    auto result = http_.send(r);
    if (auto* response = std::get_if<sync::Response>(&result)) return std::move(*response);
    return std::get<native::TransportFailure>(result).detail;
  }

 private:
  native::HttpTransport http_;
};
#endif

}  // namespace

std::unique_ptr<Transport> EnvCore::make_transport(const std::string& base_url, Timeouts timeouts) const {
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
    invalid_argument("the server URL must start with http:// or https://");
  if (http) return std::make_unique<CallbackTransport>(http, base_url, timeouts);
#if WANGBAN_SDK_HTTPLIB
  return std::make_unique<NativeTransport>(base_url, timeouts);
#else
  throw Error(ErrorCode::SdkNoTransport);
#endif
}

}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;

extern "C" {

void wb_http_response_set_status(wb_http_response* response, int status) {
  if (!response) return;
  response->status = status;
  response->status_set = true;
}

void wb_http_response_add_header(wb_http_response* response, const char* name, const char* value) {
  if (!response || !name) return;
  try {
    response->headers.emplace_back(name, value ? value : "");
  } catch (...) {
    response->failure = "out of memory";
  }
}

void wb_http_response_set_body(wb_http_response* response, const uint8_t* body, size_t size) {
  if (!response) return;
  try {
    response->body.assign(reinterpret_cast<const char*>(body), body ? size : 0);
  } catch (...) {
    response->failure = "out of memory";
  }
}

void wb_http_response_fail(wb_http_response* response, const char* detail) {
  if (!response) return;
  try {
    response->failure = detail && *detail ? detail : "no answer";
  } catch (...) {
    response->failure.emplace();
  }
}

wb_env* wb_env_new(const wb_env_options* options, wb_error* error) {
  // The services' userdata belong to the env from here on, also when this call fails: until they are handed to
  // their owners, these guards free them.
  Owned<wb_clock> clock_guard;
  Owned<wb_random> random_guard;
  Owned<wb_http_transport> http_guard;
  if (options && options->struct_size >= offsetof(wb_env_options, http) + sizeof options->http) {
    if (options->clock) clock_guard.table = *options->clock, clock_guard.given = true;
    if (options->random) random_guard.table = *options->random, random_guard.given = true;
    if (options->http) http_guard.table = *options->http, http_guard.given = true;
  }
  return guard<wb_env*>(error, Lang::ZhCN, nullptr, [&]() -> wb_env* {
    auto core = std::make_shared<EnvCore>();
    if (options) {
      check_struct(options->struct_size, offsetof(wb_env_options, http) + sizeof options->http, "wb_env_options");
      if (options->lang) {
        auto lang = parse_lang(options->lang);
        if (!lang) invalid_argument(std::string("unknown language \"") + options->lang + "\" (zh-CN or en)");
        core->lang = static_cast<int>(*lang);
      }
    }
    if (clock_guard.given) {
      if (clock_guard.table.struct_size < sizeof(wb_clock)) check_struct(clock_guard.table.struct_size, sizeof(wb_clock), "wb_clock");
      if (!clock_guard.table.now_ms) invalid_argument("wb_clock.now_ms is NULL");
      clock_guard.given = false;
      core->clock = std::make_unique<CallbackClock>(clock_guard.table);
    } else {
      core->clock = std::make_unique<native::SystemClock>();
    }
    if (random_guard.given) {
      check_struct(random_guard.table.struct_size, sizeof(wb_random), "wb_random");
      if (!random_guard.table.fill) invalid_argument("wb_random.fill is NULL");
      random_guard.given = false;
      core->random = std::make_unique<CallbackRandom>(random_guard.table);
    } else {
      core->random = std::make_unique<native::SystemRandom>();
    }
    if (http_guard.given) {
      check_struct(http_guard.table.struct_size, sizeof(wb_http_transport), "wb_http_transport");
      if (!http_guard.table.send) invalid_argument("wb_http_transport.send is NULL");
      core->http = std::make_shared<Owned<wb_http_transport>>();
      core->http->table = http_guard.table;
      core->http->given = true;
      http_guard.given = false;
    }
    return new wb_env{std::move(core)};
  });
}

void wb_env_free(wb_env* env) { delete env; }

bool wb_env_set_lang(wb_env* env, const char* lang, wb_error* error) {
  return guard(error, env ? env->core->language() : Lang::ZhCN, false, [&] {
    if (!env || !lang) invalid_argument("env and lang are required");
    auto l = parse_lang(lang);
    if (!l) invalid_argument(std::string("unknown language \"") + lang + "\" (zh-CN or en)");
    env->core->lang = static_cast<int>(*l);
    return true;
  });
}

}  // extern "C"
