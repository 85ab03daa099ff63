package dev.tars.chat;

import java.util.List;
import java.util.Objects;

/**
 * A piece of context added to the system prompt for one answer.
 *
 * @param kind what it is, e.g. {@code project}, {@code memory}, {@code knowledge}
 * @param text the text the model reads (already formatted, e.g. numbered passages)
 * @param sources what the text came from, shown to the person with the answer (citations, memories used)
 */
public record ContextBlock(String kind, String text, List<Source> sources) {
  public ContextBlock {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    sources = List.copyOf(sources);
  }

  /**
   * One source of a context block.
   *
   * @param label what a person sees, e.g. {@code [1] report.pdf, page 3}
   * @param reference what opens it, e.g. a chunk or memory id (meaning depends on the block's kind)
   */
  public record Source(String label, String reference) {}
}
