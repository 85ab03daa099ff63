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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed answer of {@link OpenAiChatEngine}: reads the events of a {@link ChatStream} on the calling thread,
 * hands each text delta to the sink, and ends in exactly one {@link Completion}: STOP or LENGTH as the server says,
 * CANCELLED when the caller stopped it, ERROR (keeping the partial text) when the server refused, broke off or
 * went away, or the engine was closed.
 */
final class StreamingGeneration implements Generation {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingGeneration.class);

  /** Builds the request's stream; the body's errors (e.g. a bad answer schema) come out here. */
  @FunctionalInterface
  interface Opener {
    ChatStream stream() throws EngineException;
  }

  private final TokenSink sink;
  private final String serverName;
  private final CompletableFuture<Completion> result = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  /** Set by {@link #cancel} and {@link #abort}: stop reading. */
  private volatile boolean cancelled;
  private volatile boolean cancelledByCaller;
  private volatile EngineException aborted;
  private volatile ChatStream stream;
  private int promptTokens = -1;
  private int completionTokens = -1;

  /** @param serverName where the requests go, for error messages (e.g. the server's {@code /v1} root) */
  StreamingGeneration(TokenSink sink, String serverName) {
    this.sink = sink;
    this.serverName = serverName;
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
    ChatStream s = stream;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public CompletableFuture<Completion> result() {
    return result;
  }

  void run(Opener opener) {
    try {
      ChatStream s = opener.stream();
      stream = s;
      if (cancelled) {
        s.close();
        finish(FinishReason.CANCELLED, null);
        return;
      }
      if (!opened(s)) {
        return;
      }
      try {
        readStream(s);
      } finally {
        s.close();
      }
    } catch (IOException e) {
      if (cancelled) {
        finish(FinishReason.CANCELLED, null);
      } else {
        LOG.warn("Lost the connection to {} mid-answer", serverName, e);
        finish(FinishReason.ERROR, new EngineException(
            "Lost the connection to the engine mid-answer; the partial answer was kept.", e));
      }
    } catch (EngineException e) {
      finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR, e);
    } catch (RuntimeException e) {
      LOG.error("Generation failed", e);
      finish(cancelled ? FinishReason.CANCELLED : FinishReason.ERROR,
          new EngineException("The answer failed: " + e.getMessage(), e));
    }
  }

  /** Sends the request; false when the generation already ended (cancelled, unreachable, refused). */
  private boolean opened(ChatStream s) throws IOException {
    try {
      s.open();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(FinishReason.CANCELLED, null);
      return false;
    } catch (IOException e) {
      if (cancelled) {
        finish(FinishReason.CANCELLED, null);
      } else {
        LOG.warn("Request to {} failed", serverName, e);
        finish(FinishReason.ERROR, OpenAiChatEngine.unreachable(serverName, e));
      }
      return false;
    }
    if (cancelled) {
      finish(FinishReason.CANCELLED, null);
      return false;
    }
    if (s.status() != 200) {
      String error;
      try (InputStream in = s.body()) {
        error = OpenAiCodec.errorMessage(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
      }
      finish(FinishReason.ERROR, new EngineException(
          "The engine refused the request (HTTP " + s.status() + "): " + error));
      return false;
    }
    return true;
  }

  private void readStream(ChatStream s) throws IOException {
    FinishReason finish = null;
    SseDataReader events = new SseDataReader(s.body());
    for (String data; (data = events.next()) != null; ) {
      if (cancelled || data.equals("[DONE]")) {
        break;
      }
      ChatCompletionChunk chunk;
      try {
        chunk = OpenAiCodec.chunk(data);
      } catch (OpenAiException e) {
        finish(FinishReason.ERROR, new EngineException("The engine failed mid-answer: " + e.getMessage()));
        return;
      }
      if (chunk.usage() != null) {
        promptTokens = chunk.usage().promptTokens();
        completionTokens = chunk.usage().completionTokens();
      }
      String delta = chunk.content() == null ? "" : chunk.content();
      if (!delta.isEmpty() && !cancelled) {
        synchronized (text) {
          text.append(delta);
        }
        sink.accept(delta);
      }
      String reason = chunk.finishReason();
      if (reason != null && !reason.isEmpty()) {
        finish = reason.equals("length") ? FinishReason.LENGTH : FinishReason.STOP;
      }
    }
    if (cancelled) {
      finish(FinishReason.CANCELLED, null);
    } else if (finish == null) {
      finish(FinishReason.ERROR, new EngineException(
          "The engine stopped answering mid-answer (the stream ended early); the partial answer was kept."));
    } else {
      finish(finish, null);
    }
  }

  void finish(FinishReason reason, EngineException error) {
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
}
