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

  /** The version as one number (major * 10000 + minor * 100 + patch). */
  public static native int versionNumber();

  /** The stable id of an error code ("auth.invalid_credentials"), "" for an unknown code. */
  public static native String errorCodeId(int code);

  /** A code's message template in lang ("zh-CN", "en"; {name} placeholders), "" for an unknown code. */
  public static native String errorCodeTemplate(int code, String lang);

  /** The code of a stable id, or -1. */
  public static native int errorCodeFromId(String id);

  /** Java objects the native side still holds (listeners, transports): 0 once everything is closed. */
  public static native int heldCallbacks();

  static void load() {
    // Referencing this class runs the static initializer that loads the library.
  }
}
