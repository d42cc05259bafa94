package cn.wangban.sdk;

/**
 * Changes in a profile (see {@code wb_event} in wangban.h): draft.saved, outbox.queued, outbox.changed,
 * status.added, form.cached, sync.status... Called on the thread that made the change — the background sync
 * thread for what sync learns (post to the UI thread yourself). May call back into the library.
 */
@FunctionalInterface
public interface EventListener {
  void onEvent(long seq, long at, String kind, String subject);
}
