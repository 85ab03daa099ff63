package dev.tars.bench.knowledge;

import dev.tars.embedding.Embedder;
import dev.tars.knowledge.chunk.Chunk;
import dev.tars.knowledge.chunk.Chunker;
import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.parse.DocumentParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real passages and their real embeddings: files from a document tree (Debian's /usr/share/doc) in a fixed
 * shuffled order, parsed and chunked as ingestion does, exact duplicate passages dropped (licence boilerplate
 * repeats hundreds of times), at most {@link #PER_FILE} passages per file so no single manual dominates.
 *
 * <p>Embedding is the slow part, so vectors are cached in a file: a rerun reads them back, and asking for more
 * passages than the cache holds embeds only the missing ones (the order is deterministic, so the cached prefix
 * stays valid).
 */
final class RealCorpus {
  static final int PER_FILE = 40;
  private static final int MAGIC = 0x54524b31;

  final List<String> texts;
  final float[][] vectors;

  private RealCorpus(List<String> texts, float[][] vectors) {
    this.texts = texts;
    this.vectors = vectors;
  }

  int size() {
    return texts.size();
  }

  static RealCorpus loadOrBuild(Path cacheFile, Embedder embedder, Path root, int wanted, PrintStream out)
      throws IOException {
    List<String> cachedTexts = new ArrayList<>();
    List<float[]> cachedVectors = new ArrayList<>();
    if (Files.exists(cacheFile)) {
      read(cacheFile, embedder, cachedTexts, cachedVectors);
    }
    if (cachedTexts.size() >= wanted) {
      out.printf(Locale.ROOT, "real passages: %d read from %s (of %d cached)%n", wanted, cacheFile,
          cachedTexts.size());
      return new RealCorpus(List.copyOf(cachedTexts.subList(0, wanted)),
          cachedVectors.subList(0, wanted).toArray(float[][]::new));
    }
    List<String> texts = collect(root, wanted);
    if (!texts.subList(0, Math.min(texts.size(), cachedTexts.size())).equals(
        cachedTexts.subList(0, Math.min(texts.size(), cachedTexts.size())))) {
      out.println("real passages: cache does not match the corpus any more; embedding from scratch");
      cachedTexts.clear();
      cachedVectors.clear();
    }
    List<float[]> vectors = new ArrayList<>(cachedVectors);
    long t0 = System.nanoTime();
    int fresh = 0;
    for (int from = vectors.size(); from < texts.size(); from += 512) {
      List<String> slice = texts.subList(from, Math.min(texts.size(), from + 512));
      vectors.addAll(embedder.embedPassages(slice));
      fresh += slice.size();
      write(cacheFile, embedder, texts.subList(0, vectors.size()), vectors);
      double s = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "  embedded %d/%d real passages (%.1f passages/s)%n", vectors.size(), texts.size(),
          fresh / s);
    }
    out.printf(Locale.ROOT, "real passages: %d (%d from the cache, %d embedded now) from %s%n", texts.size(),
        texts.size() - fresh, fresh, root);
    return new RealCorpus(List.copyOf(texts), vectors.toArray(float[][]::new));
  }

  private static List<String> collect(Path root, int wanted) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = new ArrayList<>(walk.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p))
          .sorted(Comparator.comparing(Path::toString)).toList());
    }
    Collections.shuffle(files, new Random(7));
    DocumentParser parser = new DocumentParser(null);
    Chunker chunker = Chunker.standard();
    Set<String> seen = new HashSet<>();
    List<String> texts = new ArrayList<>();
    for (Path f : files) {
      if (texts.size() >= wanted) {
        break;
      }
      try {
        if (Files.size(f) == 0 || Files.size(f) > 4L * 1024 * 1024) {
          continue;
        }
        List<Chunk> chunks = chunker.chunk(parser.parse(f, DocumentParser.Stage.NONE).blocks());
        int taken = 0;
        for (Chunk c : chunks) {
          String t = c.text().strip();
          if (t.length() >= 80 && seen.add(t) && taken < PER_FILE && texts.size() < wanted) {
            texts.add(t);
            taken++;
          }
        }
      } catch (DocumentRejectedException | IOException | RuntimeException e) {
        // Images, binaries and the like: the benchmark wants text passages, so such files are simply skipped.
      }
    }
    return texts;
  }

  private static void read(Path file, Embedder embedder, List<String> texts, List<float[]> vectors)
      throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(embedder.modelName())
          || in.readInt() != embedder.dimension()) {
        return;
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        float[] v = new float[embedder.dimension()];
        for (int d = 0; d < v.length; d++) {
          v[d] = in.readFloat();
        }
        texts.add(new String(b, StandardCharsets.UTF_8));
        vectors.add(v);
      }
    }
  }

  private static void write(Path file, Embedder embedder, List<String> texts, List<float[]> vectors)
      throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeUTF(embedder.modelName());
      out.writeInt(embedder.dimension());
      out.writeInt(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        byte[] b = texts.get(i).getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
        for (float x : vectors.get(i)) {
          out.writeFloat(x);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
