package dev.tars.desktop.projects;

import dev.tars.desktop.feature.ProjectNames;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.Notices;
import dev.tars.exchange.ExchangeService;
import dev.tars.exchange.ImportException;
import dev.tars.projects.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export of a conversation or a project (Markdown or JSON, chosen by the file's extension) and import of a Tars
 * or ChatGPT export. Files are read and written in the background; every outcome is a notice. UI-thread only.
 */
public final class ExchangeViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeViewModel.class);

  private final ExchangeService exchange;
  private final Background background;
  private final I18n i18n;
  private final Notices notices;
  private final Consumer<ExchangeService.ImportResult> imported;

  /** @param imported told (on the UI thread) what an import stored, e.g. to show the new project */
  public ExchangeViewModel(ExchangeService exchange, Background background, I18n i18n, Notices notices,
      Consumer<ExchangeService.ImportResult> imported) {
    this.exchange = exchange;
    this.background = background;
    this.i18n = i18n;
    this.notices = notices;
    this.imported = imported;
  }

  public void exportConversation(long conversationId, String title, Path file) {
    background.run(() -> {
      exchange.write(exchange.exportConversation(conversationId), file);
      return file;
    }, done -> saved(title, done), e -> exportFailed(title, file, e));
  }

  public void exportProject(Project project, Path file) {
    String name = ProjectNames.shown(project, i18n);
    background.run(() -> {
      exchange.write(exchange.exportProject(project.id()), file);
      return file;
    }, done -> saved(name, done), e -> exportFailed(name, file, e));
  }

  /** Imports {@code file}; conversations alone go into {@code targetProjectId}, a project export becomes a project. */
  public void importFile(Path file, long targetProjectId) {
    background.run(() -> exchange.importFile(file, targetProjectId), result -> {
      notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("exchange.imported",
          result.conversationIds().size(), result.format(), result.memories())));
      imported.accept(result);
    }, e -> notices.error(e instanceof ImportException ? e.getMessage()
        : i18n.get("exchange.importFailed", file.getFileName())));
  }

  /** A file name for an export: the title without characters file systems refuse, and the extension. */
  public static String fileName(String title, String extension) {
    String clean = title == null ? "" : title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ").replaceAll("\\s+", " ")
        .strip();
    if (clean.length() > 80) {
      clean = clean.substring(0, 80).strip();
    }
    return (clean.isEmpty() ? "tars-export" : clean) + "." + extension.toLowerCase(Locale.ROOT);
  }

  private void saved(String what, Path file) {
    notices.post(new Notices.Notice(Notices.Kind.SUCCESS, i18n.get("exchange.exported", what, file.getFileName())));
  }

  private void exportFailed(String what, Path file, Exception e) {
    if (e instanceof NoSuchElementException) {
      notices.error(e.getMessage());
    } else if (e instanceof IOException) {
      LOG.warn("Export to {} failed", file, e);
      notices.error(i18n.get("exchange.exportFailed", what, file.getFileName(), e.getMessage()));
    } else {
      notices.error(i18n.get("exchange.exportFailed", what, file.getFileName(), i18n.get("exchange.seeLog")));
    }
  }
}
