package dev.tars.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * {@code totalMillis} (else 408), and a body over {@code maxBytes} gets 413 as soon as that is known. The JSON
 * parser refuses documents nested deeper than {@value #MAX_DEPTH} levels and numbers longer than
 * {@value #MAX_NUMBER_LENGTH} digits, as 400 like any other invalid JSON.
 */
final class BodyReader {
  static final int MAX_DEPTH = 256;
  static final int MAX_NUMBER_LENGTH = 100;
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH).build())
      .build());

  /** Where the outcome goes, on a server thread that may block: the body, or why there is none. */
  interface Outcome {
    void body(JsonNode body);

    void refused(ApiError error);

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
      outcome.refused(ApiError.tooLarge(maxBytes));
      return;
    }
    if (!uploads.tryAcquire()) {
      outcome.refused(ApiError.tooManyUploads(maxUploads));
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
            outcome.refused(ApiError.uploadTimedOut(idleMillis));
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
          outcome.refused(ApiError.tooLarge(maxBytes));
          return;
        }
        if (last) {
          end();
          JsonNode body;
          try {
            body = parse(bytes.toByteArray());
          } catch (ApiError e) {
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

  /** The body as a JSON object; anything else is the client's mistake (400), never a server error. */
  static JsonNode parse(byte[] bytes) throws ApiError {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiError.invalidJson(describe(e));
    } catch (IOException | RuntimeException e) {
      // Bytes that are not UTF-8 end here (CharConversionException), as would any other parser complaint.
      throw ApiError.invalidJson(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
          + AuditLog.cut(e.getMessage())));
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "invalid_request_error", "invalid_json", null,
          "The request body must be a JSON object.");
    }
    return node;
  }

  /** The parser's complaint and, when it knows it, where (limits such as nesting depth have no location). */
  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage() == null ? "unreadable" : AuditLog.cut(e.getOriginalMessage());
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? what : what + " at line " + at.getLineNr() + ", column "
        + at.getColumnNr();
  }
}
