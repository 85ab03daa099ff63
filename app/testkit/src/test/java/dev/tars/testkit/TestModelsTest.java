package dev.tars.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestModelsTest {
  @TempDir Path dir;

  @Test
  void tinyModelIsAGgufV3FileWhoseTensorDataFitsItsSize() throws IOException {
    Path model = TestModels.tiny();
    ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(head.getInt()).isEqualTo(0x46554747);
    assertThat(head.getInt()).isEqualTo(3);
    assertThat(head.getLong()).isEqualTo(3 + 9L * ModelShape.TINY.layers());
    assertThat(Files.size(model) % GgufWriter.ALIGNMENT).isZero();
    // Q8_0 weights dominate: a bit over one byte per parameter.
    assertThat(Files.size(model)).isBetween(ModelShape.TINY.parameters(), ModelShape.TINY.parameters() * 2);
  }

  @Test
  void tinyModelIsGeneratedOncePerJvm() {
    assertThat(TestModels.tiny()).isSameAs(TestModels.tiny());
  }

  @Test
  void brokenFilesAreWhatTheirNamesSay() throws IOException {
    assertThat(TestModels.missing(dir)).doesNotExist();
    assertThat(Files.size(TestModels.empty(dir))).isZero();
    assertThat(Files.readString(TestModels.notGguf(dir))).startsWith("These are");
    assertThat(Files.size(TestModels.truncated(dir))).isEqualTo(Files.size(TestModels.tiny()) / 2);
    assertThat(new String(Files.readAllBytes(TestModels.unsupportedArchitecture(dir)), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("foobar");
  }

  @Test
  void benchmarkShapesHaveTheParameterCountsOfTheRealModels() {
    assertThat(ModelShape.SMOLLM_135M.parameters()).isBetween(130_000_000L, 170_000_000L);
    assertThat(ModelShape.TINYLLAMA_1_1B.parameters()).isBetween(1_000_000_000L, 1_200_000_000L);
  }
}
