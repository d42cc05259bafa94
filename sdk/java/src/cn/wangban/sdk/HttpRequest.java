package cn.wangban.sdk;

/** One request the library asks the app's {@link HttpTransport} to send. */
public final class HttpRequest {
  public final String method;
  public final String url;
  public final String[] headerNames;
  public final String[] headerValues;
  /** "" when there is no body. */
  public final String contentType;
  public final byte[] body;
  public final int connectTimeoutMs;
  public final int readTimeoutMs;

  HttpRequest(String method, String url, String[] headerNames, String[] headerValues, String contentType, byte[] body,
              int connectTimeoutMs, int readTimeoutMs) {
    this.method = method;
    this.url = url;
    this.headerNames = headerNames;
    this.headerValues = headerValues;
    this.contentType = contentType;
    this.body = body;
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
  }
}
