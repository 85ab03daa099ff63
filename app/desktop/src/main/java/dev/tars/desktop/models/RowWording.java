package dev.tars.desktop.models;

import dev.tars.desktop.fx.I18n;
import dev.tars.models.Bytes;
import dev.tars.models.CatalogEntry;
import dev.tars.models.DownloadProgress;
import dev.tars.models.Fit;
import dev.tars.models.InstalledModel;
import dev.tars.models.ModelKind;
import dev.tars.models.ModelManager;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How a model is worded in a row of the Models page, in the UI's language: the catalog's or the file's facts,
 * the fit for this computer, download progress, and the words the search box matches.
 */
final class RowWording {
  private final ModelManager manager;
  private final I18n i18n;
  private final String recommendedName;

  RowWording(ModelManager manager, I18n i18n, String recommendedName) {
    this.manager = manager;
    this.i18n = i18n;
    this.recommendedName = recommendedName;
  }

  /** Fills {@code row} for a model installed from a file, which the catalog does not know. */
  void describeImported(ModelRow row, InstalledModel m) {
    row.titleProperty().set(m.metadata() != null ? i18n.get("models.page.imported", m.metadata().name()) : m.name());
    row.kindProperty().set(kind(m.kind()));
    row.sizeProperty().set(Bytes.human(m.sizeBytes()));
    row.quantizationProperty().set(m.metadata() != null ? m.metadata().quantization() : "");
    row.contextProperty().set(m.metadata() != null ? contextText(m.metadata().contextLength()) : "");
    row.licenseProperty().set(i18n.get("models.page.licenseUnknown"));
    row.setSizeBytes(m.sizeBytes());
    setFit(row, m.sizeBytes());
    index(row, m.name(), row.quantizationProperty().get());
  }

  /** What the search box lets through: every word of {@code query} in a row's words; null lets all through. */
  static Predicate<ModelRow> matching(String query) {
    String[] words = query == null ? new String[0] : query.toLowerCase(Locale.ROOT).trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      return null;
    }
    return row -> {
      for (String word : words) {
        if (!row.searchText().contains(word)) {
          return false;
        }
      }
      return true;
    };
  }
  /** "32K" for 32768 tokens: the column stays narrow and reads like the model cards do. */
  static String contextText(int tokens) {
    if (tokens <= 0) {
      return "";
    }
    return tokens % 1024 == 0 ? tokens / 1024 + "K" : String.valueOf(tokens);
  }
  private static void index(ModelRow row, String... words) {
    StringBuilder text = new StringBuilder();
    for (String w : words) {
      if (w != null) {
        text.append(w.toLowerCase(Locale.ROOT)).append(' ');
      }
    }
    text.append(row.titleProperty().get().toLowerCase(Locale.ROOT)).append(' ')
        .append(row.sizeProperty().get().toLowerCase(Locale.ROOT)).append(' ')
        .append(row.kindProperty().get().toLowerCase(Locale.ROOT));
    row.setSearchText(text.toString());
  }
  /** Fills {@code row} from its catalog entry. */
  void describe(ModelRow row, CatalogEntry e) {
    row.titleProperty().set(e.displayName());
    row.kindProperty().set(kind(e.kind()));
    row.sizeProperty().set(Bytes.human(e.sizeBytes()));
    row.quantizationProperty().set(e.quantization() == null ? "" : e.quantization());
    row.contextProperty().set(contextText(e.contextLength()));
    row.licenseProperty().set(e.license());
    row.setSizeBytes(e.sizeBytes());
    row.setRecommended(e.name().equals(recommendedName));
    row.descriptionProperty().set(e.family() == null || !i18n.has("models.family." + e.family()) ? "" : i18n.get("models.family." + e.family()));
    setFit(row, e.sizeBytes());
    index(row, e.name(), e.family(), e.parameters(), e.quantization(), e.license());
  }
  private String kind(ModelKind kind) {
    return i18n.get("models.page.kind." + kind.name());
  }
  private void setFit(ModelRow row, long sizeBytes) {
    Fit fit = manager.fit(sizeBytes);
    row.fitLevelProperty().set(fit);
    row.fitProperty().set(i18n.get("models.page.fit." + fit.name()));
    row.fitHintProperty().set(i18n.get("models.page.fitHint", Bytes.human(Fit.requiredBytes(sizeBytes)),
        Bytes.human(manager.totalRam())));
  }
  /** "123.4 MB of 491.0 MB, 25%, 5.2 MB/s, 1:10 left" in the UI's language. */
  String describe(DownloadProgress p) {
    StringBuilder s = new StringBuilder(p.totalBytes() > 0
        ? i18n.get("models.page.progress.ofPercent", Bytes.human(p.bytesDone()), Bytes.human(p.totalBytes()),
            (int) (p.fraction() * 100))
        : Bytes.human(p.bytesDone()));
    s.append(", ").append(Bytes.speed(p.bytesPerSecond()));
    if (p.remaining() != null) {
      s.append(", ").append(i18n.get("models.page.progress.left", Bytes.duration(p.remaining())));
    }
    return s.toString();
  }
  /** Marks {@code row} as installed as {@code m}. */
  void markInstalled(ModelRow row, InstalledModel m) {
    row.setInstalled(m);
    row.detailsProperty().set(m.metadata() != null ? m.metadata().describe() : "");
    row.progressProperty().set(1);
    row.progressTextProperty().set("");
    row.messageProperty().set(i18n.get(m.downloadedUnverified() ? "models.installed.notVerified"
        : "models.installed"));
    row.stateProperty().set(ModelRow.State.INSTALLED);
  }
}
