package dev.tars.bench.models;

import dev.tars.models.DiskSpace;
import dev.tars.models.DownloadListener;
import dev.tars.models.DownloadOutcome;
import dev.tars.models.DownloadRequest;
import dev.tars.models.Downloader;
import dev.tars.models.FileCheck;
import dev.tars.testkit.LoopbackFileServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of {@link Downloader} (stall watchdog, resumable part file, SHA-256 while receiving, atomic
 * move) against the reference in the same run: the JDK HttpClient writing the same loopback body straight
 * to a file with no checks. Prints MB/s and the ratio (time ours / time reference; 1.0 = no overhead).
 */
public final class DownloadBenchmark {
  private DownloadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) << 20 : 256 << 20;
    int rounds = 4;
    byte[] data = LoopbackFileServer.randomBytes(size, 1);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    Path dir = Files.createTempDirectory("tars-download-bench");
    try (LoopbackFileServer server = LoopbackFileServer.start(); HttpClient client = HttpClient.newHttpClient()) {
      server.serve("/f.bin", data).trickle(256 * 1024, 0);
      double refTotal = 0;
      double oursTotal = 0;
      for (int round = 0; round < rounds; round++) {
        Path ref = dir.resolve("ref.bin");
        long t0 = System.nanoTime();
        client.send(HttpRequest.newBuilder(server.uri("/f.bin")).build(), HttpResponse.BodyHandlers.ofFile(ref));
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        Files.delete(ref);

        Path target = dir.resolve("models").resolve("f.bin");
        long t1 = System.nanoTime();
        DownloadOutcome outcome;
        try (Downloader downloader = new Downloader(dir.resolve("staging"), DiskSpace.SYSTEM,
            Downloader.Options.DEFAULTS)) {
          outcome = downloader.start(new DownloadRequest(server.uri("/f.bin"), target, size, sha, FileCheck.NONE),
              DownloadListener.NONE).outcome().get();
        }
        double ourSeconds = (System.nanoTime() - t1) / 1e9;
        if (!(outcome instanceof DownloadOutcome.Completed)) {
          throw new IllegalStateException("download did not complete: " + outcome);
        }
        Files.delete(target);
        String label = round == 0 ? "warm-up" : "round " + round;
        System.out.printf(Locale.ROOT, "%-8s reference %6.0f MB/s   downloader %6.0f MB/s   ratio %.2f%n", label,
            size / 1e6 / refSeconds, size / 1e6 / ourSeconds, ourSeconds / refSeconds);
        if (round > 0) {
          refTotal += refSeconds;
          oursTotal += ourSeconds;
        }
      }
      System.out.printf(Locale.ROOT, "download of %d MB over loopback, %d measured rounds: ratio %.2f (downloader time"
          + " / plain HttpClient time)%n", size >> 20, rounds - 1, oursTotal / refTotal);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
