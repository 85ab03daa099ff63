package dev.tars.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {
  private static InputStream trickle(String wire, int step) {
    return new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    }, 4);
  }

  @Test
  void chunksSplitAnywhereDecodeToTheBodyAndTrailersAreSkipped() throws IOException {
    String wire = "5\r\nhello\r\n6;ext=1\r\n world\r\nB\r\n 0123456789\r\n0\r\nTrailer: x\r\n\r\n";
    for (int step = 1; step <= wire.length(); step++) {
      ChunkedBody body = new ChunkedBody(trickle(wire, step));
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).as("%d bytes at a time", step)
          .isEqualTo("hello world 0123456789");
      assertThat(body.read()).isEqualTo(-1);
    }
  }

  @Test
  void aReadReturnsWhatTheCurrentChunkHasWithoutWaitingForTheNext() throws IOException {
    // The second chunk never arrives: reading the first must not block on it.
    InputStream in = new ByteArrayInputStream("3\r\nabc\r\n".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        if (available() == 0) {
          throw new AssertionError("read past what the first chunk needs");
        }
        return super.read(b, off, len);
      }

      @Override
      public synchronized int read() {
        if (available() == 0) {
          throw new AssertionError("read past what the first chunk needs");
        }
        return super.read();
      }
    };
    byte[] buffer = new byte[100];
    assertThat(new ChunkedBody(in).read(buffer, 0, 100)).isEqualTo(3);
  }

  @Test
  void aConnectionThatEndsBeforeTheLastChunkIsAnError() {
    assertThatThrownBy(() -> new ChunkedBody(trickle("5\r\nhel", 2)).readAllBytes()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> new ChunkedBody(trickle("5\r\nhello\r\n", 2)).readAllBytes())
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> new ChunkedBody(trickle("zz\r\n", 2)).readAllBytes()).isInstanceOf(IOException.class)
        .hasMessageContaining("malformed chunk size");
  }
}
