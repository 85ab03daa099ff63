package dev.tars.engine.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A streamed chat response through the JDK's HTTP client: any server, TLS, proxies, HTTP/2. Cancelling cancels the
 * exchange and closes the body, which the client unblocks at once.
 */
final class JdkChatStream implements ChatStream {
  private final HttpClient http;
  private final HttpRequest request;
  private volatile boolean closed;
  private volatile CompletableFuture<HttpResponse<InputStream>> pending;
  private volatile InputStream body;
  private int status;

  JdkChatStream(HttpClient http, HttpRequest request) {
    this.http = http;
    this.request = request;
  }

  @Override
  public void open() throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    pending = sent;
    if (closed) {
      sent.cancel(true);
    }
    HttpResponse<InputStream> response;
    try {
      response = sent.get();
    } catch (CancellationException e) {
      throw new IOException("the request was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause.getMessage(), cause);
    }
    status = response.statusCode();
    body = response.body();
    if (closed) {
      close();
    }
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<HttpResponse<InputStream>> p = pending;
    if (p != null) {
      p.cancel(true);
    }
    InputStream in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing only stops reading; nothing is lost.
      }
    }
  }
}
