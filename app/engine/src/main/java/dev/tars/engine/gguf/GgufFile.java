package dev.tars.engine.gguf;

import dev.tars.engine.gguf.BadModelFileException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header of a GGUF model file, read and checked without loading the model: metadata, tensor table and
 * whether the file is long enough to hold every tensor. Checking first turns a native crash or a cryptic
 * llama.cpp error into a message a person can act on.
 *
 * <p>Only scalar metadata values are kept; arrays (the vocabulary) are skipped and only their length is
 * remembered (see {@link #arrayLength}).
 */
public final class GgufFile {
  /** Architectures llama.cpp b4916 (the one bundled by java-llama.cpp 4.2.0) can load. */
  public static final List<String> SUPPORTED_ARCHITECTURES = List.of(
      "llama", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt", "baichuan", "starcoder", "refact",
      "bert", "nomic-bert", "jina-bert-v2", "bloom", "stablelm", "qwen", "qwen2", "qwen2moe", "qwen2vl", "phi2",
      "phi3", "phimoe", "plamo", "codeshell", "orion", "internlm2", "minicpm", "minicpm3", "gemma", "gemma2",
      "gemma3", "starcoder2", "mamba", "xverse", "command-r", "cohere2", "dbrx", "olmo", "olmo2", "olmoe",
      "openelm", "arctic", "deepseek", "deepseek2", "chatglm", "bitnet", "t5", "t5encoder", "jais", "nemotron",
      "exaone", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", "granite", "granitemoe", "chameleon",
      "wavtokenizer-dec");

  /** Architectures that load but cannot chat: they embed text or decode audio. */
  public static final Set<String> NON_CHAT_ARCHITECTURES =
      Set.of("bert", "nomic-bert", "jina-bert-v2", "t5encoder", "wavtokenizer-dec");

  private static final int MAGIC = 0x46554747;
  private static final int DEFAULT_ALIGNMENT = 32;

  private static final Map<Integer, String> FILE_TYPES = Map.ofEntries(
      Map.entry(0, "F32"), Map.entry(1, "F16"), Map.entry(2, "Q4_0"), Map.entry(3, "Q4_1"), Map.entry(7, "Q8_0"),
      Map.entry(8, "Q5_0"), Map.entry(9, "Q5_1"), Map.entry(10, "Q2_K"), Map.entry(11, "Q3_K_S"),
      Map.entry(12, "Q3_K_M"), Map.entry(13, "Q3_K_L"), Map.entry(14, "Q4_K_S"), Map.entry(15, "Q4_K_M"),
      Map.entry(16, "Q5_K_S"), Map.entry(17, "Q5_K_M"), Map.entry(18, "Q6_K"), Map.entry(19, "IQ2_XXS"),
      Map.entry(20, "IQ2_XS"), Map.entry(21, "Q2_K_S"), Map.entry(22, "IQ3_XS"), Map.entry(23, "IQ3_XXS"),
      Map.entry(24, "IQ1_S"), Map.entry(25, "IQ4_NL"), Map.entry(26, "IQ3_S"), Map.entry(27, "IQ3_M"),
      Map.entry(28, "IQ2_S"), Map.entry(29, "IQ2_M"), Map.entry(30, "IQ4_XS"), Map.entry(31, "IQ1_M"),
      Map.entry(32, "BF16"), Map.entry(36, "TQ1_0"), Map.entry(37, "TQ2_0"));

  private final Path path;
  private final long fileSize;
  private final int version;
  private final Map<String, Object> metadata;
  private final Map<String, Long> arrayLengths;
  private final int tensorCount;
  private final long parameterCount;
  private final String dominantTensorType;

  private GgufFile(Path path, long fileSize, int version, Map<String, Object> metadata,
      Map<String, Long> arrayLengths, int tensorCount, long parameterCount, String dominantTensorType) {
    this.path = path;
    this.fileSize = fileSize;
    this.version = version;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.arrayLengths = Collections.unmodifiableMap(arrayLengths);
    this.tensorCount = tensorCount;
    this.parameterCount = parameterCount;
    this.dominantTensorType = dominantTensorType;
  }

  /**
   * Reads and checks {@code file}: a GGUF v2/v3 file, complete, of an architecture llama.cpp supports.
   *
   * @throws BadModelFileException with a one-line message naming the file and what is wrong
   */
  public static GgufFile read(Path file) throws BadModelFileException {
    GgufFile gguf = readHeader(file);
    String arch = gguf.architecture();
    if (arch == null) {
      throw new BadModelFileException(Reason.DAMAGED, file,
          file + " is damaged: it does not say which architecture it is (general.architecture is missing).");
    }
    if (!SUPPORTED_ARCHITECTURES.contains(arch)) {
      throw new BadModelFileException(Reason.UNSUPPORTED_ARCHITECTURE, file,
          file + " has unsupported architecture '" + arch + "' (supported: "
              + String.join(", ", SUPPORTED_ARCHITECTURES) + ").");
    }
    if (NON_CHAT_ARCHITECTURES.contains(arch)) {
      throw new BadModelFileException(Reason.NOT_A_CHAT_MODEL, file,
          file + " is a '" + arch + "' model, which cannot chat; choose a chat (instruct) model.");
    }
    return gguf;
  }

  /** Reads and checks the file structure only, whatever the architecture (for tools listing files). */
  public static GgufFile readHeader(Path file) throws BadModelFileException {
    if (Files.isDirectory(file)) {
      throw new BadModelFileException(Reason.UNREADABLE, file, file + " is a folder, not a model file.");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw new BadModelFileException(Reason.EMPTY, file,
            file + " is empty (0 bytes), not a model; download it again.");
      }
      return parse(file, new GgufReader(channel), size);
    } catch (NoSuchFileException e) {
      throw new BadModelFileException(Reason.MISSING, file, "Model file not found: " + file + ".", e);
    } catch (AccessDeniedException e) {
      throw new BadModelFileException(Reason.UNREADABLE, file,
          "Cannot read model file " + file + ": permission denied.", e);
    } catch (IOException e) {
      throw new BadModelFileException(Reason.UNREADABLE, file,
          "Cannot read model file " + file + ": " + e.getMessage() + ".", e);
    }
  }

  private static GgufFile parse(Path file, GgufReader in, long size) throws IOException, BadModelFileException {
    int magic;
    try {
      magic = in.i32();
    } catch (EOFException e) {
      throw notGguf(file, e);
    }
    if (magic != MAGIC) {
      String head = new String(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(magic).array(),
          StandardCharsets.ISO_8859_1);
      if (Set.of("lmgg", "fmgg", "tjgg", "ggml", "ggmf", "ggjt").contains(head)) {
        throw new BadModelFileException(Reason.NOT_GGUF, file, file
            + " is in the old GGML format, which llama.cpp no longer reads; download the GGUF version.");
      }
      throw notGguf(file, null);
    }
    try {
      int version = in.i32();
      if (version != 2 && version != 3) {
        String why = Integer.reverseBytes(version) == 3 ? "is a big-endian GGUF file"
            : "uses GGUF version " + Integer.toUnsignedString(version);
        throw new BadModelFileException(Reason.UNSUPPORTED_VERSION, file,
            file + " " + why + ", which this version of Tars cannot read (it reads little-endian GGUF v2 and v3).");
      }
      long tensors = in.count(file, "tensor count");
      long kvs = in.count(file, "metadata count");
      Map<String, Object> metadata = new LinkedHashMap<>();
      Map<String, Long> arrays = new LinkedHashMap<>();
      for (long i = 0; i < kvs; i++) {
        String key = in.string(file);
        int type = in.i32();
        if (type == 9) {
          int elementType = in.i32();
          long length = in.count(file, "array length of " + key);
          arrays.put(key, length);
          for (long j = 0; j < length; j++) {
            in.skipValue(file, elementType);
          }
        } else {
          metadata.put(key, in.value(file, type));
        }
      }
      long alignment = metadata.get("general.alignment") instanceof Number n ? n.longValue() : DEFAULT_ALIGNMENT;
      if (alignment <= 0 || alignment > 1 << 20 || Long.bitCount(alignment) != 1) {
        throw damaged(file, "its alignment " + alignment + " is not a power of two");
      }
      long dataEnd = 0;
      long parameters = 0;
      Map<GgmlType, Long> bytesByType = new EnumMap<>(GgmlType.class);
      for (long i = 0; i < tensors; i++) {
        String name = in.string(file);
        int dims = in.i32();
        if (dims < 1 || dims > 4) {
          throw damaged(file, "tensor " + name + " has " + dims + " dimensions");
        }
        long elements = 1;
        for (int d = 0; d < dims; d++) {
          long extent = in.count(file, "dimension of " + name);
          elements = Math.multiplyExact(elements, extent);
        }
        int typeId = in.i32();
        long offset = in.i64();
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
          throw new BadModelFileException(Reason.UNSUPPORTED_TENSOR_TYPE, file, file + " stores tensor " + name
              + " in type " + typeId + ", which this llama.cpp does not support; download another quantization.");
        }
        if (offset < 0 || offset % alignment != 0) {
          throw damaged(file, "tensor " + name + " starts at a misaligned offset " + offset);
        }
        long bytes = type.bytesFor(elements);
        parameters += elements;
        bytesByType.merge(type, bytes, Long::sum);
        dataEnd = Math.max(dataEnd, offset + bytes);
      }
      long dataStart = (in.position() + alignment - 1) / alignment * alignment;
      long needed = dataStart + dataEnd;
      if (size < needed) {
        throw truncated(file, needed, size);
      }
      String dominant = bytesByType.entrySet().stream().max(Map.Entry.comparingByValue())
          .map(e -> e.getKey().name()).orElse("none");
      return new GgufFile(file, size, version, metadata, arrays, (int) tensors, parameters, dominant);
    } catch (EOFException e) {
      throw truncated(file, -1, size);
    } catch (ArithmeticException e) {
      throw damaged(file, "a tensor is impossibly large");
    }
  }

  private static BadModelFileException notGguf(Path file, Throwable cause) {
    return new BadModelFileException(Reason.NOT_GGUF, file,
        file + " is not a GGUF model file (it lacks the GGUF signature); choose a .gguf model.", cause);
  }

  private static BadModelFileException truncated(Path file, long needed, long size) {
    String expected = needed > 0 ? "it has " + size + " of the " + needed + " bytes it needs" : "it ends inside its header";
    return new BadModelFileException(Reason.TRUNCATED, file,
        file + " is truncated (" + expected + "); the download was probably interrupted, download it again.");
  }

  static BadModelFileException damaged(Path file, String detail) {
    return new BadModelFileException(Reason.DAMAGED, file, file + " is damaged: " + detail + ".");
  }

  // ---- what the file says ----

  public Path path() {
    return path;
  }

  public long fileSize() {
    return fileSize;
  }

  public int version() {
    return version;
  }

  /** {@code general.architecture}, e.g. {@code llama}; null when the file does not say. */
  public String architecture() {
    return metadata.get("general.architecture") instanceof String s ? s : null;
  }

  /** {@code general.name}, else the file name without {@code .gguf}. */
  public String name() {
    if (metadata.get("general.name") instanceof String s && !s.isBlank()) {
      return s;
    }
    String fileName = path.getFileName().toString();
    return fileName.toLowerCase(Locale.ROOT).endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }

  /** The context window the model was trained for ({@code <arch>.context_length}), or -1. */
  public int contextLength() {
    return metadata.get(architecture() + ".context_length") instanceof Number n ? n.intValue() : -1;
  }

  /** Elements in all tensors: the parameter count. */
  public long parameterCount() {
    return parameterCount;
  }

  /** The parameter count as people write it: {@code 135M}, {@code 1.1B}. */
  public String parameterLabel() {
    double p = parameterCount;
    if (p >= 1e9) {
      return String.format(Locale.ROOT, p >= 1e10 ? "%.0fB" : "%.1fB", p / 1e9);
    }
    if (p >= 1e6) {
      return String.format(Locale.ROOT, "%.0fM", p / 1e6);
    }
    return String.format(Locale.ROOT, "%.0fK", p / 1e3);
  }

  /** The quantization, e.g. {@code Q4_K_M}: from {@code general.file_type}, else the type of most bytes. */
  public String quantization() {
    if (metadata.get("general.file_type") instanceof Number n && FILE_TYPES.containsKey(n.intValue())) {
      return FILE_TYPES.get(n.intValue());
    }
    return dominantTensorType;
  }

  public Optional<String> chatTemplate() {
    return metadata.get("tokenizer.chat_template") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  public boolean hasChatTemplate() {
    return chatTemplate().isPresent();
  }

  public int tensorCount() {
    return tensorCount;
  }

  /** Tokens in the vocabulary, or -1. */
  public long vocabularySize() {
    return arrayLength("tokenizer.ggml.tokens");
  }

  /** Length of an array-valued key, or -1 when absent. */
  public long arrayLength(String key) {
    return arrayLengths.getOrDefault(key, -1L);
  }

  /** Scalar metadata: String, Boolean, Long (all integer types), Double (float types). */
  public Map<String, Object> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return name() + " (" + architecture() + ", " + parameterLabel() + ", " + quantization() + ", context "
        + contextLength() + ")";
  }
}
