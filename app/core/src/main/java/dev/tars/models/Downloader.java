package dev.tars.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.concurrent.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches files over HTTP(S) so that a bad network never leaves a broken model behind.
 *
 * <p>Bytes go to {@code <staging>/<name>.part}, with {@code <name>.part.json} beside it remembering the
 * address and the server's validators. A dropped connection, a stalled server or an HTTP 5xx is retried
 * from where it stopped with an HTTP Range request; pausing, closing the app or giving up after too many
 * retries keeps the part, and starting the same request again (even from a new {@code Downloader}) resumes
 * it. A server that ignores Range makes the download start again from zero, and the listener is told. The
 * finished file is checked (size, SHA-256 when known, the request's own check) and only then moved to its
 * target in one atomic step. Free space is checked before the first byte and again along the way.
 *
 * <p>The staging folder must not be the models folder, so that nothing half-done is ever visible there.
 */
public final class Downloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  /**
   * Tuning.
   *
   * @param connectTimeout how long to wait for a connection
   * @param stallTimeout how long the server may send nothing (before or during the body) before the
   *     connection is dropped and retried
   * @param maxRetries consecutive attempts without any progress before giving up
   * @param retryDelay wait between attempts
   * @param diskMarginBytes free space to leave on the disk beyond the download itself
   * @param diskCheckEveryBytes how often free space is checked again while writing
   */
  public record Options(Duration connectTimeout, Duration stallTimeout, int maxRetries, Duration retryDelay,
      long diskMarginBytes, long diskCheckEveryBytes) {
    public static final Options DEFAULTS =
        new Options(Duration.ofSeconds(15), Duration.ofSeconds(30), 5, Duration.ofSeconds(2), 50_000_000L,
            16L * 1024 * 1024);
  }

  private final Path staging;
  private final DiskSpace diskSpace;
  private final Options options;
  private final ExecutorService workers;
  private final ExecutorService io;
  private HttpClient client; // made on the first download: creating it (TLS set-up) costs ~0.5 s at app start
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final Map<Path, Job> active = new ConcurrentHashMap<>();

  public Downloader(Path staging, DiskSpace diskSpace, Options options) {
    this.staging = staging.toAbsolutePath();
    this.diskSpace = diskSpace;
    this.options = options;
    this.workers = Executors.newFixedThreadPool(3, NamedThreads.named("download"));
    this.io = Executors.newCachedThreadPool(NamedThreads.named("download-io"));
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder()
          .connectTimeout(options.connectTimeout())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .executor(io)
          .build();
    }
    return client;
  }

  public Downloader(Path staging) {
    this(staging, DiskSpace.SYSTEM, Options.DEFAULTS);
  }

  public Path stagingDir() {
    return staging;
  }

  /**
   * Starts (or resumes) a download in the background.
   *
   * @throws IllegalStateException if the same target is already downloading
   */
  public Download start(DownloadRequest request, DownloadListener listener) {
    Path part = partFile(request.target());
    Job job = new Job(request, listener, part);
    if (active.putIfAbsent(part, job) != null) {
      throw new IllegalStateException(request.target().getFileName() + " is already downloading");
    }
    listener.onStatus(DownloadStatus.QUEUED, "Waiting to start");
    try {
      workers.execute(job);
    } catch (RuntimeException e) {
      active.remove(part);
      throw e;
    }
    return job;
  }

  /** Whether a download to {@code target} is running or queued in this downloader. */
  public boolean isActive(Path target) {
    return active.containsKey(partFile(target));
  }

  /** Downloads that were paused or interrupted earlier (perhaps by another run of the app). */
  public List<PartialDownload> pending() {
    List<PartialDownload> found = new ArrayList<>();
    if (!Files.isDirectory(staging)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, "*.part.json")) {
      for (Path f : files) {
        try {
          found.add(json.readValue(f.toFile(), PartialDownload.class));
        } catch (IOException e) {
          LOG.warn("Ignoring unreadable download state {}", f, e);
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot list paused downloads in {}", staging, e);
    }
    return found;
  }

  /** Bytes already on disk for {@code target}, 0 if none. */
  public long partialBytes(Path target) {
    try {
      return Files.size(partFile(target));
    } catch (IOException e) {
      return 0;
    }
  }

  /** Deletes the kept part of a paused or failed download to {@code target}, if any. */
  public void discard(Path target) throws IOException {
    if (isActive(target)) {
      throw new IllegalStateException(target.getFileName() + " is downloading; cancel it instead");
    }
    Files.deleteIfExists(partFile(target));
    Files.deleteIfExists(stateFile(partFile(target)));
  }

  /** Pauses every running download (their parts stay for next time) and stops the threads. */
  @Override
  public void close() {
    active.values().forEach(Job::pause);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Downloads did not stop within 10 s; abandoning them");
        workers.shutdownNow();
      }
      HttpClient made;
      synchronized (this) {
        made = client;
      }
      if (made != null) {
        made.shutdownNow();
        if (!made.awaitTermination(Duration.ofSeconds(2))) {
          LOG.warn("HTTP client did not stop within 2 s");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    io.shutdownNow();
    LOG.info("Downloader closed");
  }

  private Path partFile(Path target) {
    return staging.resolve(target.getFileName() + ".part");
  }

  private static Path stateFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".json");
  }

  /** Why an attempt ended. */
  private sealed interface Attempt {
    record Done() implements Attempt {}

    record Stopped() implements Attempt {}

    /** Worth another try; {@code message} describes what went wrong. */
    record Retry(String message) implements Attempt {}

    record Fatal(String message, boolean keepPart, Throwable cause) implements Attempt {}
  }

  private enum StopReason {
    PAUSE,
    CANCEL
  }

  private final class Job implements Runnable, Download {
    private final DownloadRequest request;
    private final DownloadListener listener;
    private final Path part;
    private final Path state;
    private final CompletableFuture<DownloadOutcome> outcome = new CompletableFuture<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile StopReason stopReason;
    private volatile Sink sink;
    private volatile PartialDownload memo;
    /** SHA-256 of the part's first {@link #hashed} bytes, updated as bytes arrive (no second pass at the end). */
    private volatile MessageDigest digest = newDigest();
    private volatile long hashed;

    Job(DownloadRequest request, DownloadListener listener, Path part) {
      this.request = request;
      this.listener = listener;
      this.part = part;
      this.state = stateFile(part);
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
      Sink current = sink;
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
            "The download failed unexpectedly (" + e.getClass().getSimpleName() + "). Details are in the log.",
            Files.exists(part));
      } finally {
        active.remove(part);
      }
      switch (result) {
        case DownloadOutcome.Completed c -> listener.onStatus(DownloadStatus.COMPLETED,
            "Downloaded and verified " + Bytes.human(c.bytes()));
        case DownloadOutcome.Paused p -> listener.onStatus(DownloadStatus.PAUSED, "Paused at "
            + Bytes.human(p.bytesDone()) + (p.totalBytes() > 0 ? " of " + Bytes.human(p.totalBytes()) : ""));
        case DownloadOutcome.Cancelled c -> listener.onStatus(DownloadStatus.CANCELLED, "Cancelled");
        case DownloadOutcome.Failed f -> listener.onStatus(DownloadStatus.FAILED, f.message());
      }
      outcome.complete(result);
    }

    private DownloadOutcome execute() {
      try {
        Files.createDirectories(staging);
        memo = loadOrResetState();
        long have = size(part);
        if (request.sizeHint() > 0 && have < request.sizeHint()) {
          String problem = spaceProblem(request.sizeHint() - have);
          if (problem != null) {
            return fail(problem, have > 0, null);
          }
        }
        int failures = 0;
        while (true) {
          if (stopReason != null) {
            return stopped();
          }
          long before = size(part);
          Attempt attempt = attempt();
          switch (attempt) {
            case Attempt.Done d -> {
              return finish();
            }
            case Attempt.Stopped s -> {
              return stopped();
            }
            case Attempt.Fatal f -> {
              return fail(f.message(), f.keepPart(), f.cause());
            }
            case Attempt.Retry r -> {
              failures = size(part) > before ? 1 : failures + 1;
              if (failures > options.maxRetries()) {
                return fail(r.message() + " Tars tried " + failures + " times and gave up; "
                    + (size(part) > 0 ? "what was downloaded is kept, so try again later to resume."
                        : "try again later."), size(part) > 0, null);
              }
              listener.onStatus(DownloadStatus.RETRYING, r.message() + " Trying again (attempt " + (failures + 1)
                  + " of " + (options.maxRetries() + 1) + ")...");
              if (stopSignal.await(options.retryDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                return stopped();
              }
            }
          }
        }
      } catch (IOException e) {
        return fail(ioMessage(e), true, e);
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
      return new DownloadOutcome.Paused(size(part), memo == null ? -1 : memo.totalBytes());
    }

    private DownloadOutcome fail(String message, boolean keepPart, Throwable cause) {
      if (cause != null) {
        LOG.warn("Download of {} failed: {}", request.url(), message, cause);
      } else {
        LOG.warn("Download of {} failed: {}", request.url(), message);
      }
      boolean kept = keepPart && size(part) > 0;
      if (!kept) {
        deletePart();
      }
      return new DownloadOutcome.Failed(message, kept);
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
          PartialDownload saved = json.readValue(state.toFile(), PartialDownload.class);
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

    private void saveState(PartialDownload value) throws IOException {
      memo = value;
      Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
      json.writeValue(tmp.toFile(), value);
      Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A reason not to go on for lack of space, or null if there is room for {@code bytesNeeded} more. */
    private String spaceProblem(long bytesNeeded) throws IOException {
      long free = diskSpace.usableBytes(staging);
      if (free < bytesNeeded + options.diskMarginBytes()) {
        return "Not enough disk space: the download needs " + Bytes.human(bytesNeeded) + " more but only "
            + Bytes.human(free) + " is free on the disk holding " + staging
            + ". Free up some space, then try again.";
      }
      return null;
    }

    private Attempt attempt() throws InterruptedException, IOException {
      long have = size(part);
      if (hashed != have) {
        hashExisting(have);
      }
      // No HttpRequest.timeout: it bounds the whole exchange, body included, and would cut off a large
      // download on a slow line. The stall watchdog below bounds the wait for headers and for each buffer.
      HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
          .header("User-Agent", "Tars")
          .GET();
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
      Sink attemptSink = new Sink(have);
      sink = attemptSink;
      if (stopReason != null) {
        attemptSink.abort();
      }
      CompletableFuture<HttpResponse<Void>> send = client().sendAsync(builder.build(), attemptSink::handle);
      send.whenComplete((response, error) -> {
        if (error != null) {
          attemptSink.finish(classify(error, attemptSink));
        } else {
          attemptSink.finish(new Attempt.Done());
        }
      });
      try {
        while (true) {
          try {
            return attemptSink.result.get(100, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            if (stopReason != null) {
              attemptSink.abort();
              send.cancel(true);
            } else if (System.nanoTime() - attemptSink.lastActivity > options.stallTimeout().toNanos()) {
              attemptSink.finish(new Attempt.Retry(attemptSink.answered
                  ? "The server stopped sending data for " + seconds(options.stallTimeout()) + attemptSink.where() + "."
                  : "The server " + request.url().getHost() + " did not answer within "
                      + seconds(options.stallTimeout()) + "."));
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

    private Attempt classify(Throwable error, Sink attemptSink) {
      Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (stopReason != null) {
        return new Attempt.Stopped();
      }
      String host = request.url().getHost();
      if (e instanceof HttpConnectTimeoutException) {
        return new Attempt.Retry("Could not connect to " + host + " within "
            + options.connectTimeout().toSeconds() + " s.");
      }
      if (e instanceof HttpTimeoutException) {
        return new Attempt.Retry("The server " + host + " did not answer in time.");
      }
      if (e instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException
          || e instanceof UnresolvedAddressException) {
        return new Attempt.Retry("Cannot reach " + host + ". Check the internet connection.");
      }
      if (e instanceof IOException io) {
        LOG.debug("Connection problem downloading {}", request.url(), io);
        return new Attempt.Retry("The connection dropped" + attemptSink.where() + ".");
      }
      return new Attempt.Fatal("The download failed: " + e.getMessage(), true, e);
    }

    private DownloadOutcome finish() throws IOException, InterruptedException {
      long size = size(part);
      if (memo.totalBytes() > 0 && size != memo.totalBytes()) {
        return fail("The download ended early (" + Bytes.human(size) + " of " + Bytes.human(memo.totalBytes())
            + "). Try again.", true, null);
      }
      listener.onStatus(DownloadStatus.VERIFYING, "Checking the downloaded file");
      String sha256 = hashed == size ? HexFormat.of().formatHex(digest.digest()) : sha256(part);
      if (request.sha256() != null && !request.sha256().equals(sha256)) {
        return fail("The downloaded file is damaged: its SHA-256 checksum is " + sha256.substring(0, 12)
            + "... but should be " + request.sha256().substring(0, 12) + "... It was deleted; download it again"
            + " (if this keeps happening, the catalog entry or the server is wrong).", false, null);
      }
      try {
        request.check().check(part);
      } catch (ModelException e) {
        return fail(e.getMessage(), false, e.getCause());
      }
      if (stopReason == StopReason.CANCEL) {
        return stopped();
      }
      moveIntoPlace(part, request.target());
      Files.deleteIfExists(state);
      return new DownloadOutcome.Completed(request.target(), size, sha256);
    }

    /** Hashes what an earlier attempt or run left in the part, so that new bytes can be hashed as they come. */
    private void hashExisting(long bytes) throws IOException {
      digest = newDigest();
      hashed = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(part)) {
        int n;
        while (hashed < bytes && (n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - hashed))) > 0) {
          digest.update(buffer, 0, n);
          hashed += n;
        }
      } catch (NoSuchFileException e) {
        hashed = 0;
      }
    }

    /** One HTTP response: decides what to do from the status, then writes the body to the part file. */
    private final class Sink implements Flow.Subscriber<List<ByteBuffer>> {
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

      Sink(long have) {
        this.offset = have;
      }

      String where() {
        long done = offset + written;
        if (total > 0) {
          return " at " + Math.round(100.0 * done / total) + "% (" + Bytes.human(done) + " of " + Bytes.human(total)
              + ")";
        }
        return done > 0 ? " after " + Bytes.human(done) : "";
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
          finish(new Attempt.Fatal(ioMessage(e), true, e));
          return BodySubscribers.replacing(null);
        }
      }

      /** Returns how the attempt ends right away, or null to read the body. */
      private Attempt inspect(HttpResponse.ResponseInfo info) throws IOException {
        int status = info.statusCode();
        String etag = info.headers().firstValue("ETag").orElse(null);
        String lastModified = info.headers().firstValue("Last-Modified").orElse(null);
        if (status == 206) {
          Matcher m = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
          if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
            LOG.warn("Server sent range {} when asked from {}; restarting {}",
                info.headers().firstValue("Content-Range").orElse("(none)"), offset, request.url());
            truncatePart();
            return new Attempt.Retry("The server sent the wrong part of the file.");
          }
          total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        } else if (status == 200) {
          if (offset > 0) {
            LOG.info("Server ignored Range for {}; starting from zero", request.url());
            listener.onStatus(DownloadStatus.RESTARTING, "The server cannot resume downloads, so the "
                + Bytes.human(offset) + " already fetched were discarded and the download starts again.");
            truncatePart();
            offset = 0;
          }
          total = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else if (status == 416) {
          if (memo.totalBytes() > 0 && offset == memo.totalBytes()) {
            return new Attempt.Done();
          }
          truncatePart();
          return new Attempt.Retry("The server refused to resume, so the download starts again.");
        } else {
          return httpError(status);
        }
        if (total > 0) {
          String problem = spaceProblem(total - offset);
          if (problem != null) {
            return new Attempt.Fatal(problem, true, null);
          }
        }
        saveState(memo.withServerInfo(total, etag, lastModified));
        channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
        nextDiskCheck = options.diskCheckEveryBytes();
        listener.onStatus(DownloadStatus.DOWNLOADING, total > 0 ? "Downloading " + Bytes.human(total)
            : "Downloading");
        return null;
      }

      private Attempt httpError(int status) {
        String url = request.url().toString();
        return switch (status) {
          case 404, 410 -> new Attempt.Fatal("The file is not on the server (HTTP " + status + "): " + url
              + ". The catalog link may be out of date; update Tars or download the file yourself and import it.",
              false, null);
          case 401, 403 -> new Attempt.Fatal("The server refused access to the file (HTTP " + status + "): " + url
              + ". It may need a login or accepting a license on the publisher's site; download it there and"
              + " import it.", false, null);
          case 408, 429 -> new Attempt.Retry("The server is busy (HTTP " + status + ").");
          default -> status >= 500
              ? new Attempt.Retry("The server had a problem (HTTP " + status + ").")
              : new Attempt.Fatal("The server answered HTTP " + status + " for " + url + ".", true, null);
        };
      }

      private void truncatePart() throws IOException {
        Files.deleteIfExists(part);
        offset = 0;
        digest = newDigest();
        hashed = 0;
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
              hashed += view.remaining();
              digest.update(view);
            }
            if (written >= nextDiskCheck && total > 0) {
              nextDiskCheck = written + options.diskCheckEveryBytes();
              String problem = spaceProblem(total - offset - written);
              if (problem != null) {
                subscription.cancel();
                finish(new Attempt.Fatal(problem, true, null));
                return;
              }
            }
          } catch (IOException e) {
            subscription.cancel();
            finish(new Attempt.Fatal(ioMessage(e), true, e));
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

      @Override
      public void onError(Throwable error) {
        finish(classify(error, this));
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
            LOG.warn("Could not close {}", part, e);
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
        listener.onProgress(new DownloadProgress(done, total, speed.bytesPerSecond(),
            total > 0 ? speed.eta(total - done) : null));
      }
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** Turns a file-system failure into words; a full disk is the one people can act on. */
  static String ioMessage(IOException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("no space left") || text.contains("not enough space") || text.contains("disk full")
        || text.contains("quota")) {
      return "The disk is full. Free up some space, then try again; what was downloaded so far is kept.";
    }
    if (e instanceof NoSuchFileException) {
      return "A file or folder disappeared while downloading: " + e.getMessage() + ". Try again.";
    }
    return "Cannot write the download to disk: " + e.getMessage() + ".";
  }

  /**
   * Moves {@code from} onto {@code to} in one step, so that {@code to} is either absent or complete. When
   * the two are on different disks, copies to a hidden name beside {@code to} first, then renames.
   */
  static void moveIntoPlace(Path from, Path to) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Path incoming = to.resolveSibling("." + to.getFileName() + ".incoming");
      try {
        Files.copy(from, incoming, StandardCopyOption.REPLACE_EXISTING);
        Files.move(incoming, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(from);
      } finally {
        Files.deleteIfExists(incoming);
      }
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
