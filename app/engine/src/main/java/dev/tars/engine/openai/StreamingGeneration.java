package dev.tars.engine.openai;

import dev.tars.engine.Completion;
import dev.tars.engine.EngineException;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.TokenSink;
import dev.tars.protocol.openai.ChatCompletionChunk;
import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer streamed from an OpenAI-compatible server: the request goes out, its Server-Sent Events come back as
 * lines, and each text delta goes to the sink as it arrives.
 *
 * <p>The lines are read by a {@link Flow.Subscriber} on the HTTP client's executor. The JDK client hands every
 * chunk from its selector thread to that executor anyway; reading a blocking {@code InputStream} on a third
 * thread woke one more thread per token, CPU that a local engine's llama.cpp threads needed (decision 1430).
 *
 * <p>A cancelled or aborted generation completes at once, with the text the sink has received: the sink is
 * called under the same lock that takes the final text, so it never sees a delta the result does not hold.
 */
final class StreamingGeneration implements Generation {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingGeneration.class);

  private final TokenSink sink;
  private final CompletableFuture<Completion> result = new CompletableFuture<>();
  /** The text so far; also the lock under which the sink is called and the result's text is taken. */
  private final StringBuilder text = new StringBuilder();
  /** Set by {@link #cancel} and {@link #abort}: stop reading. */
  private volatile boolean cancelled;
  private volatile boolean cancelledByCaller;
  private volatile EngineException aborted;
  private volatile CompletableFuture<HttpResponse<InputStream>> pending;
  private volatile Flow.Subscription subscription;
  private volatile boolean answering;
  // Written by the subscriber, read once the response future has completed (which orders the two).
  private volatile EngineException streamError;
  private volatile FinishReason finish;
  private volatile int promptTokens = -1;
  private volatile int completionTokens = -1;

  StreamingGeneration(TokenSink sink) {
    this.sink = sink;
  }

  @Override
  public void cancel() {
    cancelledByCaller = true;
    stop();
  }

  /** Ends the generation as failed (engine closing) rather than cancelled. */
  void abort(EngineException reason) {
    aborted = reason;
    stop();
  }

  private void stop() {
    cancelled = true;
    stopReading();
  }

  private void stopReading() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<HttpResponse<InputStream>> p = pending;
    if (p != null) {
      p.cancel(true);
    }
  }

  @Override
  public CompletableFuture<Completion> result() {
    return result;
  }

  /**
   * Sends {@code request} with {@code http} and reads the answer to its end; {@code unreachable} words a failure
   * to reach {@code apiRoot}.
   */
  void run(HttpClient http, HttpRequest request, URI apiRoot, Function<IOException, EngineException> unreachable) {
    try {
      pending = http.sendAsync(request, this::body);
      if (cancelled) {
        pending.cancel(true);
      }
      HttpResponse<InputStream> response = pending.get();
      if (response.statusCode() != 200) {
        String error;
        try (InputStream in = response.body()) {
          error = OpenAiCodec.errorMessage(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
        finish(FinishReason.ERROR, new EngineException(
            "The engine refused the request (HTTP " + response.statusCode() + "): " + error));
        return;
      }
      endOfStream();
    } catch (CancellationException e) {
      endOfStream();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cancelled || streamError != null) {
        endOfStream();
      } else if (answering && cause instanceof IOException) {
        LOG.warn("Lost the connection to {} mid-answer", apiRoot, cause);
        finish(FinishReason.ERROR, new EngineException(
            "Lost the connection to the engine mid-answer; the partial answer was kept.", cause));
      } else {
        LOG.warn("Request to {} failed", apiRoot, cause);
        finish(FinishReason.ERROR, cause instanceof IOException io ? unreachable.apply(io)
            : new EngineException("The engine failed: " + cause.getMessage(), cause));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(FinishReason.CANCELLED, null);
    } catch (IOException e) {
      finish(FinishReason.ERROR, new EngineException("The engine refused the request: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      LOG.error("Generation failed", e);
      finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR,
          new EngineException("The answer failed: " + e.getMessage(), e));
    }
  }

  /** Ends a generation that failed before its request could be sent. */
  void fail(EngineException error) {
    finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR, error);
  }

  /** An answer's events go to {@link Events}; an error's body is kept to be read (at most 64 KiB of it). */
  private BodySubscriber<InputStream> body(HttpResponse.ResponseInfo info) {
    if (info.statusCode() != 200) {
      return BodySubscribers.ofInputStream();
    }
    answering = true;
    return BodySubscribers.fromLineSubscriber(new Events(), events -> null, StandardCharsets.UTF_8, null);
  }

  /** How the stream ended, once nothing more will be read. */
  private void endOfStream() {
    if (cancelled) {
      finish(FinishReason.CANCELLED, null);
    } else if (streamError != null) {
      finish(FinishReason.ERROR, streamError);
    } else if (finish == null) {
      finish(FinishReason.ERROR, new EngineException(
          "The engine stopped answering mid-answer (the stream ended early); the partial answer was kept."));
    } else {
      finish(finish, null);
    }
  }

  private void finish(FinishReason reason, EngineException error) {
    if (reason == FinishReason.CANCELLED && !cancelledByCaller && aborted != null) {
      reason = FinishReason.ERROR;
      error = aborted;
    }
    String partial;
    synchronized (text) {
      partial = text.toString();
    }
    result.complete(new Completion(partial, reason, promptTokens, completionTokens, error));
  }

  /** The lines of the event stream, on the HTTP client's executor. */
  private final class Events implements Flow.Subscriber<String> {
    private boolean done;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      if (done || cancelled || streamError != null || !line.startsWith("data:")) {
        return; // blank separators, comments (": ping"), event names, anything after the end
      }
      String data = line.substring(5).trim();
      if (data.equals("[DONE]")) {
        done = true;
        stopReading(); // as a server may keep the connection open after it
        return;
      }
      try {
        ChatCompletionChunk chunk = OpenAiCodec.chunk(data);
        if (chunk.usage() != null) {
          promptTokens = chunk.usage().promptTokens();
          completionTokens = chunk.usage().completionTokens();
        }
        String delta = chunk.content() == null ? "" : chunk.content();
        if (!delta.isEmpty()) {
          synchronized (text) {
            if (cancelled) {
              return;
            }
            text.append(delta);
            sink.accept(delta);
          }
        }
        String reason = chunk.finishReason();
        if (reason != null && !reason.isEmpty()) {
          finish = reason.equals("length") ? FinishReason.LENGTH : FinishReason.STOP;
        }
      } catch (OpenAiException e) {
        failStream(new EngineException("The engine failed mid-answer: " + e.getMessage()));
      } catch (IOException e) {
        failStream(new EngineException("The engine sent something that is not an answer (" + e.getMessage()
            + "); the partial answer was kept.", e));
      } catch (RuntimeException e) {
        LOG.error("Generation failed", e);
        failStream(new EngineException("The answer failed: " + e.getMessage(), e));
      }
    }

    private void failStream(EngineException error) {
      streamError = error;
      stopReading();
    }

    @Override
    public void onError(Throwable failure) {
      // The response future fails with it; run() says what it means.
    }

    @Override
    public void onComplete() {
      // The response future completes; run() reads how the stream ended.
    }
  }
}
