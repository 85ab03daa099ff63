package dev.tars.knowledge.ocr;

import dev.tars.concurrent.NamedThreads;
import dev.tars.knowledge.document.DocumentRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR in a supervised child JVM ({@link OcrWorkerMain}) started with {@code OMP_THREAD_LIMIT=1}. The child is
 * started on first use, kept for later images, killed when an image takes longer than the timeout and
 * started again for the next one; if it dies (a Tesseract crash) only the image being read fails.
 * One image at a time: Tesseract with one OpenMP thread already fills a core.
 */
public final class ChildProcessOcr implements Ocr {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcessOcr.class);
  private static final String EOF = "\u0000eof";

  private final String language;
  private final Duration timeout;
  private final Path logFile;
  private final ExecutorService readers = Executors.newCachedThreadPool(NamedThreads.named("ocr-reader"));
  private Process process;
  private BlockingQueue<String> lines;

  /**
   * @param workDir where the child's log goes
   * @param language Tesseract language code(s), e.g. {@code eng} or {@code eng+deu}
   */
  public ChildProcessOcr(Path workDir, String language, Duration timeout) {
    this.language = language;
    this.timeout = timeout;
    this.logFile = workDir.resolve("ocr-worker.log");
  }

  @Override
  public synchronized String read(Path image) throws DocumentRejectedException {
    ImageLimits.check(image);
    try {
      ensureStarted();
      OutputStream stdin = process.getOutputStream();
      stdin.write((image.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      String answer = awaitAnswer(timeout);
      if (answer == null) {
        LOG.warn("OCR of {} took longer than {}; restarting the OCR process", image, timeout);
        stop();
        throw new DocumentRejectedException("Reading the text in this image took longer than "
            + timeout.toSeconds() + " s and was stopped. Try a smaller or clearer image.");
      }
      if (answer.equals(EOF)) {
        int exit = waitExit();
        LOG.warn("OCR process ended (exit {}) while reading {}", exit, image);
        process = null;
        throw new DocumentRejectedException("The text recogniser stopped unexpectedly on this image (exit code "
            + exit + "). Other files are not affected; try re-saving the image and add it again.");
      }
      if (answer.startsWith("OK ")) {
        return OcrWorkerMain.decode(answer.substring(3));
      }
      throw new DocumentRejectedException("The text in this image could not be read: "
          + OcrWorkerMain.decode(answer.substring(4)));
    } catch (IOException e) {
      LOG.warn("OCR process failed on {}", image, e);
      stop();
      throw new DocumentRejectedException("The text recogniser could not be started or reached ("
          + e.getMessage() + "). Check that Tesseract (libtesseract5) is installed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new DocumentRejectedException("Reading the image was interrupted.", e);
    }
  }

  /** The child's process id, or -1 when it is not running (for tests that kill it). */
  public synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  private void ensureStarted() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    Files.createDirectories(logFile.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OcrWorkerMain.class.getName());
    command.add(language);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    process = builder.start();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    lines = queue;
    Process started = process;
    readers.submit(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(OcrWorkerMain.PREFIX)) {
            queue.add(line.substring(OcrWorkerMain.PREFIX.length()));
          }
        }
      } catch (IOException e) {
        LOG.debug("OCR output closed", e);
      }
      queue.add(EOF);
    });
    String ready = awaitAnswer(Duration.ofSeconds(60));
    if (!"READY".equals(ready)) {
      stop();
      throw new IOException("the OCR process did not start (see " + logFile + ")");
    }
    LOG.info("OCR process {} started (language {})", started.pid(), language);
  }

  private String awaitAnswer(Duration wait) throws InterruptedException {
    return lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private int waitExit() throws InterruptedException {
    return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  private void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          LOG.warn("OCR process did not exit in 3 s; killing it");
        }
      } catch (IOException | InterruptedException e) {
        LOG.debug("Closing OCR process", e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
      stop();
    }
    readers.shutdownNow();
  }
}
