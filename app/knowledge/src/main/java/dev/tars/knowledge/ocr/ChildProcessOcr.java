package dev.tars.knowledge.ocr;

import dev.tars.concurrent.NamedThreads;
import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.document.NotIndexedReason.Key;
import dev.tars.knowledge.ocr.OcrProtocol.Message;
import dev.tars.knowledge.ocr.OcrProtocol.Verb;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR in a supervised child JVM ({@link OcrWorkerMain}) started by {@link OcrChildLauncher}. The child is
 * started on first use, kept for later images, killed when an image takes longer than the timeout and
 * started again for the next one; if it dies (a Tesseract crash) only the image being read fails.
 * One image at a time: Tesseract with one OpenMP thread already fills a core. Requests and answers are
 * numbered {@link OcrProtocol} messages, so an answer can only ever be taken for the image it belongs to.
 */
public final class ChildProcessOcr implements Ocr {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcessOcr.class);
  private static final Message EOF = new Message(Long.MAX_VALUE, Verb.BAD, "end of output");
  private static final int MAX_LOGGED_LINE = 300;
  /** Rendered PDF pages waiting for the child, in the OCR folder (0700) rather than the shared temp folder. */
  static final String PAGES_FOLDER = "pages";

  private final Path workDir;
  private final Path logsDir;
  private final String language;
  private final Duration timeout;
  private final ExecutorService readers = Executors.newCachedThreadPool(NamedThreads.named("ocr-reader"));
  private Process process;
  private BlockingQueue<Message> answers;
  private long lastNumber;

  /**
   * @param workDir the OCR folder in the data home; the child's private temp folder is made inside it
   * @param logsDir the data home's {@code logs/} folder, where the child's log goes
   * @param language Tesseract language code(s), e.g. {@code eng} or {@code eng+deu}
   */
  public ChildProcessOcr(Path workDir, Path logsDir, String language, Duration timeout) {
    this.workDir = workDir;
    this.logsDir = logsDir;
    this.language = language;
    this.timeout = timeout;
  }

  @Override
  public String read(Path image) throws DocumentRejectedException {
    ImageLimits.check(image);
    return read(image, Subject.IMAGE);
  }

  /** Writes the page as a PNG in this OCR's private folder for the child, and deletes it once read. */
  @Override
  public String readPdfPage(BufferedImage page, int number) throws DocumentRejectedException {
    Path png = null;
    try {
      png = Files.createTempFile(OcrChildLauncher.privateFolder(workDir.resolve(PAGES_FOLDER)), "page-", ".png");
      ImageIO.write(page, "png", png.toFile());
    } catch (IOException e) {
      deleteQuietly(png);
      LOG.warn("Could not write PDF page {} for OCR", number, e);
      throw new DocumentRejectedException(NotIndexedReason.of(Key.OCR_PAGE_PREPARE, number, e.getMessage()), e);
    }
    try {
      return read(png, Subject.pdfPage(number));
    } finally {
      deleteQuietly(png);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Cannot delete {}", file, e);
    }
  }

  /** What the reasons call the file being read (an image the person added, or a page of their PDF), and advice. */
  private record Subject(NotIndexedReason name, NotIndexedReason advice) {
    static final Subject IMAGE = new Subject(NotIndexedReason.of(Key.OCR_SUBJECT_IMAGE),
        NotIndexedReason.of(Key.OCR_ADVICE_IMAGE));

    static Subject pdfPage(int page) {
      return new Subject(NotIndexedReason.of(Key.OCR_SUBJECT_PAGE, page), NotIndexedReason.of(Key.OCR_ADVICE_PAGE));
    }
  }

  private synchronized String read(Path image, Subject subject) throws DocumentRejectedException {
    try {
      ensureStarted();
      long number = ++lastNumber;
      OutputStream stdin = process.getOutputStream();
      stdin.write((OcrProtocol.readRequest(number, image) + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      Message answer = awaitAnswer(number, timeout);
      if (answer == null) {
        LOG.warn("OCR of {} took longer than {}; restarting the OCR process", subject.name(), timeout);
        stop();
        throw DocumentRejectedException.of(Key.OCR_TIMEOUT, subject.name(), timeout.toSeconds(), subject.advice());
      }
      if (answer == EOF) {
        int exit = waitExit();
        LOG.warn("OCR process ended (exit {}) while reading {}", exit, subject.name());
        process = null;
        throw DocumentRejectedException.of(Key.OCR_CRASHED, subject.name(), exit, subject.advice());
      }
      if (answer.verb() == Verb.OK) {
        return answer.payload();
      }
      throw DocumentRejectedException.of(Key.OCR_FAILED, subject.name(), answer.payload());
    } catch (IOException e) {
      LOG.warn("OCR process failed on {}", subject.name(), e);
      stop();
      throw new DocumentRejectedException(NotIndexedReason.of(Key.OCR_UNREACHABLE, e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new DocumentRejectedException(NotIndexedReason.of(Key.OCR_INTERRUPTED, subject.name()), e);
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
    Process started = OcrChildLauncher.processBuilder(workDir, logsDir, language).start();
    process = started;
    BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    answers = queue;
    readers.submit(() -> readAnswers(started, queue));
    readers.submit(() -> forwardErrors(started));
    Message ready = awaitAnswer(OcrProtocol.READY_NUMBER, Duration.ofSeconds(60));
    if (ready == null || ready.verb() != Verb.READY) {
      stop();
      throw new IOException("the OCR process did not start; details are in the logs in " + logsDir);
    }
    LOG.info("OCR process {} started (language {})", started.pid(), language);
  }

  private static void readAnswers(Process child, BlockingQueue<Message> queue) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        Optional<Message> message = OcrProtocol.parse(line);
        if (message.isPresent()) {
          queue.add(message.get());
        } else if (!line.isBlank()) {
          LOG.debug("OCR process printed: {}", cut(line));
        }
      }
    } catch (IOException e) {
      LOG.debug("OCR output closed", e);
    }
    queue.add(EOF);
  }

  /** Tesseract's warnings and anything the child's JVM prints go to this process's log (rotated), cut short. */
  private static void forwardErrors(Process child) {
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (!line.isBlank()) {
          LOG.info("OCR process {}: {}", child.pid(), cut(line));
        }
      }
    } catch (IOException e) {
      LOG.debug("OCR error output closed", e);
    }
  }

  private static String cut(String line) {
    return line.length() > MAX_LOGGED_LINE ? line.substring(0, MAX_LOGGED_LINE) + "..." : line;
  }

  /** The answer numbered {@code number}, {@link #EOF} if the child ended, or null after {@code wait}. */
  private Message awaitAnswer(long number, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Message message = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message == null || message == EOF || message.number() == number) {
        return message;
      }
      // Only possible if the child misbehaves: never take another request's answer for this one.
      LOG.warn("OCR process answered request {} ({}) while {} was expected; ignored", message.number(),
          message.verb(), number);
    }
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
