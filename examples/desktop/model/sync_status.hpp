#pragma once
// The sync status bar, as text: who is signed in, what the sync is doing, the outbox counts and the progress of the
// current run.

#include <optional>
#include <string>

#include "examples/desktop/model/sync_worker.hpp"

namespace wb::desktop {

struct StatusBar {
  std::string account;   // "已登录：张三" / "未登录"
  std::string state;     // "正在同步…", "无法连接服务器…", ...
  std::string counts;    // "待发送 1 · 已受理 0 · 需处理 0"
  std::optional<float> progress;  // 0..1 while a run with items to send is going on
  std::string progress_text;      // "已发送 1/3"
  std::string detail;             // the last error, when the state is a failure
  bool warning = false;           // offline, needs sign-in, failed
};

StatusBar status_bar(const SyncSnapshot& s, Lang lang);

}  // namespace wb::desktop
