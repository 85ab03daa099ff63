package dev.tars.engine.gguf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Little-endian reads over a channel with a small buffer, tracking the file position. */
final class GgufReader {
  /** Far above any real key, string or tensor count; larger values mean a damaged file. */
  private static final long SANITY_LIMIT = 1L << 31;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long bufferStart;

  GgufReader(FileChannel channel) {
    this.channel = channel;
    buffer.limit(0);
  }

  long position() {
    return bufferStart + buffer.position();
  }

  private void need(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    bufferStart += buffer.position();
    buffer.compact();
    while (buffer.position() < bytes) {
      if (channel.read(buffer) < 0) {
        throw new EOFException();
      }
    }
    buffer.flip();
  }

  int i32() throws IOException {
    need(4);
    return buffer.getInt();
  }

  long i64() throws IOException {
    need(8);
    return buffer.getLong();
  }

  long count(Path file, String what) throws IOException, BadModelFileException {
    long n = i64();
    if (n < 0 || n > SANITY_LIMIT) {
      throw GgufFile.damaged(file, "its " + what + " is " + Long.toUnsignedString(n));
    }
    return n;
  }

  void skip(long bytes) throws IOException {
    long inBuffer = Math.min(bytes, buffer.remaining());
    buffer.position(buffer.position() + (int) inBuffer);
    long rest = bytes - inBuffer;
    if (rest > 0) {
      bufferStart += buffer.position() + rest;
      buffer.clear().limit(0);
      channel.position(bufferStart);
      if (bufferStart > channel.size()) {
        throw new EOFException();
      }
    }
  }

  String string(Path file) throws IOException, BadModelFileException {
    long length = count(file, "string length");
    if (length > buffer.capacity()) {
      byte[] bytes = new byte[Math.toIntExact(length)];
      ByteBuffer target = ByteBuffer.wrap(bytes);
      int fromBuffer = Math.min(buffer.remaining(), bytes.length);
      buffer.get(bytes, 0, fromBuffer);
      target.position(fromBuffer);
      bufferStart += buffer.position();
      buffer.clear().limit(0);
      channel.position(bufferStart);
      while (target.hasRemaining()) {
        int read = channel.read(target);
        if (read < 0) {
          throw new EOFException();
        }
        bufferStart += read;
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
    need((int) length);
    byte[] bytes = new byte[(int) length];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  Object value(Path file, int type) throws IOException, BadModelFileException {
    return switch (type) {
      case 0 -> { need(1); yield (long) Byte.toUnsignedInt(buffer.get()); }
      case 1 -> { need(1); yield (long) buffer.get(); }
      case 2 -> { need(2); yield (long) Short.toUnsignedInt(buffer.getShort()); }
      case 3 -> { need(2); yield (long) buffer.getShort(); }
      case 4 -> Integer.toUnsignedLong(i32());
      case 5 -> (long) i32();
      case 6 -> { need(4); yield (double) buffer.getFloat(); }
      case 7 -> { need(1); yield buffer.get() != 0; }
      case 8 -> string(file);
      case 10, 11 -> i64();
      case 12 -> { need(8); yield buffer.getDouble(); }
      default -> throw GgufFile.damaged(file, "it has a metadata value of unknown type " + type);
    };
  }

  void skipValue(Path file, int type) throws IOException, BadModelFileException {
    switch (type) {
      case 0, 1, 7 -> skip(1);
      case 2, 3 -> skip(2);
      case 4, 5, 6 -> skip(4);
      case 10, 11, 12 -> skip(8);
      case 8 -> skip(count(file, "string length"));
      default -> throw GgufFile.damaged(file, "it has an array of unknown type " + type);
    }
  }
}
