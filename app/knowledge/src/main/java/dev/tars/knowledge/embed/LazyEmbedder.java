package dev.tars.knowledge.embed;

import dev.tars.embedding.Embedder;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An embedder that loads its model on the first text to embed. Loading bge-small (two ONNX Runtime sessions,
 * ~130 MB and a second of CPU) is the largest part of the app's start, and many sessions never search or add a
 * document; the model's name and dimension are known without loading it, so the index can be checked at once.
 * A model that fails to load fails every call with the same person-readable message, without retrying.
 */
public final class LazyEmbedder implements Embedder {
  private final String modelName;
  private final int dimension;
  private final Supplier<? extends Embedder> loader;
  private Embedder loaded;
  private RuntimeException failure;
  private boolean closed;

  public LazyEmbedder(String modelName, int dimension, Supplier<? extends Embedder> loader) {
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.dimension = dimension;
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The default model of {@link OnnxEmbedder#load(OnnxEmbedder.ModelFiles, java.nio.file.Path, int)}. */
  public static LazyEmbedder onnx(OnnxEmbedder.ModelFiles files, java.nio.file.Path cacheDir, int workers) {
    return new LazyEmbedder(files.name(), files.dimension(), () -> OnnxEmbedder.load(files, cacheDir, workers));
  }

  @Override
  public String modelName() {
    return modelName;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return model().embedPassages(texts);
  }

  @Override
  public float[] embedQuery(String query) {
    return model().embedQuery(query);
  }

  /**
   * Loads the model now if it is not loaded yet, e.g. on a background thread as the person starts typing a search,
   * so the search does not wait for it. A model that cannot load is reported by the next call that needs it.
   */
  public void preload() {
    try {
      model();
    } catch (RuntimeException e) {
      // kept in `failure`; the call that needs the model throws it with its message
    }
  }

  /** Whether the model has been loaded (for tests and the log). */
  public synchronized boolean isLoaded() {
    return loaded != null;
  }

  private synchronized Embedder model() {
    if (closed) {
      throw new IllegalStateException("The embedding model is closed");
    }
    if (failure != null) {
      throw failure;
    }
    if (loaded == null) {
      try {
        Embedder model = loader.get();
        if (!model.modelName().equals(modelName) || model.dimension() != dimension) {
          model.close();
          throw new IllegalStateException("The embedding model loaded as " + model.modelName() + " ("
              + model.dimension() + "-d) instead of " + modelName + " (" + dimension + "-d)");
        }
        loaded = model;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return loaded;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }
}
