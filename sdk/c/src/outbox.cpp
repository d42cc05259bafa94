// The outbox (queued and sent applications with their receipts) and each case's status history.

#include "sdk/c/src/internal.hpp"

namespace wb::sdk {
namespace {

using nlohmann::json;

Lang lang_of(const wb_profile* p) { return p ? p->core->lang() : Lang::ZhCN; }

json item_json(const store::OutboxItem& it, bool with_payload) {
  json out = {{"id", it.id},
              {"idempotencyKey", it.idempotency_key},
              {"item", it.item_id},
              {"version", it.form_version},
              {"title", it.title.to_json()},
              {"state", std::string(store::outbox_state_name(it.state))},
              {"attention", it.attention},
              {"attempts", it.attempts},
              {"nextAttemptAt", it.next_attempt_at},
              {"lastError", it.last_error},
              {"receipt", it.receipt},
              {"createdAt", it.created_at},
              {"updatedAt", it.updated_at},
              {"attachments", it.manifest.is_array() ? it.manifest.size() : 0}};
  if (with_payload) {
    out["payload"] = it.payload;
    out["manifest"] = it.manifest;
  }
  return out;
}

store::OutboxItem item_of(ProfileCore& p, int64_t id) {
  auto item = p.store->outbox_item(id);
  if (!item) throw Error(ErrorCode::StoreNoSuchItem, {{"id", std::to_string(id)}});
  return *item;
}

}  // namespace
}  // namespace wb::sdk

using namespace wb;
using namespace wb::sdk;
using nlohmann::json;

extern "C" {

char* wb_outbox_list(wb_profile* profile, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    json out = json::array();
    for (const auto& it : p.store->outbox()) out.push_back(item_json(it, false));
    return dup_string(out.dump());
  });
}

char* wb_outbox_get(wb_profile* profile, int64_t outbox_id, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    return dup_string(item_json(item_of(p, outbox_id), true).dump());
  });
}

char* wb_outbox_history(wb_profile* profile, int64_t outbox_id, wb_error* error) {
  return guard<char*>(error, lang_of(profile), nullptr, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    Op op(p);
    item_of(p, outbox_id);
    json out = json::array();
    for (const auto& s : p.store->status_history(outbox_id))
      out.push_back({{"seq", s.seq}, {"at", s.at}, {"status", s.status}, {"department", s.department}, {"detail", s.detail}});
    return dup_string(out.dump());
  });
}

bool wb_outbox_requeue(wb_profile* profile, int64_t outbox_id, wb_error* error) {
  return guard(error, lang_of(profile), false, [&] {
    auto keep = hold_core(profile);
    auto& p = *keep;
    {
      Op op(p);
      item_of(p, outbox_id);
      p.store->requeue(outbox_id);
      p.wake_requested = true;
    }
    p.changed.notify_all();
    return true;
  });
}

}  // extern "C"
