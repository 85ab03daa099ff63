package dev.tars.models;

import static dev.tars.testkit.Waiting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.testkit.LoopbackFileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderIT {
  /** Quick retries; the stall timeout leaves room for a cold JVM on a busy machine. */
  private static final Downloader.Options FAST = new Downloader.Options(Duration.ofSeconds(5),
      Duration.ofSeconds(3), 3, Duration.ofMillis(50), 0, 8 * 1024);
  private static final Downloader.Options SHORT_STALL = new Downloader.Options(Duration.ofSeconds(5),
      Duration.ofMillis(1500), 3, Duration.ofMillis(50), 0, 8 * 1024);
  private static final int SIZE = 256 * 1024;

  @TempDir Path home;
  private Path staging;
  private Path models;
  private LoopbackFileServer server;
  private byte[] content;
  private String sha;
  private final Recorder events = new Recorder();

  @BeforeEach
  void setUp() throws Exception {
    staging = home.resolve("downloads");
    models = home.resolve("models");
    server = LoopbackFileServer.start();
    content = LoopbackFileServer.randomBytes(SIZE, 42);
    sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void downloadsVerifiesAndMovesTheFileIntoPlace() throws Exception {
    server.serve("/m.bin", content);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
    assertThat(((DownloadOutcome.Completed) outcome).sha256()).isEqualTo(sha);
    assertThat(events.statuses).contains(DownloadStatus.DOWNLOADING, DownloadStatus.VERIFYING)
        .last().isEqualTo(DownloadStatus.COMPLETED);
    assertThat(events.progress).isNotEmpty();
    assertThat(events.progress.getLast().bytesDone()).isEqualTo(SIZE);
    assertThat(events.progress).extracting(DownloadProgress::bytesDone).isSorted();
    assertNoPartialFiles();
  }

  @Test
  void connectionDroppedAtThirtyPercentResumesWithRangeAndCompletes() throws Exception {
    var route = server.serve("/m.bin", content).dropAt(0.3, 1);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
    assertThat(route.rangeHeaders()).hasSize(2);
    assertThat(route.rangeHeaders().get(0)).isEmpty();
    assertThat(route.rangeHeaders().get(1)).isEqualTo("bytes=" + (long) (SIZE * 0.3) + "-");
    assertThat(events.messages).anyMatch(m -> m.contains("The connection dropped at 30%"));
    assertNoPartialFiles();
  }

  @Test
  void wrongChecksumFailsAndLeavesNoFileAnywhere() throws Exception {
    server.serve("/m.bin", content);
    String wrong = "0".repeat(64);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", wrong));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("damaged", "SHA-256", "download it again");
      assertThat(f.resumable()).isFalse();
    });
    assertThat(models.resolve("m.bin")).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void missingFileFailsAtOnceWithTheStatusAndWhatToDo() throws Exception {
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/gone.bin", null));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("HTTP 404", "import");
      assertThat(f.resumable()).isFalse();
    });
    assertThat(events.statuses).doesNotContain(DownloadStatus.RETRYING);
    assertThat(models).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void serverErrorIsRetriedAndTheDownloadCompletes() throws Exception {
    var route = server.serve("/m.bin", content).failWith(500, 2);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(route.rangeHeaders()).hasSize(3);
    assertThat(events.messages).anyMatch(m -> m.contains("HTTP 500") && m.contains("Trying again"));
  }

  @Test
  void serverErrorThatPersistsGivesUpWithAMessageAndNoFile() throws Exception {
    server.serve("/m.bin", content).failWith(500, 100);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).contains("The server had a problem (HTTP 500)", "gave up", "try again later"));
    assertThat(models.resolve("m.bin")).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void slowTrickleStillCompletesAndReportsSpeedAndTimeLeft() throws Exception {
    byte[] small = LoopbackFileServer.randomBytes(64 * 1024, 7);
    server.serve("/slow.bin", small).trickle(2048, 25);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/slow.bin", null));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(events.statuses).as("a slow but steady body outlasting the stall timeout is not cut off")
        .doesNotContain(DownloadStatus.RETRYING);
    assertThat(events.progress.size()).isGreaterThan(3);
    assertThat(events.progress).anyMatch(p -> p.bytesPerSecond() > 0 && p.remaining() != null);
    assertThat(Files.readAllBytes(models.resolve("slow.bin"))).isEqualTo(small);
  }

  @Test
  void stalledServerIsDroppedAfterTheStallTimeoutAndResumed() throws Exception {
    var route = server.serve("/m.bin", content).stallAt(0.5, 1);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, SHORT_STALL), request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(events.messages).anyMatch(m -> m.contains("The server stopped sending data for 1.5 s at "));
    assertThat(route.rangeHeaders()).hasSize(2);
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
  }

  @Test
  void serverWithoutRangeSupportRestartsFromZeroAndSaysSo() throws Exception {
    var route = server.serve("/m.bin", content).withoutRangeSupport().dropAt(0.3, 1);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(route.rangeHeaders().get(1)).startsWith("bytes=");
    assertThat(events.statuses).contains(DownloadStatus.RESTARTING);
    assertThat(events.messages).anyMatch(m -> m.contains("cannot resume") && m.contains("starts again"));
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
  }

  @Test
  void fileLargerThanTheFreeSpaceIsRefusedBeforeAnyByteIsWritten() throws Exception {
    server.serve("/m.bin", content);
    DiskSpace almostFull = dir -> 100_000;
    DownloadOutcome outcome = run(new Downloader(staging, almostFull, FAST), request("/m.bin", null));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class,
        f -> assertThat(f.message()).contains("Not enough disk space", "262.1 KB", "100.0 KB", "Free up"));
    assertThat(models).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void diskFillingUpMidwayStopsWithAMessageAndNothingInTheModelsFolder() throws Exception {
    server.serve("/m.bin", content).trickle(8 * 1024, 0);
    Path part = staging.resolve("m.bin.part");
    DiskSpace fillsUp = dir -> Files.exists(part) && Files.size(part) > SIZE / 2 ? 10 : 10_000_000_000L;
    DownloadOutcome outcome = run(new Downloader(staging, fillsUp, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("Not enough disk space");
      assertThat(f.resumable()).isTrue();
    });
    assertThat(models.resolve("m.bin")).doesNotExist();
  }

  @Test
  void pausedDownloadResumesInANewDownloaderAsAfterARestart() throws Exception {
    var route = server.serve("/m.bin", content).trickle(4096, 10);
    Downloader first = new Downloader(staging, DiskSpace.SYSTEM, FAST);
    Recorder firstEvents = new Recorder();
    Download running = first.start(request("/m.bin", sha), firstEvents);
    waitUntil(() -> firstEvents.lastBytes() > SIZE / 5);
    running.pause();
    DownloadOutcome paused = running.outcome().get(10, TimeUnit.SECONDS);
    first.close();

    assertThat(paused).isInstanceOf(DownloadOutcome.Paused.class);
    long kept = ((DownloadOutcome.Paused) paused).bytesDone();
    assertThat(kept).isBetween((long) SIZE / 5, (long) SIZE - 1);
    assertThat(models.resolve("m.bin")).doesNotExist();

    Downloader second = new Downloader(staging, DiskSpace.SYSTEM, FAST);
    assertThat(second.pending()).extracting(PartialDownload::url).containsExactly(server.uri("/m.bin").toString());
    DownloadOutcome outcome = run(second, request("/m.bin", sha));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(route.rangeHeaders().getLast()).isEqualTo("bytes=" + kept + "-");
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
    assertNoPartialFiles();
  }

  @Test
  void cancelStopsAndRemovesTheBytesSoFar() throws Exception {
    server.serve("/m.bin", content).trickle(4096, 10);
    try (Downloader downloader = new Downloader(staging, DiskSpace.SYSTEM, FAST)) {
      Download running = downloader.start(request("/m.bin", sha), events);
      waitUntil(() -> events.lastBytes() > SIZE / 5);
      running.cancel();

      assertThat(running.outcome().get(10, TimeUnit.SECONDS)).isInstanceOf(DownloadOutcome.Cancelled.class);
    }
    assertThat(models.resolve("m.bin")).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void fileRejectedByTheCheckIsDeletedWithTheCheckersMessage() throws Exception {
    server.serve("/m.bin", content);
    FileCheck rejectAll = file -> {
      throw new ModelException(DownloadText.of(DownloadText.Key.OTHER, "This is not a GGUF model file."), null);
    };
    DownloadRequest req = new DownloadRequest(server.uri("/m.bin"), models.resolve("m.bin"), SIZE, sha, rejectAll);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), req);

    assertThat(outcome).isEqualTo(new DownloadOutcome.Failed(
        DownloadText.of(DownloadText.Key.OTHER, "This is not a GGUF model file."), false));
    assertThat(models.resolve("m.bin")).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void downloadWithoutAKnownChecksumCompletesButIsNotCalledVerified() throws Exception {
    server.serve("/m.bin", content);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", null));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Completed.class, c -> {
      assertThat(c.verified()).isFalse();
      assertThat(c.sha256()).isEqualTo(sha);
    });
    assertThat(events.messages.getLast()).contains("not verified").doesNotContain("and verified");
  }

  @Test
  void downloadMatchingItsChecksumIsCalledVerified() throws Exception {
    server.serve("/m.bin", content);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Completed.class,
        c -> assertThat(c.verified()).isTrue());
    assertThat(events.messages.getLast()).contains("verified against its SHA-256");
  }

  @Test
  void serverAnnouncingFarMoreThanExpectedIsRefusedBeforeAnyByteIsWritten() throws Exception {
    byte[] big = LoopbackFileServer.randomBytes(4_000_000, 3);
    server.serve("/big.bin", big);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), expecting("/big.bin", 1_000_000));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("offers 4.0 MB", "about 1.0 MB was expected", "import it");
      assertThat(f.resumable()).isFalse();
    });
    assertThat(events.progress).allMatch(p -> p.bytesDone() == 0);
    assertThat(models).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void serverSendingMoreThanExpectedWithoutContentLengthIsStoppedAtTheCeilingAndDeleted() throws Exception {
    byte[] big = LoopbackFileServer.randomBytes(4_000_000, 3);
    server.serve("/big.bin", big).withoutContentLength();
    DownloadRequest request = expecting("/big.bin", 1_000_000);
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), request);

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("sent more than 2.1 MB", "about 1.0 MB", "stopped and deleted");
      assertThat(f.resumable()).isFalse();
    });
    assertThat(events.progress).allMatch(p -> p.totalBytes() == -1)
        .allMatch(p -> p.bytesDone() <= request.maxBytes() + 64 * 1024);
    assertThat(models).doesNotExist();
    assertNoPartialFiles();
  }

  @Test
  void diskFillingUpWithoutContentLengthStopsAndKeepsThePartToResume() throws Exception {
    server.serve("/m.bin", content).withoutContentLength().trickle(8 * 1024, 0);
    Path part = staging.resolve("m.bin.part");
    DiskSpace fillsUp = dir -> Files.exists(part) && Files.size(part) > SIZE / 2 ? 10 : 10_000_000_000L;
    DownloadOutcome outcome = run(new Downloader(staging, fillsUp, FAST), request("/m.bin", sha));

    assertThat(outcome).isInstanceOfSatisfying(DownloadOutcome.Failed.class, f -> {
      assertThat(f.message()).contains("Not enough disk space");
      assertThat(f.resumable()).isTrue();
    });
    assertThat(Files.size(part)).isBetween((long) SIZE / 2, (long) SIZE - 1);
    assertThat(models.resolve("m.bin")).doesNotExist();
  }

  @Test
  void wellBehavedServerWithoutContentLengthStillCompletes() throws Exception {
    server.serve("/m.bin", content).withoutContentLength();
    DownloadOutcome outcome = run(new Downloader(staging, DiskSpace.SYSTEM, FAST), expecting("/m.bin", SIZE));

    assertThat(outcome).isInstanceOf(DownloadOutcome.Completed.class);
    assertThat(Files.readAllBytes(models.resolve("m.bin"))).isEqualTo(content);
  }

  private DownloadRequest expecting(String path, long sizeHint) {
    return new DownloadRequest(server.uri(path), models.resolve(Path.of(path).getFileName().toString()), sizeHint,
        null, FileCheck.NONE);
  }

  private DownloadRequest request(String path, String sha256) {
    return new DownloadRequest(server.uri(path), models.resolve(Path.of(path).getFileName().toString()), -1,
        sha256, FileCheck.NONE);
  }

  private DownloadOutcome run(Downloader downloader, DownloadRequest request) throws Exception {
    try (downloader) {
      return downloader.start(request, events).outcome().get(30, TimeUnit.SECONDS);
    }
  }

  private void assertNoPartialFiles() throws Exception {
    for (Path dir : List.of(staging, models)) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          assertThat(files.map(p -> p.getFileName().toString()))
              .noneMatch(n -> n.endsWith(".part") || n.endsWith(".json") || n.endsWith(".incoming"));
        }
      }
    }
  }


  static final class Recorder implements DownloadListener {
    final List<DownloadStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(DownloadStatus status, String message) {
      statuses.add(status);
      messages.add(message);
    }

    @Override
    public void onProgress(DownloadProgress p) {
      progress.add(p);
    }

    long lastBytes() {
      return progress.isEmpty() ? 0 : progress.getLast().bytesDone();
    }
  }
}
