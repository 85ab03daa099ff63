package dev.tars.api;

import dev.tars.protocol.openai.OpenAiCodec;
import dev.tars.protocol.openai.OpenAiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's JSON body without holding a thread while the bytes arrive, so clients that trickle their
 * bodies cannot starve the server: at most {@code maxUploads} bodies are read at once (more get 429), the
 * connection may be idle for at most {@code idleMillis} between bytes and the whole body must arrive within
 * {@code totalMillis} (else 408), and a body over {@code maxBytes} gets 413 as soon as that is known. The body
 * is parsed with the protocol's bounded parser ({@link OpenAiCodec#readObject}): hostile JSON is a 400.
 */
final class BodyReader {
  /** Where the outcome goes, on a server thread that may block: the body, or why there is none. */
  interface Outcome {
    void body(JsonNode body);

    void refused(OpenAiException error);

    void lost(Throwable why);
  }

  private final long maxBytes;
  private final int maxUploads;
  private final long idleMillis;
  private final long totalMillis;
  private final Semaphore uploads;

  BodyReader(long maxBytes, int maxUploads, long idleMillis, long totalMillis) {
    this.maxBytes = maxBytes;
    this.maxUploads = maxUploads;
    this.idleMillis = idleMillis;
    this.totalMillis = totalMillis;
    this.uploads = new Semaphore(maxUploads);
  }

  /** Starts reading; {@code outcome} hears exactly once, maybe on another thread. */
  void read(Request request, Outcome outcome) {
    if (request.getLength() > maxBytes) {
      outcome.refused(ApiErrors.tooLarge(maxBytes));
      return;
    }
    if (!uploads.tryAcquire()) {
      outcome.refused(ApiErrors.tooManyUploads(maxUploads));
      return;
    }
    new Upload(request, outcome).start();
  }

  /** One body being read, chunk by chunk as the bytes arrive. */
  private final class Upload {
    private final Request request;
    private final Outcome outcome;
    private final EndPoint endPoint;
    private final long idleBefore;
    private final ByteArrayOutputStream bytes;
    private Scheduler.Task deadline;
    private boolean ended;

    Upload(Request request, Outcome outcome) {
      this.request = request;
      this.outcome = outcome;
      this.endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
      this.idleBefore = endPoint.getIdleTimeout();
      long length = request.getLength();
      this.bytes = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
    }

    void start() {
      endPoint.setIdleTimeout(idleMillis);
      // Past the deadline the connection is closed: the pending read then fails and ends the upload.
      deadline = request.getComponents().getScheduler().schedule(
          () -> endPoint.close(new TimeoutException("request body not complete after " + totalMillis + " ms")),
          totalMillis, TimeUnit.MILLISECONDS);
      readAvailable();
    }

    private void readAvailable() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this::readAvailable);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Throwable failure = chunk.getFailure();
          end();
          if (failure instanceof TimeoutException) {
            outcome.refused(ApiErrors.uploadTimedOut(idleMillis));
          } else {
            outcome.lost(failure);
          }
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        boolean tooLarge = bytes.size() + (long) buffer.remaining() > maxBytes;
        if (!tooLarge) {
          byte[] piece = new byte[buffer.remaining()];
          buffer.get(piece);
          bytes.write(piece, 0, piece.length);
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (tooLarge) {
          end();
          outcome.refused(ApiErrors.tooLarge(maxBytes));
          return;
        }
        if (last) {
          end();
          JsonNode body;
          try {
            body = OpenAiCodec.readObject(bytes.toByteArray());
          } catch (OpenAiException e) {
            outcome.refused(e);
            return;
          }
          outcome.body(body);
          return;
        }
      }
    }

    private void end() {
      if (!ended) {
        ended = true;
        deadline.cancel();
        endPoint.setIdleTimeout(idleBefore);
        uploads.release();
      }
    }
  }
}
