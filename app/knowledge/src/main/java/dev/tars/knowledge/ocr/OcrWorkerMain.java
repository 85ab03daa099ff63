package dev.tars.knowledge.ocr;

import dev.tars.knowledge.ocr.OcrProtocol.Message;
import dev.tars.knowledge.ocr.OcrProtocol.Verb;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.util.LoadLibs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the OCR child process. Reads {@link OcrProtocol} requests on stdin and answers each non-blank
 * line with exactly one message on stdout; stray native output on stdout is not a message and is ignored by the
 * parent. Tesseract runs here, not in the app, because a native crash must only end this process, and because
 * {@code OMP_THREAD_LIMIT=1} can only be set before a process starts. {@link OcrChildLauncher} gives it a
 * private temp folder; {@link SystemTesseract} makes it load the system's libtesseract first.
 */
public final class OcrWorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(OcrWorkerMain.class);

  private OcrWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    String language = args.length > 0 ? args[0] : "eng";
    Optional<Path> link = SystemTesseract.preferSystemLibrary();
    // Load the native library now: a missing or broken one fails the start, not the first image.
    TessAPI api = TessAPI.INSTANCE;
    link.ifPresent(SystemTesseract::removeLink);
    LOG.info("OCR process ready; Tesseract {} from {}; temp folder {}", api.TessVersion(),
        SystemTesseract.loadedLibrary().orElse("(unknown)"), System.getProperty("java.io.tmpdir"));
    Tesseract tesseract = new Tesseract();
    File tessdata = LoadLibs.extractTessResources("tessdata");
    tesseract.setDatapath(tessdata.getAbsolutePath());
    tesseract.setLanguage(language);
    tesseract.setVariable("user_defined_dpi", "200");
    answers.println(OcrProtocol.format(new Message(OcrProtocol.READY_NUMBER, Verb.READY, "")));
    InputStream in = System.in;
    RequestLine line;
    while ((line = RequestLine.read(in)) != null) {
      if (line.tooLong()) {
        answers.println(bad("The request was longer than " + OcrProtocol.MAX_REQUEST_BYTES + " bytes."));
        continue;
      }
      if (line.text().isBlank()) {
        continue;
      }
      Optional<Message> request = OcrProtocol.parse(line.text());
      if (request.isEmpty() || request.get().verb() != Verb.READ || request.get().payload().isEmpty()
          || request.get().number() == OcrProtocol.READY_NUMBER) {
        answers.println(bad("Not a read request."));
        continue;
      }
      answers.println(OcrProtocol.format(read(tesseract, request.get())));
    }
  }

  private static Message read(Tesseract tesseract, Message request) {
    long number = request.number();
    try {
      Path path = Path.of(request.payload());
      ImageLimits.check(path);
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        return new Message(number, Verb.ERR, "The image could not be decoded.");
      }
      String text = tesseract.doOCR(image);
      return new Message(number, Verb.OK, text == null ? "" : text);
    } catch (Exception | LinkageError | OutOfMemoryError e) {
      String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
          : e.getMessage();
      return new Message(number, Verb.ERR, message);
    }
  }

  private static String bad(String why) {
    return OcrProtocol.format(new Message(0, Verb.BAD, why));
  }

  /**
   * One request line read from raw bytes with a length cap, so that a line without end cannot fill the heap.
   * A line over the cap is skipped up to its new line and reported as too long.
   */
  record RequestLine(String text, boolean tooLong) {
    static RequestLine read(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      boolean tooLong = false;
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (bytes.size() < OcrProtocol.MAX_REQUEST_BYTES) {
          bytes.write(b);
        } else {
          tooLong = true;
        }
      }
      if (b == -1 && bytes.size() == 0 && !tooLong) {
        return null;
      }
      String text = bytes.toString(StandardCharsets.UTF_8);
      return new RequestLine(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, tooLong);
    }
  }
}
