package dev.tars.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.concurrent.NamedThreads;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches files over HTTP(S) so that a bad network or a hostile server never leaves a broken model behind.
 *
 * <p>Bytes go to {@code <staging>/<name>.part}, with {@code <name>.part.json} beside it remembering the
 * address and the server's validators. A dropped connection, a stalled server or an HTTP 5xx is retried
 * from where it stopped with an HTTP Range request; pausing, closing the app or giving up after too many
 * retries keeps the part, and starting the same request again (even from a new {@code Downloader}) resumes
 * it. A server that ignores Range makes the download start again from zero, and the listener is told. The
 * finished file is checked (size, SHA-256 when known, the request's own check) and only then moved to its
 * target in one atomic step. A download stops when it outgrows its expected size or the free disk space,
 * whether or not the server announced a length ({@link DownloadBudget}).
 *
 * <p>This class keeps the threads and the list of running downloads; {@link DownloadJob} runs one download
 * and {@link ResponseSink} writes one response. The staging folder must not be the models folder, so that
 * nothing half-done is ever visible there.
 */
public final class Downloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

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
  private final Map<Path, DownloadJob> active = new ConcurrentHashMap<>();

  public Downloader(Path staging, DiskSpace diskSpace, Options options) {
    this.staging = staging.toAbsolutePath();
    this.diskSpace = diskSpace;
    this.options = options;
    this.workers = Executors.newFixedThreadPool(3, NamedThreads.named("download"));
    this.io = Executors.newCachedThreadPool(NamedThreads.named("download-io"));
  }

  public Downloader(Path staging) {
    this(staging, DiskSpace.SYSTEM, Options.DEFAULTS);
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

  public Path stagingDir() {
    return staging;
  }

  /**
   * Starts (or resumes) a download in the background.
   *
   * @throws IllegalStateException if the same target is already downloading
   */
  public Download start(DownloadRequest request, DownloadListener listener) {
    Path part = DownloadFiles.partFile(staging, request.target());
    DownloadJob.Context context = new DownloadJob.Context(staging, options, diskSpace, client(), json,
        () -> active.remove(part));
    DownloadJob job = new DownloadJob(context, request, listener, part);
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
    return active.containsKey(DownloadFiles.partFile(staging, target));
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
    return DownloadFiles.size(DownloadFiles.partFile(staging, target));
  }

  /** Deletes the kept part of a paused or failed download to {@code target}, if any. */
  public void discard(Path target) throws IOException {
    if (isActive(target)) {
      throw new IllegalStateException(target.getFileName() + " is downloading; cancel it instead");
    }
    Path part = DownloadFiles.partFile(staging, target);
    Files.deleteIfExists(part);
    Files.deleteIfExists(DownloadFiles.stateFile(part));
  }

  /** Pauses every running download (their parts stay for next time) and stops the threads. */
  @Override
  public void close() {
    active.values().forEach(DownloadJob::pause);
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
}
