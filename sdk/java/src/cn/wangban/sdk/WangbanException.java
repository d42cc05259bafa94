package cn.wangban.sdk;

/** A failure of the C API: {@code wb_error} as a Java exception. */
public final class WangbanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code WB_DOMAIN_WANGBAN}: code is a Wangban error code (error_codes.def). */
  public static final int DOMAIN_WANGBAN = 1;
  /** {@code WB_DOMAIN_HTTP}: the server answered with an error this library has no code for; code is the status. */
  public static final int DOMAIN_HTTP = 2;

  private final int domain;
  private final int code;
  private final int httpStatus;
  private final String id;
  private final String pointer;

  public WangbanException(int domain, int code, int httpStatus, String id, String pointer, String message) {
    super(message);
    this.domain = domain;
    this.code = code;
    this.httpStatus = httpStatus;
    this.id = id;
    this.pointer = pointer;
  }

  public int domain() { return domain; }
  /** The stable number ({@code WB_ERR_...}) when {@link #domain()} is {@link #DOMAIN_WANGBAN}. */
  public int code() { return code; }
  /** The server's HTTP status when this is its answer, else 0. */
  public int httpStatus() { return httpStatus; }
  /** The stable id, e.g. "auth.invalid_credentials"; branch on this (or on the code), never on the message. */
  public String id() { return id; }
  /** Where (a JSON Pointer), or "". */
  public String pointer() { return pointer; }
}
