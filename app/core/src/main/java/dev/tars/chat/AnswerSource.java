package dev.tars.chat;

import java.util.List;
import java.util.Objects;

/**
 * One source an answer was given to read, kept with the answer: a cited document passage, a memory, the
 * project's instructions.
 *
 * @param kind the {@link ContextBlock#kind()} it came from, e.g. {@code knowledge}, {@code memory}, {@code project}
 * @param label what a person sees, e.g. {@code [1] report.pdf, page 3}
 * @param reference what opens it; its meaning depends on the kind
 */
public record AnswerSource(String kind, String label, String reference) {
  public AnswerSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(reference, "reference");
  }

  /** Every source of {@code blocks}, in order. */
  public static List<AnswerSource> of(List<ContextBlock> blocks) {
    return blocks.stream().flatMap(block -> block.sources().stream()
        .map(source -> new AnswerSource(block.kind(), source.label(), source.reference()))).toList();
  }
}
