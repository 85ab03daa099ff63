package dev.tars.bench.router;

import dev.tars.actions.router.Evaluation;
import dev.tars.actions.router.Intent;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alternative the rules were measured against (decision 1200): a multinomial naive Bayes over word
 * unigrams and bigrams, trained on the train part. It only chooses the intent; slots would still need rules.
 */
final class NaiveBayesIntents {
  private final Map<Intent, Map<String, Integer>> counts = new EnumMap<>(Intent.class);
  private final Map<Intent, Integer> totals = new EnumMap<>(Intent.class);
  private final Map<Intent, Integer> documents = new EnumMap<>(Intent.class);
  private final Set<String> vocabulary = new HashSet<>();
  private int allDocuments;

  NaiveBayesIntents(List<Evaluation.Example> training) {
    for (Evaluation.Example example : training) {
      Intent intent = example.intent();
      documents.merge(intent, 1, Integer::sum);
      allDocuments++;
      for (String feature : features(example.utterance())) {
        counts.computeIfAbsent(intent, i -> new HashMap<>()).merge(feature, 1, Integer::sum);
        totals.merge(intent, 1, Integer::sum);
        vocabulary.add(feature);
      }
    }
  }

  Intent classify(String utterance) {
    List<String> features = features(utterance);
    Intent best = Intent.NONE;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Intent intent : documents.keySet()) {
      double score = Math.log((double) documents.get(intent) / allDocuments);
      Map<String, Integer> seen = counts.getOrDefault(intent, Map.of());
      int total = totals.getOrDefault(intent, 0);
      for (String feature : features) {
        score += Math.log((seen.getOrDefault(feature, 0) + 1.0) / (total + vocabulary.size()));
      }
      if (score > bestScore) {
        bestScore = score;
        best = intent;
      }
    }
    return best;
  }

  private static List<String> features(String utterance) {
    String folded = Normalizer.normalize(utterance.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "").replaceAll("\\d+", "0");
    List<String> words = new ArrayList<>();
    for (String word : folded.split("[^\\p{L}0']+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    List<String> features = new ArrayList<>(words);
    for (int i = 0; i + 1 < words.size(); i++) {
      features.add(words.get(i) + "_" + words.get(i + 1));
    }
    return features;
  }
}
