package dev.tars.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDataReaderTest {
  /** Hands out at most {@code step} bytes per read, as a socket may. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static List<String> all(InputStream in) throws IOException {
    SseDataReader reader = new SseDataReader(in);
    List<String> data = new ArrayList<>();
    for (String d; (d = reader.next()) != null; ) {
      data.add(d);
    }
    return data;
  }

  @Test
  void eventsSplitAtEveryByteComeOutWholeWithTheirCharacters() throws IOException {
    String stream = ": ping\n\ndata: {\"content\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}\n\nevent: x\r\ndata:[DONE]\r\n\r\n";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);

    for (int step = 1; step <= bytes.length; step++) {
      assertThat(all(trickle(bytes, step))).as("read %d bytes at a time", step)
          .containsExactly("{\"content\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}", "[DONE]");
    }
  }

  @Test
  void linesEndWithLfCrlfOrCrAndALastLineNeedsNoEnd() throws IOException {
    byte[] bytes = "data: a\rdata: b\r\ndata: c\n\r\ndata:  d  ".getBytes(StandardCharsets.UTF_8);

    for (int step = 1; step <= bytes.length; step++) {
      assertThat(all(trickle(bytes, step))).as("read %d bytes at a time", step).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void anEventLongerThanTheBufferGrowsItAndOneBeyondTheLimitIsRefused() throws IOException {
    String big = "x".repeat(100_000);
    assertThat(all(trickle(("data: " + big + "\n").getBytes(StandardCharsets.UTF_8), 3000))).containsExactly(big);

    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'x');
        return len;
      }
    };
    assertThatThrownBy(() -> new SseDataReader(endless).next()).isInstanceOf(IOException.class)
        .hasMessageContaining("longer than 8 MiB");
  }
}
