package cn.wangban.sdk;

/**
 * Wangban (网办) for Java and Android: a thin binding over the C API (wangban.h) through JNI.
 *
 * <p>Objects that hold native resources ({@link Env}, {@link Profile}, {@link Draft}) are {@link AutoCloseable}:
 * close them (try-with-resources). Complex values are JSON text, as in the C API; parse them with the platform's
 * JSON library (org.json on Android). Failures are {@link WangbanException}s carrying the stable error code.
 */
public final class Wangban {
  static {
    System.loadLibrary("wangban_jni");
  }

  private Wangban() {}

  /** The native library's version ("0.1.0"). */
  public static native String version();

  /** Java objects the native side still holds (listeners, transports): 0 once everything is closed. */
  public static native int heldCallbacks();

  static void load() {
    // Referencing this class runs the static initializer that loads the library.
  }
}
