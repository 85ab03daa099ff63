package dev.tars.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One download from start to finish: attempts with retries and resume, the stall watchdog, the final checks
 * and the atomic move into place. The bytes of each attempt are written by a {@link ResponseSink}.
 */
final class DownloadJob implements Runnable, Download {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadJob.class);

  private enum StopReason {
    PAUSE,
    CANCEL
  }

  /** What a job needs from its {@link Downloader}. */
  record Context(Path staging, Downloader.Options options, DiskSpace diskSpace, HttpClient client,
      ObjectMapper json, Runnable onEnd) {}

  private final Context context;
  private final DownloadRequest request;
  private final DownloadListener listener;
  private final Path part;
  private final Path state;
  private final DownloadBudget budget;
  private final PartDigest digest = new PartDigest();
  private final CompletableFuture<DownloadOutcome> outcome = new CompletableFuture<>();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile StopReason stopReason;
  private volatile ResponseSink sink;
  private volatile PartialDownload memo;

  DownloadJob(Context context, DownloadRequest request, DownloadListener listener, Path part) {
    this.context = context;
    this.request = request;
    this.listener = listener;
    this.part = part;
    this.state = DownloadFiles.stateFile(part);
    this.budget = new DownloadBudget(context.diskSpace(), context.staging(),
        context.options().diskMarginBytes(), request);
  }

  @Override
  public DownloadRequest request() {
    return request;
  }

  @Override
  public void pause() {
    stop(StopReason.PAUSE);
  }

  @Override
  public void cancel() {
    stop(StopReason.CANCEL);
  }

  private void stop(StopReason reason) {
    synchronized (this) {
      if (stopReason == null || reason == StopReason.CANCEL) {
        stopReason = reason;
      }
    }
    stopSignal.countDown();
    ResponseSink current = sink;
    if (current != null) {
      current.abort();
    }
  }

  @Override
  public CompletableFuture<DownloadOutcome> outcome() {
    return outcome;
  }

  @Override
  public void run() {
    DownloadOutcome result;
    try {
      result = execute();
    } catch (RuntimeException | Error e) {
      LOG.error("Download of {} failed unexpectedly", request.url(), e);
      result = new DownloadOutcome.Failed(
          DownloadText.of(DownloadText.Key.UNEXPECTED, e.getClass().getSimpleName()), Files.exists(part));
    } finally {
      context.onEnd().run();
    }
    switch (result) {
      case DownloadOutcome.Completed c -> listener.onStatus(DownloadStatus.COMPLETED, (c.verified()
          ? "Downloaded and verified against its SHA-256 checksum, " : "Downloaded (not verified: no checksum is "
              + "known for this file), ") + Bytes.human(c.bytes()));
      case DownloadOutcome.Paused p -> listener.onStatus(DownloadStatus.PAUSED, "Paused at "
          + Bytes.human(p.bytesDone()) + (p.totalBytes() > 0 ? " of " + Bytes.human(p.totalBytes()) : ""));
      case DownloadOutcome.Cancelled c -> listener.onStatus(DownloadStatus.CANCELLED, "Cancelled");
      case DownloadOutcome.Failed f -> listener.onStatus(DownloadStatus.FAILED, f.message());
    }
    outcome.complete(result);
  }

  private DownloadOutcome execute() {
    try {
      Files.createDirectories(context.staging());
      memo = loadOrResetState();
      long have = DownloadFiles.size(part);
      if (request.sizeHint() > 0 && have < request.sizeHint()) {
        DownloadText problem = budget.room(request.sizeHint() - have);
        if (problem != null) {
          return fail(problem, have > 0, null);
        }
      }
      int failures = 0;
      while (true) {
        if (stopReason != null) {
          return stopped();
        }
        long before = DownloadFiles.size(part);
        Attempt attempt = attempt();
        switch (attempt) {
          case Attempt.Done d -> {
            return finish();
          }
          case Attempt.Stopped s -> {
            return stopped();
          }
          case Attempt.Fatal f -> {
            return fail(f.reason(), f.keepPart(), f.cause());
          }
          case Attempt.Retry r -> {
            long now = DownloadFiles.size(part);
            failures = now > before ? 1 : failures + 1;
            int maxRetries = context.options().maxRetries();
            if (failures > maxRetries) {
              return fail(DownloadText.of(now > 0 ? DownloadText.Key.GAVE_UP_KEPT : DownloadText.Key.GAVE_UP,
                  r.reason(), failures), now > 0, null);
            }
            listener.onStatus(DownloadStatus.RETRYING, r.reason().english() + " Trying again (attempt " + (failures + 1)
                + " of " + (maxRetries + 1) + ")...");
            if (stopSignal.await(context.options().retryDelay().toMillis(), TimeUnit.MILLISECONDS)) {
              return stopped();
            }
          }
        }
      }
    } catch (IOException e) {
      return fail(DownloadFiles.ioProblem(e), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopped();
    }
  }

  private DownloadOutcome stopped() {
    if (stopReason == StopReason.CANCEL) {
      deletePart();
      return new DownloadOutcome.Cancelled();
    }
    return new DownloadOutcome.Paused(DownloadFiles.size(part), memo == null ? -1 : memo.totalBytes());
  }

  private DownloadOutcome fail(DownloadText reason, boolean keepPart, Throwable cause) {
    if (cause != null) {
      LOG.warn("Download of {} failed: {}", request.url(), reason.english(), cause);
    } else {
      LOG.warn("Download of {} failed: {}", request.url(), reason.english());
    }
    boolean kept = keepPart && DownloadFiles.size(part) > 0;
    if (!kept) {
      deletePart();
    }
    return new DownloadOutcome.Failed(reason, kept);
  }

  private void deletePart() {
    try {
      Files.deleteIfExists(part);
      Files.deleteIfExists(state);
    } catch (IOException e) {
      LOG.warn("Could not delete the partial download {}", part, e);
    }
  }

  private PartialDownload loadOrResetState() throws IOException {
    PartialDownload fresh = new PartialDownload(request.url().toString(), request.target().toString(),
        request.sha256(), -1, null, null);
    if (Files.exists(state)) {
      try {
        PartialDownload saved = context.json().readValue(state.toFile(), PartialDownload.class);
        if (request.url().toString().equals(saved.url())
            && (request.sha256() == null || request.sha256().equals(saved.sha256()))) {
          return saved;
        }
        LOG.info("Discarding partial download {}: it was for {}", part, saved.url());
      } catch (IOException e) {
        LOG.warn("Discarding unreadable download state {}", state, e);
      }
    }
    Files.deleteIfExists(part);
    Files.deleteIfExists(state);
    return fresh;
  }

  // The pieces a ResponseSink works with.

  DownloadRequest requestOf() {
    return request;
  }

  DownloadListener listener() {
    return listener;
  }

  Path part() {
    return part;
  }

  PartialDownload memo() {
    return memo;
  }

  PartDigest digest() {
    return digest;
  }

  DownloadBudget budget() {
    return budget;
  }

  long diskCheckEveryBytes() {
    return context.options().diskCheckEveryBytes();
  }

  void saveState(PartialDownload value) throws IOException {
    memo = value;
    Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
    context.json().writeValue(tmp.toFile(), value);
    Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Forgets the bytes so far: the server is sending the file from its start. */
  void truncatePart() throws IOException {
    Files.deleteIfExists(part);
    digest.reset();
  }

  private Attempt attempt() throws InterruptedException, IOException {
    long have = DownloadFiles.size(part);
    if (digest.bytes() != have) {
      digest.hashExisting(part, have);
    }
    // No HttpRequest.timeout: it bounds the whole exchange, body included, and would cut off a large
    // download on a slow line. The stall watchdog below bounds the wait for headers and for each buffer.
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).header("User-Agent", "Tars").GET();
    if (have > 0) {
      builder.header("Range", "bytes=" + have + "-");
      if (memo.etag() != null) {
        builder.header("If-Range", memo.etag());
      } else if (memo.lastModified() != null) {
        builder.header("If-Range", memo.lastModified());
      }
      listener.onStatus(DownloadStatus.CONNECTING, "Resuming at " + Bytes.human(have));
    } else {
      listener.onStatus(DownloadStatus.CONNECTING, "Connecting to " + request.url().getHost());
    }
    ResponseSink attemptSink = new ResponseSink(this, have);
    sink = attemptSink;
    if (stopReason != null) {
      attemptSink.abort();
    }
    CompletableFuture<HttpResponse<Void>> send = context.client().sendAsync(builder.build(), attemptSink::handle);
    send.whenComplete((response, error) -> attemptSink.finish(error != null
        ? classify(error, attemptSink) : new Attempt.Done()));
    Duration stallTimeout = context.options().stallTimeout();
    try {
      while (true) {
        try {
          return attemptSink.result().get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (stopReason != null) {
            attemptSink.abort();
            send.cancel(true);
          } else if (System.nanoTime() - attemptSink.lastActivity() > stallTimeout.toNanos()) {
            attemptSink.finish(new Attempt.Retry(attemptSink.answered()
                ? DownloadText.of(DownloadText.Key.STALLED, seconds(stallTimeout), attemptSink.where())
                : DownloadText.of(DownloadText.Key.NO_ANSWER_WITHIN, request.url().getHost(), seconds(stallTimeout))));
            send.cancel(true);
          }
        } catch (ExecutionException e) {
          throw new IllegalStateException("attempt result failed", e.getCause());
        }
      }
    } finally {
      attemptSink.closeChannel();
      sink = null;
    }
  }

  /** How a failed exchange ends the attempt: most network trouble is worth another try. */
  Attempt classify(Throwable error, ResponseSink attemptSink) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (stopReason != null) {
      return new Attempt.Stopped();
    }
    String host = request.url().getHost();
    if (e instanceof HttpConnectTimeoutException) {
      return new Attempt.Retry(DownloadText.of(DownloadText.Key.CONNECT_TIMEOUT, host,
          Long.toString(context.options().connectTimeout().toSeconds())));
    }
    if (e instanceof HttpTimeoutException) {
      return new Attempt.Retry(DownloadText.of(DownloadText.Key.NO_ANSWER, host));
    }
    if (e instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException
        || e instanceof UnresolvedAddressException) {
      return new Attempt.Retry(DownloadText.of(DownloadText.Key.NO_NETWORK, host));
    }
    if (e instanceof IOException io) {
      LOG.debug("Connection problem downloading {}", request.url(), io);
      return new Attempt.Retry(DownloadText.of(DownloadText.Key.CONNECTION_DROPPED, attemptSink.where()));
    }
    return new Attempt.Fatal(DownloadText.of(DownloadText.Key.FAILED_WITH, String.valueOf(e.getMessage())), true, e);
  }

  private DownloadOutcome finish() throws IOException {
    long size = DownloadFiles.size(part);
    if (memo.totalBytes() > 0 && size != memo.totalBytes()) {
      return fail(DownloadText.of(DownloadText.Key.ENDED_EARLY, Bytes.human(size), Bytes.human(memo.totalBytes())),
          true, null);
    }
    DownloadText tooLarge = budget.received(size);
    if (tooLarge != null) {
      return fail(tooLarge, false, null);
    }
    listener.onStatus(DownloadStatus.VERIFYING, "Checking the downloaded file");
    String sha256 = digest.finish(part, size);
    if (request.sha256() != null && !request.sha256().equals(sha256)) {
      return fail(DownloadText.of(DownloadText.Key.CHECKSUM_MISMATCH, sha256.substring(0, 12),
          request.sha256().substring(0, 12)), false, null);
    }
    try {
      request.check().check(part);
    } catch (ModelException e) {
      return fail(e.text(), false, e.getCause());
    }
    if (stopReason == StopReason.CANCEL) {
      return stopped();
    }
    DownloadFiles.moveIntoPlace(part, request.target());
    Files.deleteIfExists(state);
    return new DownloadOutcome.Completed(request.target(), size, sha256, request.sha256() != null);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
        : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
