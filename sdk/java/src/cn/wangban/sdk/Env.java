package cn.wangban.sdk;

/** {@code wb_env}: the platform services profiles run on (the native defaults, or the app's HTTP stack). */
public final class Env implements AutoCloseable {
  long handle;

  /** The native defaults; messages in zh-CN. */
  public Env() { this("zh-CN", null); }

  /** lang: "zh-CN" or "en". transport: the app's HTTP stack, or null for the built-in one. */
  public Env(String lang, HttpTransport transport) {
    Wangban.load();
    handle = create(lang, transport);
  }

  public void setLanguage(String lang) { setLang(check(), lang); }

  long check() {
    if (handle == 0) throw new IllegalStateException("the Env is closed");
    return handle;
  }

  @Override
  public synchronized void close() {
    if (handle != 0) free(handle);
    handle = 0;
  }

  private static native long create(String lang, HttpTransport transport);
  private static native void setLang(long env, String lang);
  private static native void free(long env);
}
