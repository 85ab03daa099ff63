package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.ocr.OcrProtocol.Message;
import dev.tars.knowledge.ocr.OcrProtocol.Verb;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OcrProtocolTest {

  @Test
  void aPathWithNewLinesIsOneRequestLine() {
    Path path = Path.of("/home/ana/first\nline.png");
    String line = OcrProtocol.readRequest(7, path);

    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(OcrProtocol.parse(line)).contains(new Message(7, Verb.READ, "/home/ana/first\nline.png"));
  }

  @Test
  void strayOutputBeforeAMessageOnTheSameLineIsIgnored() {
    String line = "Warning: Invalid resolution 0 dpi" + OcrProtocol.format(new Message(3, Verb.OK, "text"));

    assertThat(OcrProtocol.parse(line)).contains(new Message(3, Verb.OK, "text"));
  }

  @Test
  void malformedLinesAreNotMessages() {
    assertThat(OcrProtocol.parse("OK dGV4dA==")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "1 OK not-base64!")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "-1 OK dGV4dA==")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "99999999999999999999 OK dGV4dA==")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "1 SHOUT dGV4dA==")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "1 OK dGV4dA== extra")).isEmpty();
    assertThat(OcrProtocol.parse(OcrProtocol.PREFIX + "1")).isEmpty();
  }

  /** Random texts of every kind survive a round trip and never produce a line break on the wire. */
  @Test
  void randomPayloadsRoundTripOnOneLine() {
    Random random = new Random(20261202);
    for (int i = 0; i < 20_000; i++) {
      String text = OcrFuzzInputs.randomText(random, random.nextInt(200));
      Verb verb = Verb.values()[random.nextInt(Verb.values().length)];
      long number = random.nextLong(0, Long.MAX_VALUE / 100_000);
      String line = OcrProtocol.format(new Message(number, verb, text));

      assertThat(line).as("case %d", i).doesNotContain("\n").doesNotContain("\r");
      Optional<Message> back = OcrProtocol.parse(line);
      assertThat(back).as("case %d: %s", i, line).isPresent();
      assertThat(back.get().number()).isEqualTo(number);
      assertThat(back.get().verb()).isEqualTo(verb);
      // Unpaired surrogates cannot be encoded as UTF-8; everything else comes back exactly.
      assertThat(back.get().payload()).isEqualTo(OcrFuzzInputs.utf8RoundTrip(text));
    }
  }

  /** Random lines never make the parser throw; they are a message or nothing. */
  @Test
  void randomLinesNeverThrow() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String line = OcrFuzzInputs.randomRequestLikeLine(random);
      OcrProtocol.parse(line);
    }
  }
}
