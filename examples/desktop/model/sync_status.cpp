#include "examples/desktop/model/sync_status.hpp"

#include "examples/desktop/model/strings.hpp"

namespace wb::desktop {

StatusBar status_bar(const SyncSnapshot& s, Lang lang) {
  using Phase = SyncSnapshot::Phase;
  StatusBar b;
  b.account = s.signed_in ? text(T::SignedInAs, lang, {{"name", s.display_name}}) : text(T::NotSignedIn, lang);
  switch (s.phase) {
    case Phase::NoServer: b.state = text(T::SyncNoServer, lang); break;
    case Phase::Idle: b.state = text(T::SyncIdle, lang); break;
    case Phase::SigningIn: b.state = text(T::SyncSigningIn, lang); break;
    case Phase::Syncing: b.state = text(T::SyncBusy, lang); break;
    case Phase::Offline: b.state = text(T::SyncOffline, lang); b.warning = true; break;
    case Phase::NeedsSignIn: b.state = text(T::SyncNeedsSignIn, lang); b.warning = true; break;
    case Phase::Failed: b.state = s.last_error; b.warning = true; break;
  }
  if (b.warning && s.phase != Phase::Failed && !s.last_error.empty()) b.detail = text(T::LastError, lang, {{"error", s.last_error}});
  b.counts = text(T::SyncCounts, lang,
                  {{"queued", std::to_string(s.queued)}, {"accepted", std::to_string(s.accepted)},
                   {"attention", std::to_string(s.needs_attention)}});
  if (s.phase == Phase::Syncing && s.batch_total > 0) {
    b.progress = static_cast<float>(s.batch_done) / static_cast<float>(s.batch_total);
    b.progress_text = text(T::SyncProgress, lang, {{"done", std::to_string(s.batch_done)}, {"total", std::to_string(s.batch_total)}});
  }
  return b;
}

}  // namespace wb::desktop
