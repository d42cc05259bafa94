package cn.wangban.sdk;

/**
 * The platform's HTTP stack (OkHttp on Android, java.net.http on a desktop JVM), given to {@link Env}. Called from
 * the background sync thread and from threads calling the library, possibly at the same time: be thread-safe.
 * Return an answer of any status, or {@link HttpResponse#failure(String)} when no answer came. Do not throw.
 */
public interface HttpTransport {
  HttpResponse send(HttpRequest request);
}
