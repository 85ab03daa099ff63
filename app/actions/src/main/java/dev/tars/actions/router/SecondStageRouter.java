package dev.tars.actions.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.engine.ChatEngine;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.ChatRequest;
import dev.tars.engine.Completion;
import dev.tars.engine.FinishReason;
import dev.tars.engine.Generation;
import dev.tars.engine.Sampling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage, and when it is unsure (confidence below {@link IntentRules#SURE}) and a model is loaded,
 * the chat model chooses the intent. The model answers JSON constrained by {@code route.schema.json} (a
 * llama.cpp grammar on the local engine, {@code response_format} on a remote one; decision 0802) and the
 * answer is validated again: an unknown intent, bad JSON, an error or a timeout leaves the first stage's
 * answer. Dates and times always come from the first stage's grammar, never from the model; the model's
 * free text is kept only when it is made of the person's own words. Blocking: call it off the UI thread.
 */
public final class SecondStageRouter implements Router {
  private static final Logger LOG = LoggerFactory.getLogger(SecondStageRouter.class);
  static final String SCHEMA = resource("route.schema.json");
  private static final String PROMPT = resource("route-prompt.txt");
  private static final Sampling SAMPLING = new Sampling(0.0, 1.0, 200);
  /** What a model's choice is worth: sure enough to show a card, never more than a clear first-stage rule. */
  static final double MODEL_CONFIDENCE = 0.75;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FirstStageRouter firstStage = new FirstStageRouter();
  private final Supplier<Optional<ChatEngine>> loadedEngine;
  private final Duration timeout;

  /**
   * @param loadedEngine the engine when a model is loaded and ready, empty otherwise (never starts a load)
   * @param timeout how long the model may take before the first stage's answer is used
   */
  public SecondStageRouter(Supplier<Optional<ChatEngine>> loadedEngine, Duration timeout) {
    this.loadedEngine = loadedEngine;
    this.timeout = timeout;
  }

  @Override
  public Routed route(String utterance, LocalDateTime now) {
    Routed first = firstStage.route(utterance, now);
    if (first.confidence() >= IntentRules.SURE || utterance == null || utterance.isBlank()
        || utterance.length() > FirstStageRouter.MAX_COMMAND_CHARS) {
      return first;
    }
    Optional<ChatEngine> engine = loadedEngine.get();
    if (engine.isEmpty()) {
      return first;
    }
    try {
      String answer = ask(engine.get(), utterance.strip());
      return fromAnswer(answer, utterance.strip(), now, first).orElse(first);
    } catch (TimeoutException e) {
      LOG.warn("The model took longer than {} s to route an utterance; keeping the first stage's answer",
          timeout.toSeconds());
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("The model could not route an utterance; keeping the first stage's answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return first;
  }

  private String ask(ChatEngine engine, String utterance) throws InterruptedException, ExecutionException,
      TimeoutException {
    List<ChatMessage> prompt = List.of(ChatMessage.system(PROMPT), ChatMessage.user(utterance));
    Generation generation = engine.generate(new ChatRequest(prompt, SAMPLING, List.of(), SCHEMA), token -> {});
    Completion completion;
    try {
      completion = generation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      generation.cancel();
      throw e;
    }
    if (completion.finishReason() != FinishReason.STOP) {
      throw new IllegalStateException("routing answer ended with " + completion.finishReason()
          + (completion.error() == null ? "" : ": " + completion.error().getMessage()));
    }
    return completion.text();
  }

  /** The model's answer made into a routing result, or empty when it does not validate. */
  static Optional<Routed> fromAnswer(String answer, String utterance, LocalDateTime now, Routed first) {
    JsonNode root = parse(answer);
    if (root == null || !root.path("intent").isTextual()) {
      LOG.debug("Routing answer is not the expected JSON: {}", preview(answer));
      return Optional.empty();
    }
    Intent intent;
    try {
      intent = Intent.fromId(root.get("intent").asText());
    } catch (IllegalArgumentException e) {
      LOG.debug("Routing answer names an unknown intent: {}", preview(answer));
      return Optional.empty();
    }
    if (intent == Intent.NONE) {
      return Optional.of(new Routed(Intent.NONE, Map.of(), MODEL_CONFIDENCE, first.lang()));
    }
    if (intent == first.intent()) {
      // The model agrees: the first stage's slots are already the best reading.
      return Optional.of(new Routed(intent, first.slots(), MODEL_CONFIDENCE, first.lang(), first.otherReadings()));
    }
    FirstStageRouter.Analysis analysis = FirstStageRouter.analyze(utterance, first.lang(), now);
    TimeFacts times = analysis.times().facts();
    String modelText = root.path("text").asText("").strip();
    String text = grounded(modelText, utterance) ? modelText : analysis.textWithoutTime();
    LocalDateTime clock = now.withSecond(0).withNano(0);
    Map<String, String> slots = new LinkedHashMap<>();
    switch (intent) {
      case NOTE_CREATE -> putText(slots, Slots.TEXT, text);
      case MEMORY_REMEMBER -> putText(slots, Slots.FACT, text);
      case NOTE_SEARCH -> putText(slots, Slots.QUERY, text);
      case REMINDER_CREATE -> {
        putText(slots, Slots.TEXT, text);
        LocalDateTime when = times.resolveMoment(clock);
        if (when != null) {
          slots.put(Slots.WHEN, Slots.format(when));
        }
      }
      case EVENT_CREATE -> {
        putText(slots, Slots.TITLE, text);
        String start = times.resolveStart(clock);
        if (start != null) {
          slots.put(Slots.START, start);
          String end = times.resolveEnd(clock);
          if (end != null) {
            slots.put(Slots.END, end);
          }
        }
      }
      case AGENDA_QUERY -> {
        LocalDate[] days = times.resolveDays(clock);
        slots.put(Slots.FROM, days[0].toString());
        slots.put(Slots.TO, days[1].toString());
      }
      case NONE -> throw new IllegalStateException("handled above");
    }
    return Optional.of(new Routed(intent, slots, MODEL_CONFIDENCE, first.lang()));
  }

  private static JsonNode parse(String answer) {
    String text = answer == null ? "" : answer.strip();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return null;
    }
    try {
      return JSON.readTree(text.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** At least half of the model's words are the person's: a model must not put words in their mouth. */
  static boolean grounded(String modelText, String utterance) {
    Set<String> said = new HashSet<>(List.of(Utterance.fold(utterance).split("[^\\p{L}\\p{N}]+")));
    String[] words = Utterance.fold(modelText).split("[^\\p{L}\\p{N}]+");
    int known = 0;
    int total = 0;
    for (String word : words) {
      if (!word.isEmpty()) {
        total++;
        known += said.contains(word) ? 1 : 0;
      }
    }
    return total > 0 && known * 2 >= total;
  }

  private static void putText(Map<String, String> slots, String name, String text) {
    if (!text.isBlank()) {
      slots.put(name, text.length() > 300 ? text.substring(0, 300) : text);
    }
  }

  private static String preview(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ");
    return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
  }

  private static String resource(String name) {
    try (InputStream in = SecondStageRouter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/tars/actions/router/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
