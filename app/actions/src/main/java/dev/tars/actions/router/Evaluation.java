package dev.tars.actions.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a router on a labelled corpus (the format of {@code router/*.tsv}: intent, utterance, slots) the way
 * the benchmark reports it: intent accuracy, macro-F1 over the seven intents, false actions on {@code none},
 * exact date/time slots, token overlap of free-text slots, and routing time.
 */
public final class Evaluation {
  /** The clock every corpus expectation is written for (a Wednesday). */
  public static final LocalDateTime CORPUS_NOW = LocalDateTime.of(2026, 12, 2, 10, 0);

  private static final Set<String> DATE_SLOTS = Set.of(Slots.WHEN, Slots.START, Slots.END, Slots.FROM, Slots.TO);

  /** One labelled utterance. */
  public record Example(Intent intent, String utterance, Map<String, String> slots) {}

  /** One utterance the router got wrong, for reading. */
  public record Miss(Example expected, Routed actual) {}

  /** The figures. Rates are 0..1; {@code slotsChecked} counts expected date and free-text slots. */
  public record Report(int examples, double intentAccuracy, double macroF1, double falseActionRate,
      double dateTimeExact, double freeTextOverlap, int dateSlots, int textSlots, double p50Millis,
      double p95Millis, List<Miss> misses) {}

  private Evaluation() {}

  /** Reads a corpus file; {@code #} lines are comments. */
  public static List<Example> load(Path file) throws IOException {
    List<Example> examples = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() && !line.contains("\t") || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length < 2) {
        throw new IOException(file + ": expected intent<TAB>utterance<TAB>slots: " + line);
      }
      Map<String, String> slots = new LinkedHashMap<>();
      if (columns.length > 2 && !columns[2].isBlank()) {
        for (String pair : columns[2].split(" \\| ")) {
          int eq = pair.indexOf('=');
          slots.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
      examples.add(new Example(Intent.fromId(columns[0].strip()), columns[1], slots));
    }
    return examples;
  }

  public static Report evaluate(Router router, List<Example> examples) {
    int correct = 0;
    int noneTotal = 0;
    int falseActions = 0;
    int dateSlots = 0;
    int dateExact = 0;
    int textSlots = 0;
    double textOverlap = 0;
    Map<Intent, int[]> counts = new LinkedHashMap<>(); // true positives, false positives, false negatives
    for (Intent intent : Intent.values()) {
      counts.put(intent, new int[3]);
    }
    double[] millis = new double[examples.size()];
    List<Miss> misses = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      long start = System.nanoTime();
      Routed routed = router.route(example.utterance(), CORPUS_NOW);
      millis[i] = (System.nanoTime() - start) / 1e6;
      boolean right = routed.intent() == example.intent();
      if (right) {
        correct++;
        counts.get(example.intent())[0]++;
      } else {
        counts.get(routed.intent())[1]++;
        counts.get(example.intent())[2]++;
      }
      if (example.intent() == Intent.NONE) {
        noneTotal++;
        falseActions += routed.intent() == Intent.NONE ? 0 : 1;
      }
      boolean slotsRight = true;
      for (var slot : example.slots().entrySet()) {
        String actual = right ? routed.slots().get(slot.getKey()) : null;
        if (DATE_SLOTS.contains(slot.getKey())) {
          dateSlots++;
          boolean exact = slot.getValue().equals(actual);
          dateExact += exact ? 1 : 0;
          slotsRight &= exact;
        } else {
          textSlots++;
          double overlap = tokenOverlap(slot.getValue(), actual);
          textOverlap += overlap;
          slotsRight &= overlap == 1.0;
        }
      }
      if (!right || !slotsRight) {
        misses.add(new Miss(example, routed));
      }
    }
    double f1Sum = 0;
    for (int[] c : counts.values()) {
      double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
      double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
      f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    long present = counts.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[2] > 0).count();
    Arrays.sort(millis);
    return new Report(examples.size(), ratio(correct, examples.size()), present == 0 ? 0 : f1Sum / present,
        ratio(falseActions, noneTotal), ratio(dateExact, dateSlots), textSlots == 0 ? 1 : textOverlap / textSlots,
        dateSlots, textSlots, percentile(millis, 0.50), percentile(millis, 0.95), misses);
  }

  /** Token F1 between the expected and the actual free text, ignoring case, accents and punctuation. */
  public static double tokenOverlap(String expected, String actual) {
    if (actual == null) {
      return 0;
    }
    List<String> want = tokens(expected);
    List<String> got = tokens(actual);
    if (want.isEmpty() || got.isEmpty()) {
      return want.isEmpty() && got.isEmpty() ? 1 : 0;
    }
    List<String> remaining = new ArrayList<>(got);
    int common = 0;
    for (String token : want) {
      if (remaining.remove(token)) {
        common++;
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / got.size();
    double recall = (double) common / want.size();
    return 2 * precision * recall / (precision + recall);
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : Utterance.fold(text).split("[^\\p{L}\\p{N}@.'-]+")) {
      String clean = token.replaceAll("^[.'-]+|[.'-]+$", "");
      if (!clean.isEmpty()) {
        tokens.add(clean);
      }
    }
    return tokens;
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  /** Prints the misses of one or more corpus files: a development aid ({@code java ... Evaluation FILE...}). */
  public static void main(String[] args) throws IOException {
    Router router = Routers.firstStage();
    Set<String> seen = new HashSet<>();
    for (String arg : args) {
      if (!seen.add(arg)) {
        continue;
      }
      Report report = evaluate(router, load(Path.of(arg)));
      System.out.printf("%s: n=%d intent=%.3f macroF1=%.3f falseAction=%.3f date=%.3f (%d) text=%.3f (%d) p95=%.2fms%n",
          arg, report.examples(), report.intentAccuracy(), report.macroF1(), report.falseActionRate(),
          report.dateTimeExact(), report.dateSlots(), report.freeTextOverlap(), report.textSlots(),
          report.p95Millis());
      for (Miss miss : report.misses()) {
        System.out.printf("  %-16s %-60s want %s got %s %s %.2f%n", miss.expected().intent().id(),
            miss.expected().utterance(), miss.expected().slots(), miss.actual().intent().id(), miss.actual().slots(),
            miss.actual().confidence());
      }
    }
  }
}
