package cn.wangban.sdk;

/**
 * Where a profile keeps its sign-in tokens (they are secrets): on Android, e.g. EncryptedSharedPreferences or a value
 * encrypted with a Keystore key. The tokens are one JSON text; store it as it is. Called from the library's threads.
 * Without one, tokens live in data_dir/credentials.json (readable only by the app).
 */
public interface CredentialStore {
  /** The saved JSON, or null when none is saved. */
  String load();

  /** Durable before returning. */
  void save(String tokensJson);

  void clear();
}
