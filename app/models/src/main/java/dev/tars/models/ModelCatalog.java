package dev.tars.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The curated list of models Tars offers. Immutable and thread-safe. */
public final class ModelCatalog {
  /** Classpath location; the models module's build copies {@code models/catalog.json} from the repository root there. */
  public static final String RESOURCE = "/dev/tars/models/catalog.json";

  private final List<CatalogEntry> entries;

  public ModelCatalog(List<CatalogEntry> entries) {
    Set<String> names = new HashSet<>();
    for (CatalogEntry e : entries) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("catalog lists " + e.name() + " twice");
      }
    }
    this.entries = List.copyOf(entries);
  }

  /** The catalog shipped with this build. */
  public static ModelCatalog bundled() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the model catalog " + RESOURCE + " is missing from the build");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model catalog " + RESOURCE, e);
    }
  }

  public static ModelCatalog read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static ModelCatalog read(InputStream in) throws IOException {
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    CatalogFile file = mapper.readValue(in, CatalogFile.class);
    return new ModelCatalog(file.models() == null ? List.of() : file.models());
  }

  public List<CatalogEntry> entries() {
    return entries;
  }

  public List<CatalogEntry> entries(ModelKind kind) {
    return entries.stream().filter(e -> e.kind() == kind).toList();
  }

  /** Looks a model up by its name, ignoring case. */
  public Optional<CatalogEntry> find(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return entries.stream().filter(e -> e.name().equals(wanted)).findFirst();
  }

  /**
   * The first chat model to offer on a computer with {@code totalRamBytes} of memory: the largest starter that
   * still {@linkplain Fit#FITS fits} in half of it, so the browser and the rest of the desktop keep the other
   * half (with the catalog's starters: Qwen2.5 1.5B from about 8 GB, 0.5B below). On a computer too small for
   * any, the smallest starter; empty when the catalog marks none.
   */
  public Optional<CatalogEntry> recommended(long totalRamBytes) {
    List<CatalogEntry> starters = entries.stream().filter(e -> e.starter() && e.kind() == ModelKind.CHAT)
        .sorted(java.util.Comparator.comparingLong(CatalogEntry::sizeBytes)).toList();
    if (starters.isEmpty()) {
      return Optional.empty();
    }
    Optional<CatalogEntry> largestFitting = totalRamBytes <= 0 ? Optional.empty() : starters.reversed().stream()
        .filter(e -> Fit.of(totalRamBytes / 2, e.sizeBytes()) == Fit.FITS).findFirst();
    return largestFitting.or(() -> Optional.of(starters.getFirst()));
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CatalogFile(int schema, List<CatalogEntry> models) {}
}
