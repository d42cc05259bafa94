package cn.wangban.sdk;

/** What the app's {@link HttpTransport} answers: a response, or a failure (no answer). */
public final class HttpResponse {
  final int status;
  final String[] headerNames;
  final String[] headerValues;
  final byte[] body;
  final String failure;

  private HttpResponse(int status, String[] headerNames, String[] headerValues, byte[] body, String failure) {
    this.status = status;
    this.headerNames = headerNames;
    this.headerValues = headerValues;
    this.body = body;
    this.failure = failure;
  }

  public static HttpResponse of(int status, String[] headerNames, String[] headerValues, byte[] body) {
    return new HttpResponse(status, headerNames, headerValues, body == null ? new byte[0] : body, null);
  }

  /** No answer came (connection refused, timeout...): a short reason without personal data. */
  public static HttpResponse failure(String reason) {
    return new HttpResponse(0, new String[0], new String[0], new byte[0], reason == null ? "no answer" : reason);
  }
}
