package dev.tars.desktop.knowledge;

import dev.tars.desktop.fx.I18n;
import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.DocumentStatus;
import java.util.Locale;

/** One line of the Knowledge page's document table, in words. */
public record DocumentRow(long id, String name, String folder, DocumentStatus status, String statusText,
    String pages, String chunks) {

  static DocumentRow of(DocumentInfo d, I18n i18n) {
    String name = d.path().getFileName() == null ? d.path().toString() : d.path().getFileName().toString();
    String folder = d.path().getParent() == null ? "" : d.path().getParent().toString();
    return new DocumentRow(d.id(), name, folder, d.status(), describe(d, i18n),
        d.pages() > 0 ? Integer.toString(d.pages()) : "", d.chunks() > 0 ? Integer.toString(d.chunks()) : "");
  }

  static String describe(DocumentInfo d, I18n i18n) {
    if (d.status() == DocumentStatus.FAILED) {
      return d.reason() == null ? i18n.get("knowledge.page.status.FAILED.unknown")
          : i18n.get("knowledge.page.status.FAILED", d.reason().in(i18n.locale()));
    }
    return i18n.get("knowledge.page.status." + d.status().name());
  }

  boolean failed() {
    return status == DocumentStatus.FAILED;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s)", name, statusText);
  }
}
