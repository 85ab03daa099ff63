package dev.tars.knowledge.ocr;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.util.LoadLibs;

/**
 * Entry point of the OCR child process. Reads one image path per line on stdin and answers one line per
 * request on stdout, prefixed with {@link #PREFIX} so stray native output cannot be mistaken for an answer.
 * Tesseract runs here, not in the app, because a native crash must only end this process, and because
 * {@code OMP_THREAD_LIMIT=1} can only be set before a process starts.
 */
public final class OcrWorkerMain {
  static final String PREFIX = "@@tars-ocr ";

  private OcrWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    String language = args.length > 0 ? args[0] : "eng";
    Tesseract tesseract = new Tesseract();
    File tessdata = LoadLibs.extractTessResources("tessdata");
    tesseract.setDatapath(tessdata.getAbsolutePath());
    tesseract.setLanguage(language);
    tesseract.setVariable("user_defined_dpi", "200");
    answers.println(PREFIX + "READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      try {
        ImageLimits.check(Path.of(line));
        BufferedImage image = ImageIO.read(new File(line));
        if (image == null) {
          answers.println(PREFIX + "ERR " + encode("The image could not be decoded."));
          continue;
        }
        String text = tesseract.doOCR(image);
        answers.println(PREFIX + "OK " + encode(text == null ? "" : text));
      } catch (Exception | LinkageError | OutOfMemoryError e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        answers.println(PREFIX + "ERR " + encode(message));
      }
    }
  }

  static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
