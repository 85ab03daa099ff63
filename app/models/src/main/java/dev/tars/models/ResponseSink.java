package dev.tars.models;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP response of a {@link DownloadJob}: decides from the status and headers whether to read the body,
 * then appends it to the part file, keeping the checksum, the size limit and the free space in step.
 */
final class ResponseSink implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseSink.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final DownloadJob job;
  private final CompletableFuture<Attempt> result = new CompletableFuture<>();
  private final SpeedMeter speed = new SpeedMeter(Duration.ofSeconds(5));
  private long offset;
  private long total = -1;
  private long written;
  private long nextDiskCheck;
  private long lastProgressNanos;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean aborted;
  private volatile boolean answered;
  private Flow.Subscription subscription;
  private FileChannel channel;

  ResponseSink(DownloadJob job, long have) {
    this.job = job;
    this.offset = have;
  }

  CompletableFuture<Attempt> result() {
    return result;
  }

  long lastActivity() {
    return lastActivity;
  }

  boolean answered() {
    return answered;
  }

  /** " at 30% (1.2 MB of 4.0 MB)", " after 1.2 MB", or "" before any byte. */
  DownloadText where() {
    long done = offset + written;
    if (total > 0) {
      return DownloadText.of(DownloadText.Key.WHERE_PERCENT, Long.toString(Math.round(100.0 * done / total)),
          Bytes.human(done), Bytes.human(total));
    }
    return done > 0 ? DownloadText.of(DownloadText.Key.WHERE_AFTER, Bytes.human(done))
        : DownloadText.of(DownloadText.Key.WHERE_NOWHERE);
  }

  BodySubscriber<Void> handle(HttpResponse.ResponseInfo info) {
    lastActivity = System.nanoTime();
    answered = true;
    try {
      Attempt early = inspect(info);
      if (early != null) {
        finish(early);
        return BodySubscribers.replacing(null);
      }
      return BodySubscribers.fromSubscriber(this);
    } catch (IOException e) {
      finish(new Attempt.Fatal(DownloadFiles.ioProblem(e), true, e));
      return BodySubscribers.replacing(null);
    }
  }

  /** Returns how the attempt ends right away, or null to read the body. */
  private Attempt inspect(HttpResponse.ResponseInfo info) throws IOException {
    int status = info.statusCode();
    String etag = info.headers().firstValue("ETag").orElse(null);
    String lastModified = info.headers().firstValue("Last-Modified").orElse(null);
    DownloadRequest request = job.requestOf();
    PartialDownload memo = job.memo();
    if (status == 206) {
      Matcher m = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
      if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
        LOG.warn("Server sent range {} when asked from {}; restarting {}",
            info.headers().firstValue("Content-Range").orElse("(none)"), offset, request.url());
        restartFromZero();
        return new Attempt.Retry(DownloadText.of(DownloadText.Key.WRONG_RANGE));
      }
      total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    } else if (status == 200) {
      if (offset > 0) {
        LOG.info("Server ignored Range for {}; starting from zero", request.url());
        job.listener().onStatus(DownloadStatus.RESTARTING, "The server cannot resume downloads, so the "
            + Bytes.human(offset) + " already fetched were discarded and the download starts again.");
        restartFromZero();
      }
      total = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    } else if (status == 416) {
      if (memo.totalBytes() > 0 && offset == memo.totalBytes()) {
        return new Attempt.Done();
      }
      restartFromZero();
      return new Attempt.Retry(DownloadText.of(DownloadText.Key.RESUME_REFUSED));
    } else {
      return httpError(status);
    }
    DownloadText tooLarge = job.budget().announced(total);
    if (tooLarge != null) {
      return new Attempt.Fatal(tooLarge, false, null);
    }
    DownloadText noRoom = total > 0 ? job.budget().room(total - offset) : null;
    if (noRoom != null) {
      return new Attempt.Fatal(noRoom, true, null);
    }
    job.saveState(memo.withServerInfo(total, etag, lastModified));
    channel = FileChannel.open(job.part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    nextDiskCheck = job.diskCheckEveryBytes();
    job.listener().onStatus(DownloadStatus.DOWNLOADING, total > 0 ? "Downloading " + Bytes.human(total)
        : "Downloading");
    return null;
  }

  private void restartFromZero() throws IOException {
    job.truncatePart();
    offset = 0;
  }

  private Attempt httpError(int status) {
    String url = job.requestOf().url().toString();
    String code = Integer.toString(status);
    return switch (status) {
      case 404, 410 -> new Attempt.Fatal(DownloadText.of(DownloadText.Key.HTTP_NOT_FOUND, code, url), false, null);
      case 401, 403 -> new Attempt.Fatal(DownloadText.of(DownloadText.Key.HTTP_REFUSED, code, url), false, null);
      case 408, 429 -> new Attempt.Retry(DownloadText.of(DownloadText.Key.HTTP_BUSY, code));
      default -> status >= 500
          ? new Attempt.Retry(DownloadText.of(DownloadText.Key.HTTP_SERVER_ERROR, code))
          : new Attempt.Fatal(DownloadText.of(DownloadText.Key.HTTP_OTHER, code, url), true, null);
    };
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    synchronized (this) {
      subscription = s;
    }
    if (aborted || result.isDone()) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    lastActivity = System.nanoTime();
    synchronized (this) {
      if (result.isDone() || channel == null) {
        return;
      }
      try {
        for (ByteBuffer b : buffers) {
          ByteBuffer view = b.duplicate();
          while (b.hasRemaining()) {
            written += channel.write(b);
          }
          job.digest().update(view);
        }
        Attempt overBudget = overBudget();
        if (overBudget != null) {
          subscription.cancel();
          finish(overBudget);
          return;
        }
      } catch (IOException e) {
        subscription.cancel();
        finish(new Attempt.Fatal(DownloadFiles.ioProblem(e), true, e));
        return;
      }
    }
    reportProgress(false);
    if (aborted) {
      subscription.cancel();
      finish(new Attempt.Stopped());
    } else {
      subscription.request(1);
    }
  }

  /**
   * Too many bytes for the expected size (checked on every buffer; the part is worthless and deleted), or too
   * little room left (checked every few MB; the part is kept to resume once there is room).
   */
  private Attempt overBudget() throws IOException {
    long done = offset + written;
    DownloadText tooLarge = job.budget().received(done);
    if (tooLarge != null) {
      return new Attempt.Fatal(tooLarge, false, null);
    }
    if (written >= nextDiskCheck) {
      nextDiskCheck = written + job.diskCheckEveryBytes();
      DownloadText noRoom = job.budget().stillFits(done, total, job.diskCheckEveryBytes());
      return noRoom == null ? null : new Attempt.Fatal(noRoom, true, null);
    }
    return null;
  }

  @Override
  public void onError(Throwable error) {
    finish(job.classify(error, this));
  }

  @Override
  public void onComplete() {
    finish(new Attempt.Done());
  }

  void abort() {
    aborted = true;
    Flow.Subscription s;
    synchronized (this) {
      s = subscription;
    }
    if (s != null) {
      s.cancel();
    }
    finish(new Attempt.Stopped());
  }

  void finish(Attempt how) {
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      closeChannel();
    }
    if (channel != null || written > 0) {
      reportProgress(true);
    }
    result.complete(how);
  }

  synchronized void closeChannel() {
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("Could not close {}", job.part(), e);
      }
    }
  }

  private void reportProgress(boolean force) {
    long now = System.nanoTime();
    long done = offset + written;
    speed.add(now, done);
    if (!force && now - lastProgressNanos < PROGRESS_INTERVAL_NANOS) {
      return;
    }
    lastProgressNanos = now;
    job.listener().onProgress(new DownloadProgress(done, total, speed.bytesPerSecond(),
        total > 0 ? speed.eta(total - done) : null));
  }
}
