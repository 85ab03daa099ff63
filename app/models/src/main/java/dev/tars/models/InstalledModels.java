package dev.tars.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list of installed models, kept as {@code installed.json} inside the models folder so the folder
 * describes itself (it survives a database reset and can be copied to another machine). Entries whose file
 * has gone (deleted by hand) are not listed. Thread-safe; every change is written at once, atomically.
 */
public final class InstalledModels {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledModels.class);
  public static final String FILE_NAME = "installed.json";

  private final Path modelsDir;
  private final Path file;
  private final ObjectMapper json = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private final List<InstalledModel> models = new ArrayList<>();

  public InstalledModels(Path modelsDir) {
    this.modelsDir = modelsDir;
    this.file = modelsDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      try {
        models.addAll(json.readValue(file.toFile(), new TypeReference<List<InstalledModel>>() {}));
      } catch (IOException e) {
        LOG.error("The list of installed models {} is unreadable; starting a new one", file, e);
        try {
          Files.copy(file, file.resolveSibling(FILE_NAME + ".broken"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException copy) {
          LOG.warn("Could not keep a copy of {}", file, copy);
        }
      }
    }
  }

  public Path modelsDir() {
    return modelsDir;
  }

  /** Installed models whose file is still there, by name. */
  public synchronized List<InstalledModel> list() {
    return models.stream().filter(m -> Files.exists(location(m)))
        .sorted(Comparator.comparing(InstalledModel::name)).toList();
  }

  public synchronized Optional<InstalledModel> find(String name) {
    return list().stream().filter(m -> m.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  public Path location(InstalledModel model) {
    return modelsDir.resolve(model.path());
  }

  /** Adds or replaces the entry with {@code model}'s name. */
  public synchronized void put(InstalledModel model) throws IOException {
    models.removeIf(m -> m.name().equals(model.name()));
    models.add(model);
    save();
  }

  public synchronized void remove(String name) throws IOException {
    models.removeIf(m -> m.name().equals(name));
    save();
  }

  /**
   * Records a model just put in the folder; when the list cannot be written, deletes its files again so that
   * no unlisted model is left behind.
   */
  void putOrUndo(InstalledModel model, Path installedPath) throws ModelException {
    try {
      put(model);
    } catch (IOException e) {
      deleteFiles(installedPath);
      throw new ModelException(DownloadText.of(DownloadText.Key.RECORD_FAILED, model.name(),
          String.valueOf(e.getMessage()), modelsDir.toString()), e);
    }
  }

  /** Deletes a model's file or folder; a failure is logged, not thrown (the list no longer names it). */
  static void deleteFiles(Path location) {
    if (Files.isDirectory(location)) {
      ArchiveExtractor.deleteTree(location);
      return;
    }
    try {
      Files.deleteIfExists(location);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", location, e);
    }
  }

  private void save() throws IOException {
    Files.createDirectories(modelsDir);
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    json.writeValue(tmp.toFile(), models);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
