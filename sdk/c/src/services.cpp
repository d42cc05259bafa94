// Online services over the sync engine's one-off calls: consultations (在线咨询), appointments (预约),
// satisfaction ratings (好差评), and a case as its applicant sees it. Each blocks until the server answers.

#include "sdk/c/src/internal.hpp"

namespace wb::sdk {
namespace {

using nlohmann::json;

Lang lang_of(const wb_profile* p) { return p ? p->core->lang() : Lang::ZhCN; }

std::string arg(const char* s, const char* name) {
  if (!s || !*s) invalid_argument(std::string(name) + " is required");
  return s;
}

// One call returning the server's JSON answer.
char* call(wb_profile* profile, wb_error* error, const std::string& method, const std::function<std::string()>& path,
           const std::function<json()>& body = nullptr, bool auth = true) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    std::string where = path();
    std::string text = body ? body().dump() : "";
    return dup_string(call_server(p, method, where, text, auth));
  });
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;
using nlohmann::json;

extern "C" {

char* wb_consultation_ask(wb_profile* profile, const char* item_id, const char* question, wb_error* error) {
  return call(profile, error, "POST", [] { return std::string("/v1/consultations"); },
              [&] { return json{{"itemId", arg(item_id, "item_id")}, {"question", arg(question, "question")}}; });
}

char* wb_consultation_list(wb_profile* profile, wb_error* error) {
  return call(profile, error, "GET", [] { return std::string("/v1/consultations"); });
}

char* wb_consultation_get(wb_profile* profile, const char* consultation_id, wb_error* error) {
  return call(profile, error, "GET", [&] { return "/v1/consultations/" + percent_encode(arg(consultation_id, "consultation_id")); });
}

char* wb_consultation_faq(wb_profile* profile, const char* item_id, wb_error* error) {
  return call(profile, error, "GET", [&] { return "/v1/forms/" + percent_encode(arg(item_id, "item_id")) + "/consultations"; },
              nullptr, false);
}

char* wb_appointment_slots(wb_profile* profile, const char* item_id, int64_t from, int64_t to, wb_error* error) {
  return call(profile, error, "GET", [&] {
    std::string query;
    auto add = [&](const std::string& kv) { query += (query.empty() ? "?" : "&") + kv; };
    if (item_id && *item_id) add("itemId=" + percent_encode(item_id));
    if (from > 0) add("from=" + std::to_string(from));
    if (to > 0) add("to=" + std::to_string(to));
    return "/v1/appointment-slots" + query;
  }, nullptr, false);
}

char* wb_appointment_hold(wb_profile* profile, const char* slot_id, wb_error* error) {
  return call(profile, error, "POST", [] { return std::string("/v1/appointments/holds"); },
              [&] { return json{{"slotId", arg(slot_id, "slot_id")}}; });
}

char* wb_appointment_book(wb_profile* profile, const char* hold_id, wb_error* error) {
  return call(profile, error, "POST", [] { return std::string("/v1/appointments"); },
              [&] { return json{{"holdId", arg(hold_id, "hold_id")}}; });
}

char* wb_appointment_list(wb_profile* profile, wb_error* error) {
  return call(profile, error, "GET", [] { return std::string("/v1/appointments"); });
}

char* wb_appointment_get(wb_profile* profile, const char* appointment_id, wb_error* error) {
  return call(profile, error, "GET", [&] { return "/v1/appointments/" + percent_encode(arg(appointment_id, "appointment_id")); });
}

bool wb_appointment_cancel(wb_profile* profile, const char* appointment_id, wb_error* error) {
  char* answer = call(profile, error, "DELETE",
                      [&] { return "/v1/appointments/" + percent_encode(arg(appointment_id, "appointment_id")); });
  wb_string_free(answer);
  return answer != nullptr;
}

char* wb_rating_submit(wb_profile* profile, const char* case_id, int level, const char* comment, wb_error* error) {
  return call(profile, error, "POST", [&] { return "/v1/cases/" + percent_encode(arg(case_id, "case_id")) + "/rating"; },
              [&] {
                json body = {{"level", level}};
                if (comment) body["comment"] = comment;
                return body;
              });
}

char* wb_rating_get(wb_profile* profile, const char* case_id, wb_error* error) {
  return call(profile, error, "GET", [&] { return "/v1/cases/" + percent_encode(arg(case_id, "case_id")) + "/rating"; });
}

char* wb_case_get(wb_profile* profile, const char* case_id, wb_error* error) {
  return call(profile, error, "GET", [&] { return "/v1/cases/" + percent_encode(arg(case_id, "case_id")); });
}

}  // extern "C"
