package dev.tars.knowledge.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.tars.concurrent.NamedThreads;
import dev.tars.embedding.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BERT-style sentence embedder on DJL + ONNX Runtime: CLS pooling, L2-normalised. One ONNX session is shared
 * by {@code workers} predictors, each running with one intra-op thread: on two cores two single-threaded
 * workers beat one two-threaded worker (see docs/stack.md).
 */
public final class OnnxEmbedder implements Embedder {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbedder.class);
  private static final int MAX_TOKENS = 512;

  /** The default model, read from the langchain4j embeddings jar on the class path (no network). */
  public static final ModelFiles BGE_SMALL_EN_V15_Q = new ModelFiles("bge-small-en-v1.5-q", 384,
      "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
      "Represent this sentence for searching relevant passages: ");

  /** Where a model's files live on the class path and how queries are phrased for it. */
  public record ModelFiles(String name, int dimension, String onnxResource, String tokenizerResource,
      String queryInstruction) {}

  private final ModelFiles files;
  private final HuggingFaceTokenizer tokenizer;
  private final ZooModel<NDList, NDList> model;
  private final BlockingQueue<Predictor<NDList, NDList>> predictors;
  private final List<Predictor<NDList, NDList>> allPredictors = new ArrayList<>();
  private final ExecutorService workers;
  private final int workerCount;
  /** A session of its own with several intra-op threads, so one query uses every core; null when disabled. */
  private final ZooModel<NDList, NDList> queryModel;
  private final Predictor<NDList, NDList> queryPredictor;
  private final ReentrantLock queryLock = new ReentrantLock();

  private OnnxEmbedder(ModelFiles files, HuggingFaceTokenizer tokenizer, ZooModel<NDList, NDList> model,
      int workerCount, ZooModel<NDList, NDList> queryModel) {
    this.files = files;
    this.tokenizer = tokenizer;
    this.model = model;
    this.workerCount = workerCount;
    this.queryModel = queryModel;
    this.queryPredictor = queryModel == null ? null : queryModel.newPredictor();
    // One predictor more than workers so a query never waits behind an ingestion batch.
    this.predictors = new ArrayBlockingQueue<>(workerCount + 1);
    for (int i = 0; i <= workerCount; i++) {
      Predictor<NDList, NDList> p = model.newPredictor();
      allPredictors.add(p);
      predictors.add(p);
    }
    this.workers = Executors.newFixedThreadPool(workerCount, NamedThreads.named("embed"));
  }

  /**
   * Loads the model, unpacking its files from the class path into {@code cacheDir} the first time.
   *
   * @throws EmbedderUnavailableException with a person-readable message when the model cannot be loaded
   */
  public static OnnxEmbedder load(ModelFiles files, Path cacheDir, int workers) {
    return load(files, cacheDir, workers, DEFAULT_QUERY_THREADS);
  }

  /**
   * Threads one query embedding may use. A query is a single short sequence, so splitting each operator over
   * the cores shortens it; passages keep one thread per worker (two single-threaded workers embed more per
   * second than one two-threaded one). See docs/decisions/0405-retrieval-tuning.md.
   */
  public static final int DEFAULT_QUERY_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

  /**
   * As {@link #load(ModelFiles, Path, int)}; {@code queryThreads > 1} gives queries a session of their own with
   * that many intra-op threads (a second copy of the model in memory; the default model's file is 33 MB).
   */
  public static OnnxEmbedder load(ModelFiles files, Path cacheDir, int workers, int queryThreads) {
    System.setProperty("ai.djl.offline", "true");
    try {
      Path dir = cacheDir.resolve(files.name());
      Files.createDirectories(dir);
      Path onnx = unpack(files.onnxResource(), dir.resolve(files.name() + ".onnx"));
      Path tokenizerJson = unpack(files.tokenizerResource(), dir.resolve("tokenizer.json"));
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerJson)
          .optMaxLength(MAX_TOKENS)
          .optTruncation(true)
          .optPadding(true)
          .build();
      ZooModel<NDList, NDList> model = session(onnx, files.name(), 1);
      ZooModel<NDList, NDList> queryModel = queryThreads > 1 ? session(onnx, files.name(), queryThreads) : null;
      LOG.info("Loaded embedding model {} ({}-d) with {} workers, {} threads per query", files.name(),
          files.dimension(), workers, Math.max(1, queryThreads));
      return new OnnxEmbedder(files, tokenizer, model, workers, queryModel);
    } catch (Exception e) {
      LOG.error("Cannot load embedding model {}", files.name(), e);
      throw new EmbedderUnavailableException("The embedding model " + files.name()
          + " could not be loaded (" + e.getMessage() + "). Reinstall Tars or check the log.", e);
    }
  }

  private static ZooModel<NDList, NDList> session(Path onnx, String name, int threads) throws Exception {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(onnx.getParent())
        .optModelName(name)
        .optEngine("OnnxRuntime")
        .optOption("intraOpNumThreads", Integer.toString(threads))
        .optOption("interOpNumThreads", "1")
        .build()
        .loadModel();
  }

  private static Path unpack(String resource, Path target) throws IOException {
    try (InputStream in = OnnxEmbedder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("model file " + resource + " is missing from the class path");
      }
      Path tmp = target.resolveSibling(target.getFileName() + ".part");
      long size = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      if (Files.exists(target) && Files.size(target) == size) {
        Files.delete(tmp);
      } else {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    }
  }

  @Override
  public String modelName() {
    return files.name();
  }

  @Override
  public int dimension() {
    return files.dimension();
  }

  /**
   * Each passage is run through the model on its own, never padded into a batch with others: the model's
   * activations are quantised to int8 at run time with a scale taken over the whole input tensor, so a batch's
   * padding and its other passages would change a passage's vector (cosine ~0.997 to itself alone). Alone, a
   * passage gets the same vector whatever it is embedded with, and the same as the reference implementation's.
   * The workers take passages longest first, so the last one to finish is a short one.
   */
  @Override
  public List<float[]> embedPassages(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed());
    float[][] out = new float[texts.size()][];
    List<Future<?>> pending = new ArrayList<>(order.length);
    for (int i : order) {
      pending.add(workers.submit(() -> {
        out[i] = inferPooled(List.of(texts.get(i)))[0];
      }));
    }
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.forEach(p -> p.cancel(true));
        throw new EmbedderUnavailableException("Embedding was interrupted", e);
      } catch (ExecutionException e) {
        throw new EmbedderUnavailableException("Embedding failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
    return Arrays.asList(out);
  }

  @Override
  public float[] embedQuery(String query) {
    List<String> text = List.of(files.queryInstruction() + query);
    // A second query arriving meanwhile does not wait: it takes a worker predictor instead.
    if (queryPredictor != null && queryLock.tryLock()) {
      try {
        return infer(queryPredictor, text)[0];
      } finally {
        queryLock.unlock();
      }
    }
    return inferPooled(text)[0];
  }

  /** Raw model throughput path, used by the benchmark as the reference the pipeline is compared to. */
  public int workers() {
    return workerCount;
  }

  private float[][] inferPooled(List<String> texts) {
    Predictor<NDList, NDList> predictor;
    try {
      predictor = predictors.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbedderUnavailableException("Embedding was interrupted", e);
    }
    try {
      return infer(predictor, texts);
    } finally {
      predictors.add(predictor);
    }
  }

  private float[][] infer(Predictor<NDList, NDList> predictor, List<String> texts) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Encoding[] encodings = tokenizer.batchEncode(texts);
      int rows = encodings.length;
      int cols = encodings[0].getIds().length;
      long[] ids = new long[rows * cols];
      long[] mask = new long[rows * cols];
      long[] types = new long[rows * cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(encodings[r].getIds(), 0, ids, r * cols, cols);
        System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * cols, cols);
        System.arraycopy(encodings[r].getTypeIds(), 0, types, r * cols, cols);
      }
      Shape shape = new Shape(rows, cols);
      NDArray idArray = manager.create(ids, shape);
      idArray.setName("input_ids");
      NDArray maskArray = manager.create(mask, shape);
      maskArray.setName("attention_mask");
      NDArray typeArray = manager.create(types, shape);
      typeArray.setName("token_type_ids");
      NDList output = predictor.predict(new NDList(idArray, maskArray, typeArray));
      float[] hidden = output.get(0).toFloatArray();
      int dim = files.dimension();
      float[][] vectors = new float[rows][dim];
      for (int r = 0; r < rows; r++) {
        // CLS pooling: the first token's hidden state is the sentence vector for BGE models.
        System.arraycopy(hidden, r * cols * dim, vectors[r], 0, dim);
        normalise(vectors[r]);
      }
      output.close();
      return vectors;
    } catch (ai.djl.translate.TranslateException e) {
      throw new EmbedderUnavailableException("Embedding failed: " + e.getMessage(), e);
    }
  }

  static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float norm = (float) Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    allPredictors.forEach(Predictor::close);
    if (queryModel != null) {
      queryLock.lock();
      try {
        queryPredictor.close();
        queryModel.close();
      } finally {
        queryLock.unlock();
      }
    }
    model.close();
    tokenizer.close();
  }

  /** Signals that embeddings cannot be produced at all (not a problem of one document). */
  public static final class EmbedderUnavailableException extends RuntimeException {
    public EmbedderUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

}
