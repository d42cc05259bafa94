package cn.wangban.sdk;

/**
 * {@code wb_profile}: one person's data on this device (drafts, outbox, catalog cache) and its sync with the
 * server. Thread-safe. Calls that reach the server block: make them off the UI thread.
 */
public final class Profile implements AutoCloseable {
  private long handle;

  private Profile(long handle) { this.handle = handle; }

  /** serverUrl null: the one the profile remembers. The profile keeps what it needs of env (env may be closed). */
  public static Profile open(Env env, String dataDir, String serverUrl) {
    return new Profile(open(env.check(), dataDir, serverUrl, null));
  }

  /** With the app's own place for the sign-in tokens (the platform's keystore). */
  public static Profile open(Env env, String dataDir, String serverUrl, CredentialStore credentials) {
    return new Profile(open(env.check(), dataDir, serverUrl, credentials));
  }

  private long check() {
    if (handle == 0) throw new IllegalStateException("the Profile is closed");
    return handle;
  }

  public void setServer(String url) { setServer(check(), url); }

  public void signIn(String account, String password) { signIn(check(), account, password); }
  public void signOut() { signOut(check()); }
  /** {"signedIn", "id", "kind", "displayName"}. */
  public String account() { return account(check()); }

  public void importForm(String definitionJson) { importForm(check(), definitionJson); }
  /** The catalog entries matching query (null: all), as a JSON array. */
  public String catalog(String query) { return catalog(check(), query); }
  public String guide(String itemId) { return guide(check(), itemId); }
  /** A cached form definition (docs/form-format.md); version 0: the newest. */
  public String form(String itemId, int version) { return form(check(), itemId, version); }

  public Draft createDraft(String itemId) { return new Draft(createDraft(check(), itemId)); }
  public Draft openDraft(String draftId) { return new Draft(openDraft(check(), draftId)); }
  /** The drafts, newest first, as a JSON array. */
  public String drafts() { return drafts(check()); }
  public void deleteDraft(String draftId) { deleteDraft(check(), draftId); }

  public String outbox() { return outbox(check()); }
  public String outboxItem(long id) { return outboxItem(check(), id); }
  public String history(long id) { return history(check(), id); }
  /** Back to the queue once the person fixed what was needed (e.g. signed in again). */
  public void requeue(long id) { requeue(check(), id); }

  public SyncStatus status() { return status(check()); }
  /** Sends what can be sent now, on this thread. */
  public SyncStatus syncOnce() { return syncOnce(check()); }
  public void startSync(long maxSleepMs) { startSync(check(), maxSleepMs); }
  public void stopSync() { stopSync(check()); }
  public void wake() { wake(check()); }

  /** The listener is held until {@link #unsubscribe(int)} or {@link #close()}. */
  public int subscribe(EventListener listener) { return subscribe(check(), listener); }
  public void unsubscribe(int subscription) { unsubscribe(check(), subscription); }
  /** The event log after seq (to catch up after a restart), as a JSON array; limit 0: 1000. */
  public String eventsSince(long seq, int limit) { return eventsSince(check(), seq, limit); }

  public String askConsultation(String itemId, String question) { return consultationAsk(check(), itemId, question); }
  public String consultations() { return consultationList(check()); }
  public String consultation(String consultationId) { return consultationGet(check(), consultationId); }
  /** An item's published questions and answers (no sign-in needed). */
  public String consultationFaq(String itemId) { return consultationFaq(check(), itemId); }
  /** Open slots (itemId null: every item) in the server's default window. */
  public String appointmentSlots(String itemId) { return appointmentSlots(check(), itemId, 0, 0); }
  /** Open slots between from and to (ms since the epoch; 0: the server's default). */
  public String appointmentSlots(String itemId, long from, long to) { return appointmentSlots(check(), itemId, from, to); }
  public String appointments() { return appointmentList(check()); }
  public String appointment(String appointmentId) { return appointmentGet(check(), appointmentId); }
  public String holdAppointment(String slotId) { return appointmentHold(check(), slotId); }
  public String bookAppointment(String holdId) { return appointmentBook(check(), holdId); }
  public void cancelAppointment(String appointmentId) { appointmentCancel(check(), appointmentId); }
  public String rate(String caseId, int level, String comment) { return ratingSubmit(check(), caseId, level, comment); }
  public String rating(String caseId) { return ratingGet(check(), caseId); }
  public String caseView(String caseId) { return caseGet(check(), caseId); }

  /** Stops background sync and ends subscriptions. */
  @Override
  public synchronized void close() {
    if (handle != 0) close(handle);
    handle = 0;
  }

  private static native long open(long env, String dataDir, String serverUrl, CredentialStore credentials);
  private static native void setServer(long p, String url);
  private static native void signIn(long p, String account, String password);
  private static native void signOut(long p);
  private static native String account(long p);
  private static native void importForm(long p, String json);
  private static native String catalog(long p, String query);
  private static native String guide(long p, String itemId);
  private static native String form(long p, String itemId, int version);
  private static native long createDraft(long p, String itemId);
  private static native long openDraft(long p, String draftId);
  private static native String drafts(long p);
  private static native void deleteDraft(long p, String draftId);
  private static native String outbox(long p);
  private static native String outboxItem(long p, long id);
  private static native String history(long p, long id);
  private static native void requeue(long p, long id);
  private static native SyncStatus status(long p);
  private static native SyncStatus syncOnce(long p);
  private static native void startSync(long p, long maxSleepMs);
  private static native void stopSync(long p);
  private static native void wake(long p);
  private static native int subscribe(long p, EventListener listener);
  private static native void unsubscribe(long p, int subscription);
  private static native String eventsSince(long p, long seq, int limit);
  private static native String consultationAsk(long p, String itemId, String question);
  private static native String consultationList(long p);
  private static native String consultationGet(long p, String consultationId);
  private static native String consultationFaq(long p, String itemId);
  private static native String appointmentSlots(long p, String itemId, long from, long to);
  private static native String appointmentList(long p);
  private static native String appointmentGet(long p, String appointmentId);
  private static native String appointmentHold(long p, String slotId);
  private static native String appointmentBook(long p, String holdId);
  private static native void appointmentCancel(long p, String appointmentId);
  private static native String ratingSubmit(long p, String caseId, int level, String comment);
  private static native String ratingGet(long p, String caseId);
  private static native String caseGet(long p, String caseId);
  private static native void close(long p);
}
