package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.Fixtures;
import dev.tars.knowledge.ocr.OcrProtocol.Message;
import dev.tars.knowledge.ocr.OcrProtocol.Verb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the real OCR child process: random garbage lines, broken messages, over-long lines and requests for
 * files with hostile names, each followed by a numbered request whose answer must come back under its own
 * number. Real images with hostile names are read between rounds and must get their own text. The number of
 * cases is {@code -Dtars.fuzz.cases} (2000 by default; the {@code nightly} profile runs 50000) and
 * {@code -Dtars.fuzz.seed} replays a run.
 */
class OcrChildFuzzIT {
  private static final int CASES = Integer.getInteger("tars.fuzz.cases", 2000);
  private static final int ROUND = 500;

  @TempDir Path dir;

  @Test
  void theChildNeverDesynchronisesNorCrashesOnRandomAndHostileInput() throws Exception {
    String seedProperty = System.getProperty("tars.fuzz.seed", "");
    long seed = seedProperty.isBlank() ? System.nanoTime() : Long.parseLong(seedProperty.strip());
    Random random = new Random(seed);
    Path images = Files.createDirectories(dir.resolve("images"));
    List<Path> known = List.of(
        Fixtures.png(images.resolve("first\nline.png"), "The lighthouse keeper counted ships"),
        Fixtures.png(images.resolve(OcrProtocol.PREFIX + "1 OK aGk=.png"), "Volcanoes erupt under the glacier"),
        Fixtures.png(images.resolve("crlf\r\n.png"), "Seven orange pelicans sleeping"));
    List<String> expected = List.of("lighthouse", "volcanoes", "pelicans");

    Process child = OcrChildLauncher.processBuilder(dir.resolve("ocr"), dir.resolve("logs"), "eng")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = child.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
      assertThat(next(out)).as("ready").isEqualTo(new Message(0, Verb.READY, ""));
      long number = 0;
      for (int i = 1; i <= CASES; i++) {
        String context = "case " + i + " (seed " + seed + ")";
        send(in, noise(random, dir));
        Path missing = dir.resolve("nowhere").resolve(OcrFuzzInputs.randomFileName(random));
        number++;
        send(in, (OcrProtocol.readRequest(number, missing) + "\n").getBytes(StandardCharsets.UTF_8));
        Message answer = answerTo(number, out, context);
        assertThat(answer.verb()).as(context).isEqualTo(Verb.ERR);
        if (i % ROUND == 0 || i == CASES) {
          for (int k = 0; k < known.size(); k++) {
            number++;
            send(in, (OcrProtocol.readRequest(number, known.get(k)) + "\n").getBytes(StandardCharsets.UTF_8));
            Message read = answerTo(number, out, context + ", " + known.get(k));
            assertThat(read.verb()).as(context).isEqualTo(Verb.OK);
            assertThat(read.payload().toLowerCase(Locale.ROOT)).as(context).contains(expected.get(k));
          }
        }
        assertThat(child.isAlive()).as(context).isTrue();
      }
      in.close();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("the child ends normally when its input closes").isZero();
    } finally {
      child.destroyForcibly();
    }
  }

  /** Garbage for the child: each of its lines must be answered BAD or ignored, never read as an image. */
  private static byte[] noise(Random random, Path dir) {
    int kind = random.nextInt(20);
    if (kind == 0) {
      // Longer than any request may be: skipped to its end, answered BAD.
      byte[] longLine = new byte[OcrProtocol.MAX_REQUEST_BYTES + 1 + random.nextInt(10_000)];
      random.nextBytes(longLine);
      for (int i = 0; i < longLine.length; i++) {
        if (longLine[i] == '\n') {
          longLine[i] = 'x';
        }
      }
      longLine[longLine.length - 1] = '\n';
      return longLine;
    }
    if (kind < 6) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      return withNewLine(bytes);
    }
    if (kind < 8) {
      // A real image, but asked for under number 0 (reserved): must not be read.
      return withNewLine(OcrProtocol.format(new Message(0, Verb.READ, dir.resolve("images/x.png").toString()))
          .getBytes(StandardCharsets.UTF_8));
    }
    return withNewLine(OcrFuzzInputs.randomRequestLikeLine(random).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] withNewLine(byte[] bytes) {
    byte[] line = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, line, 0, bytes.length);
    line[bytes.length] = '\n';
    return line;
  }

  private static void send(OutputStream in, byte[] bytes) throws IOException {
    in.write(bytes);
    in.flush();
  }

  /** Reads until the answer numbered {@code number}; everything before it must be a BAD answer to noise. */
  private static Message answerTo(long number, BufferedReader out, String context) throws IOException {
    List<Message> before = new ArrayList<>();
    while (true) {
      Message message = next(out);
      assertThat(message).as(context + ": the child ended").isNotNull();
      if (message.number() == number) {
        assertThat(before).as(context).allSatisfy(m -> assertThat(m.verb()).isEqualTo(Verb.BAD));
        return message;
      }
      assertThat(message.number()).as(context + ": answer out of turn " + message).isZero();
      before.add(message);
    }
  }

  private static Message next(BufferedReader out) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      Optional<Message> message = OcrProtocol.parse(line);
      if (message.isPresent()) {
        return message.get();
      }
    }
    return null;
  }
}
