// The raw binding (embind): the explicit list of what JavaScript may call. sdk/js wraps it in the promise API;
// nothing else should use it directly. Its TypeScript declaration is sdk/js/src/raw.d.ts: keep them in step.

#include <emscripten/bind.h>

#include <cstring>

#include "wasm/bindings/draft_handle.hpp"
#include "wasm/bindings/json_views.hpp"
#include "wasm/bindings/profile_handle.hpp"
#include "wasm/platform/block_vfs.hpp"

namespace wb::wasm {
namespace {

using nlohmann::json;

// Fills a file of the block VFS with what storage holds: `indexes` are little-endian uint32 block numbers, `bytes`
// the blocks in that order (kBlockSize each). Call before opening the profile.
std::string vfs_load(const std::string& file, double size, const std::string& indexes, const std::string& bytes) {
  return envelope([&]() -> json {
    auto& vfs = BlockVfs::install("wangban-blocks");
    vfs.forget(file);
    size_t count = indexes.size() / 4;
    if (bytes.size() != count * static_cast<size_t>(BlockVfs::kBlockSize))
      throw Error(ErrorCode::InvalidArgument, {{"detail", "block bytes do not match the block count"}});
    for (size_t i = 0; i < count; ++i) {
      std::uint32_t index = 0;
      std::memcpy(&index, indexes.data() + i * 4, 4);
      vfs.load_block(file, index, reinterpret_cast<const std::uint8_t*>(bytes.data()) + i * BlockVfs::kBlockSize,
                     BlockVfs::kBlockSize);
    }
    vfs.set_loaded_size(file, static_cast<std::int64_t>(size));
    return nullptr;
  });
}

std::string vfs_forget(const std::string& file) {
  return envelope([&]() -> json {
    BlockVfs::install("wangban-blocks").forget(file);
    return nullptr;
  });
}

// The zh-CN and en message of any code of the table, for errors that arise in JavaScript (network, locks, quota).
std::string error_message(const std::string& id, const std::string& args_json) {
  return envelope([&]() -> json {
    auto code = error_code_from_id(id);
    if (!code) throw Error(ErrorCode::InvalidArgument, {{"detail", "unknown error code " + id}});
    Diagnostic d;
    d.code = *code;
    auto args = json::parse(args_json.empty() ? "{}" : args_json, nullptr, false);
    if (args.is_object())
      for (const auto& [k, v] : args.items()) d.args.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    return error_json(d);
  });
}

}  // namespace
}  // namespace wb::wasm

EMSCRIPTEN_BINDINGS(wangban) {
  using namespace emscripten;
  using wb::wasm::DraftHandle;
  using wb::wasm::ProfileHandle;

  function("vfsLoad", &wb::wasm::vfs_load);
  function("vfsForget", &wb::wasm::vfs_forget);
  function("errorMessage", &wb::wasm::error_message);

  class_<ProfileHandle>("ProfileHandle")
      .constructor<std::string>()
      .function("open", &ProfileHandle::open)
      .function("close", &ProfileHandle::close)
      .function("dirty", &ProfileHandle::dirty)
      .function("beginFlush", &ProfileHandle::begin_flush)
      .function("endFlush", &ProfileHandle::end_flush)
      .function("generation", &ProfileHandle::generation)
      .function("catalog", &ProfileHandle::catalog)
      .function("guide", &ProfileHandle::guide)
      .function("form", &ProfileHandle::form)
      .function("cacheForm", &ProfileHandle::cache_form)
      .function("drafts", &ProfileHandle::drafts)
      .function("createDraft", &ProfileHandle::create_draft)
      .function("deleteDraft", &ProfileHandle::delete_draft)
      .function("submit", &ProfileHandle::submit)
      .function("outbox", &ProfileHandle::outbox)
      .function("outboxItem", &ProfileHandle::outbox_item)
      .function("statusHistory", &ProfileHandle::status_history)
      .function("requeue", &ProfileHandle::requeue)
      .function("migrateOutboxItem", &ProfileHandle::migrate_outbox_item)
      .function("takeEvents", &ProfileHandle::take_events)
      .function("eventsSince", &ProfileHandle::events_since)
      .function("meta", &ProfileHandle::meta)
      .function("setMeta", &ProfileHandle::set_meta)
      .function("poll", &ProfileHandle::poll)
      .function("onResponse", &ProfileHandle::on_response)
      .function("onFailure", &ProfileHandle::on_failure)
      .function("nextWakeup", &ProfileHandle::next_wakeup)
      .function("wake", &ProfileHandle::wake)
      .function("syncStatus", &ProfileHandle::sync_status)
      .function("beginLogin", &ProfileHandle::begin_login)
      .function("loginResult", &ProfileHandle::login_result)
      .function("logout", &ProfileHandle::logout)
      .function("accessToken", &ProfileHandle::access_token);

  class_<DraftHandle>("DraftHandle")
      .constructor<ProfileHandle&, std::string>()
      .function("open", &DraftHandle::open)
      .function("view", &DraftHandle::view)
      .function("layout", &DraftHandle::layout)
      .function("data", &DraftHandle::data)
      .function("set", &DraftHandle::set)
      .function("clear", &DraftHandle::clear)
      .function("addRow", &DraftHandle::add_row)
      .function("removeRow", &DraftHandle::remove_row)
      .function("moveRow", &DraftHandle::move_row)
      .function("attach", &DraftHandle::attach);
}
