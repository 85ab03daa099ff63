package dev.tars.desktop.feature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A quick look at a file someone offers as a model, before an engine is started on it: does it exist, can it
 * be read, is it a GGUF file of a version llama.cpp reads. The engine still has the last word (architecture,
 * tensors) and reports its own errors. Shared by the features where a model file is chosen (the welcome,
 * Settings), so it lives with the shell's contracts rather than in one of them.
 */
public final class ModelFileCheck {
  /** What is wrong with a file; each has a text in the resource bundle under {@code model.problem.<name>}. */
  public enum Problem {
    MISSING,
    NOT_A_FILE,
    UNREADABLE,
    NOT_GGUF,
    TRUNCATED,
    UNSUPPORTED_VERSION;

    public String messageKey() {
      return "model.problem." + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Magic, version, tensor count and metadata count: the smallest header a model can have. */
  private static final int HEADER_BYTES = 4 + 4 + 8 + 8;
  private static final int MAGIC = 0x46554747; // "GGUF" read little-endian

  private ModelFileCheck() {}

  public static Optional<Problem> check(Path file) {
    if (file == null || !Files.exists(file)) {
      return Optional.of(Problem.MISSING);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of(Problem.NOT_A_FILE);
    }
    if (!Files.isReadable(file)) {
      return Optional.of(Problem.UNREADABLE);
    }
    byte[] header;
    try (InputStream in = Files.newInputStream(file)) {
      header = in.readNBytes(HEADER_BYTES);
    } catch (IOException e) {
      return Optional.of(Problem.UNREADABLE);
    }
    if (header.length < 4) {
      return Optional.of(header.length == 0 ? Problem.TRUNCATED : Problem.NOT_GGUF);
    }
    ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt() != MAGIC) {
      return Optional.of(Problem.NOT_GGUF);
    }
    if (header.length < HEADER_BYTES) {
      return Optional.of(Problem.TRUNCATED);
    }
    int version = buffer.getInt();
    if (version < 2 || version > 3) {
      return Optional.of(Problem.UNSUPPORTED_VERSION);
    }
    long tensors = buffer.getLong();
    long metadata = buffer.getLong();
    if (tensors <= 0 || metadata <= 0) {
      return Optional.of(Problem.TRUNCATED);
    }
    return Optional.empty();
  }

  /** Whether a dropped or chosen file looks like a model by its name alone. */
  public static boolean hasModelExtension(Path file) {
    return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf");
  }
}
