package cn.wangban.sdk;

/** {@code wb_sync_status}: what a status bar shows. */
public final class SyncStatus {
  public final boolean signedIn;
  public final boolean needsSignIn;
  public final boolean offline;
  public final int queued;
  public final int needsAttention;
  public final int accepted;
  public final long nextAttemptAt;
  public final String lastError;

  SyncStatus(boolean signedIn, boolean needsSignIn, boolean offline, int queued, int needsAttention, int accepted,
             long nextAttemptAt, String lastError) {
    this.signedIn = signedIn;
    this.needsSignIn = needsSignIn;
    this.offline = offline;
    this.queued = queued;
    this.needsAttention = needsAttention;
    this.accepted = accepted;
    this.nextAttemptAt = nextAttemptAt;
    this.lastError = lastError;
  }

  @Override
  public String toString() {
    return "accepted " + accepted + ", queued " + queued + ", needs attention " + needsAttention
        + (offline ? ", offline (" + lastError + ")" : "") + (needsSignIn ? ", needs sign-in" : "");
  }
}
