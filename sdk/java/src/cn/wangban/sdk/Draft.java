package cn.wangban.sdk;

/** {@code wb_draft}: a live draft; every edit is saved before the call returns. One thread at a time. */
public final class Draft implements AutoCloseable {
  private long handle;

  Draft(long handle) { this.handle = handle; }

  private long check() {
    if (handle == 0) throw new IllegalStateException("the Draft is closed");
    return handle;
  }

  public String id() { return id(check()); }
  /** value: JSON ("\"张三\"", "3", "true"). */
  public void set(String pointer, String valueJson) { set(check(), pointer, valueJson); }
  public void clear(String pointer) { clear(check(), pointer); }
  /** The value at pointer as JSON ("null" when empty); "" for the whole data. */
  public String get(String pointer) { return get(check(), pointer); }
  public long addRow(String arrayPointer, String rowJson) { return addRow(check(), arrayPointer, rowJson); }
  public void removeRow(String arrayPointer, long index) { removeRow(check(), arrayPointer, index); }
  /** Moves a row of a repeat group from one index to another (the rows between shift by one). */
  public void moveRow(String arrayPointer, long from, long to) { moveRow(check(), arrayPointer, from, to); }
  /** Everything a form screen shows (see wb_draft_view). */
  public String view() { return view(check()); }
  /** The errors that block submission: "[]" when complete. */
  public String validate() { return validate(check()); }
  /** Stores a file within the material's limits and puts it at an attachment field; the attachment value (JSON). */
  public String attach(String pointer, byte[] bytes, String name, String mediaType) {
    return attach(check(), pointer, bytes, name, mediaType);
  }
  /** Queues the application (durable on return); its outbox id. The draft is gone afterwards. */
  public long submit() { return submit(check()); }

  @Override
  public synchronized void close() {
    if (handle != 0) free(handle);
    handle = 0;
  }

  private static native String id(long d);
  private static native void set(long d, String pointer, String value);
  private static native void clear(long d, String pointer);
  private static native String get(long d, String pointer);
  private static native long addRow(long d, String pointer, String row);
  private static native void removeRow(long d, String pointer, long index);
  private static native void moveRow(long d, String pointer, long from, long to);
  private static native String view(long d);
  private static native String validate(long d);
  private static native String attach(long d, String pointer, byte[] bytes, String name, String mediaType);
  private static native long submit(long d);
  private static native void free(long d);
}
