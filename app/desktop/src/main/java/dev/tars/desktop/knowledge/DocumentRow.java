package dev.tars.desktop.knowledge;

import dev.tars.knowledge.DocumentInfo;
import dev.tars.knowledge.DocumentStatus;
import java.util.Locale;

/** One line of the Knowledge page's document table, in words. */
public record DocumentRow(long id, String name, String folder, DocumentStatus status, String statusText,
    String pages, String chunks) {

  static DocumentRow of(DocumentInfo d) {
    String name = d.path().getFileName() == null ? d.path().toString() : d.path().getFileName().toString();
    String folder = d.path().getParent() == null ? "" : d.path().getParent().toString();
    return new DocumentRow(d.id(), name, folder, d.status(), describe(d),
        d.pages() > 0 ? Integer.toString(d.pages()) : "", d.chunks() > 0 ? Integer.toString(d.chunks()) : "");
  }

  static String describe(DocumentInfo d) {
    return switch (d.status()) {
      case QUEUED -> "Queued";
      case PARSING -> "Reading";
      case OCR -> "Recognising text (OCR)";
      case EMBEDDING -> "Embedding";
      case INDEXED -> "Indexed";
      case FAILED -> "Failed: " + (d.reason() == null ? "unknown reason" : d.reason());
      case REMOVING -> "Removing";
    };
  }

  boolean failed() {
    return status == DocumentStatus.FAILED;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s)", name, statusText);
  }
}
