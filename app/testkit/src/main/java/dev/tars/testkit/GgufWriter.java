package dev.tars.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files with the JDK alone, so tests can run real llama.cpp on a model generated on the spot.
 *
 * <p>Metadata is kept in insertion order; tensors are written in the order added, each aligned to
 * {@value #ALIGNMENT} bytes. Tensor data comes from a {@link TensorData} that streams bytes, so models of a
 * gigabyte and more are written without holding them in memory.
 */
public final class GgufWriter {
  public static final int ALIGNMENT = 32;
  private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  private static final int VERSION = 3;

  /** GGUF metadata value types. */
  enum ValueType {
    UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64, FLOAT64
  }

  /** Tensor element types this writer can produce (ggml type ids). */
  public enum TensorType {
    F32(0, 1, 4), F16(1, 1, 2), Q8_0(8, 32, 34);

    final int id;
    final int blockSize;
    final int blockBytes;

    TensorType(int id, int blockSize, int blockBytes) {
      this.id = id;
      this.blockSize = blockSize;
      this.blockBytes = blockBytes;
    }

    /** Bytes needed for {@code elements} values. */
    public long bytesFor(long elements) {
      if (elements % blockSize != 0) {
        throw new IllegalArgumentException(name() + " needs a multiple of " + blockSize + " elements, got " + elements);
      }
      return elements / blockSize * blockBytes;
    }
  }

  /** Streams the bytes of one tensor; must write exactly {@code byteSize} bytes. */
  @FunctionalInterface
  public interface TensorData {
    void writeTo(ByteSink sink) throws IOException;
  }

  /** Where tensor bytes go, buffered. */
  public interface ByteSink {
    /** A buffer with at least {@code bytes} remaining, little-endian; fill it, then keep going. */
    ByteBuffer reserve(int bytes) throws IOException;
  }

  private record Tensor(String name, long[] shape, TensorType type, TensorData data) {
    long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    long byteSize() {
      return type.bytesFor(elements());
    }
  }

  private final Map<String, byte[]> metadata = new LinkedHashMap<>();
  private final List<Tensor> tensors = new ArrayList<>();

  public GgufWriter putString(String key, String value) {
    return put(key, ValueType.STRING, out -> writeString(out, value));
  }

  public GgufWriter putUint32(String key, int value) {
    return put(key, ValueType.UINT32, out -> writeInt(out, value));
  }

  public GgufWriter putInt32(String key, int value) {
    return put(key, ValueType.INT32, out -> writeInt(out, value));
  }

  public GgufWriter putUint64(String key, long value) {
    return put(key, ValueType.UINT64, out -> writeLong(out, value));
  }

  public GgufWriter putFloat32(String key, float value) {
    return put(key, ValueType.FLOAT32, out -> writeInt(out, Float.floatToRawIntBits(value)));
  }

  public GgufWriter putBool(String key, boolean value) {
    return put(key, ValueType.BOOL, out -> out.write(value ? 1 : 0));
  }

  public GgufWriter putStringArray(String key, List<String> values) {
    return put(key, ValueType.ARRAY, out -> {
      writeInt(out, ValueType.STRING.ordinal());
      writeLong(out, values.size());
      for (String v : values) {
        writeString(out, v);
      }
    });
  }

  public GgufWriter putFloat32Array(String key, float[] values) {
    return put(key, ValueType.ARRAY, out -> {
      writeInt(out, ValueType.FLOAT32.ordinal());
      writeLong(out, values.length);
      for (float v : values) {
        writeInt(out, Float.floatToRawIntBits(v));
      }
    });
  }

  public GgufWriter putInt32Array(String key, int[] values) {
    return put(key, ValueType.ARRAY, out -> {
      writeInt(out, ValueType.INT32.ordinal());
      writeLong(out, values.length);
      for (int v : values) {
        writeInt(out, v);
      }
    });
  }

  /**
   * Adds a tensor. {@code shape} is in ggml order: {@code shape[0]} is the contiguous dimension (a row).
   */
  public GgufWriter addTensor(String name, TensorType type, long[] shape, TensorData data) {
    tensors.add(new Tensor(name, shape.clone(), type, data));
    return this;
  }

  /** Writes the file atomically: to a sibling temporary file first, then moved into place. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
    try {
      writeTo(partial);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private void writeTo(Path file) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    writeInt(header, MAGIC);
    writeInt(header, VERSION);
    writeLong(header, tensors.size());
    writeLong(header, metadata.size());
    for (Map.Entry<String, byte[]> kv : metadata.entrySet()) {
      writeString(header, kv.getKey());
      header.write(kv.getValue());
    }
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (Tensor t : tensors) {
      writeString(header, t.name());
      writeInt(header, t.shape().length);
      for (long d : t.shape()) {
        writeLong(header, d);
      }
      writeInt(header, t.type().id);
      writeLong(header, offset);
      offsets.add(offset);
      offset = align(offset + t.byteSize());
    }
    while (header.size() % ALIGNMENT != 0) {
      header.write(0);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        ChannelSink sink = new ChannelSink(channel)) {
      sink.reserve(header.size()).put(header.toByteArray());
      for (int i = 0; i < tensors.size(); i++) {
        Tensor t = tensors.get(i);
        long start = sink.written();
        t.data().writeTo(sink);
        long actual = sink.written() - start;
        if (actual != t.byteSize()) {
          throw new IllegalStateException("tensor " + t.name() + " wrote " + actual + " bytes, expected " + t.byteSize());
        }
        long end = i + 1 < tensors.size() ? header.size() + offsets.get(i + 1) : align(sink.written());
        int pad = (int) (end - sink.written());
        sink.reserve(pad).put(new byte[pad]);
      }
    }
  }

  static long align(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private interface ValueWriter {
    void write(ByteArrayOutputStream out) throws IOException;
  }

  private GgufWriter put(String key, ValueType type, ValueWriter value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, type.ordinal());
    try {
      value.write(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    metadata.put(key, out.toByteArray());
    return this;
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeLong(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i) & 0xff);
    }
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  private static final class ChannelSink implements ByteSink, AutoCloseable {
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long flushed;

    ChannelSink(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public ByteBuffer reserve(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
        if (buffer.capacity() < bytes) {
          buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
      }
      return buffer;
    }

    long written() {
      return flushed + buffer.position();
    }

    private void flush() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        flushed += channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
