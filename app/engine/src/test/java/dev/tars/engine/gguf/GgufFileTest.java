package dev.tars.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tars.engine.gguf.BadModelFileException.Reason;
import dev.tars.testkit.ModelShape;
import dev.tars.testkit.TestModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
  @TempDir Path dir;

  @Test
  void readsWhatAModelFileSaysAboutItself() throws Exception {
    GgufFile gguf = GgufFile.read(TestModels.tiny());

    assertThat(gguf.version()).isEqualTo(3);
    assertThat(gguf.architecture()).isEqualTo("llama");
    assertThat(gguf.name()).isEqualTo("tars-tiny");
    assertThat(gguf.contextLength()).isEqualTo(ModelShape.TINY.contextLength());
    assertThat(gguf.quantization()).isEqualTo("Q8_0");
    assertThat(gguf.parameterCount()).isEqualTo(ModelShape.TINY.parameters());
    assertThat(gguf.tensorCount()).isEqualTo(3 + 9 * ModelShape.TINY.layers());
    assertThat(gguf.vocabularySize()).isEqualTo(ModelShape.TINY.vocabSize());
    assertThat(gguf.chatTemplate()).contains(TestModels.CHATML_TEMPLATE);
    assertThat(gguf.metadata()).containsEntry("llama.embedding_length", 64L);
    assertThat(gguf.toString()).contains("tars-tiny", "llama", "Q8_0");
  }

  @Test
  void missingFileIsNamedInTheMessage() {
    Path file = TestModels.missing(dir);
    assertBad(file, Reason.MISSING, "not found");
  }

  @Test
  void emptyFileIsRefused() throws IOException {
    assertBad(TestModels.empty(dir), Reason.EMPTY, "empty");
  }

  @Test
  void textFileIsNotAGgufFile() throws IOException {
    assertBad(TestModels.notGguf(dir), Reason.NOT_GGUF, "not a GGUF model file");
  }

  @Test
  void fileShorterThanItsSignatureIsNotAGgufFile() throws IOException {
    assertBad(Files.write(dir.resolve("short.gguf"), new byte[] {'G', 'G'}), Reason.NOT_GGUF, "not a GGUF");
  }

  @Test
  void truncatedDownloadIsDetectedFromTheTensorTable() throws IOException {
    BadModelFileException e = assertBad(TestModels.truncated(dir), Reason.TRUNCATED, "truncated");
    assertThat(e.getMessage()).contains("download it again");
  }

  @Test
  void fileCutInsideItsHeaderIsTruncated() throws IOException {
    byte[] head = Arrays.copyOf(Files.readAllBytes(TestModels.tiny()), 2000);
    assertBad(Files.write(dir.resolve("cut.gguf"), head), Reason.TRUNCATED, "truncated");
  }

  @Test
  void unknownArchitectureListsTheSupportedOnes() throws IOException {
    BadModelFileException e =
        assertBad(TestModels.unsupportedArchitecture(dir), Reason.UNSUPPORTED_ARCHITECTURE, "'foobar'");
    assertThat(e.getMessage()).contains("supported: llama,", "qwen2", "gemma3");
  }

  @Test
  void unknownArchitectureCanStillBeListedByTools() throws Exception {
    assertThat(GgufFile.readHeader(TestModels.unsupportedArchitecture(dir)).architecture()).isEqualTo("foobar");
  }

  @Test
  void oldGgmlFormatIsNamed() throws IOException {
    Path file = Files.write(dir.resolve("old.bin"), "tjggAAAAAAAAAAAA".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertBad(file, Reason.NOT_GGUF, "old GGML format");
  }

  @Test
  void unsupportedVersionIsNamed() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46554747).putInt(1);
    assertBad(Files.write(dir.resolve("v1.gguf"), b.array()), Reason.UNSUPPORTED_VERSION, "version 1");
  }

  @Test
  void absurdCountsMeanADamagedFileNotAnOutOfMemoryError() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0x46554747).putInt(3).putLong(0).putLong(Long.MAX_VALUE);
    assertBad(Files.write(dir.resolve("damaged.gguf"), b.array()), Reason.DAMAGED, "damaged");
  }

  @Test
  void folderIsNotAModel() {
    assertBad(dir, Reason.UNREADABLE, "folder");
  }

  private static BadModelFileException assertBad(Path file, Reason reason, String text) {
    BadModelFileException e = catchThrowableOfType(BadModelFileException.class, () -> GgufFile.read(file));
    assertThat(e).as("expected %s to be refused", file).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).contains(file.toString()).contains(text).doesNotContain("\n");
    assertThat(e.file()).isEqualTo(file);
    return e;
  }
}
