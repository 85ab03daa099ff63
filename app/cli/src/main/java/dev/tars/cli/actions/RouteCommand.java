package dev.tars.cli.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tars.actions.router.Routed;
import dev.tars.actions.router.RoutedText;
import dev.tars.actions.router.Router;
import dev.tars.actions.router.Routers;
import dev.tars.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tars route [--json] [--now YYYY-MM-DDTHH:MM] [--file FILE] [UTTERANCE]}: what the on-device router
 * understood, one line per utterance. Writes nothing, opens no database and starts no engine, so it starts fast.
 */
@Command(name = "route", mixinStandardHelpOptions = true,
    description = {"Show what Tars understands from a command, without doing it (nothing is written).",
        "Intents and slots: note.create {text}, note.search {query}, event.create {title, start, end?, location?},"
            + " reminder.create {text, when}, agenda.query {from, to}, memory.remember {fact}, none {}.",
        "Date-times are YYYY-MM-DDTHH:MM (local), days YYYY-MM-DD."})
public final class RouteCommand implements Callable<Integer> {
  private static final DateTimeFormatter NOW_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per utterance: intent, slots, confidence, lang.")
  boolean json;

  @Option(names = "--now", paramLabel = "YYYY-MM-DDTHH:MM",
      description = "The local date and time to read relative dates against (default: now).")
  String now;

  @Option(names = "--file", paramLabel = "FILE",
      description = "Route every line of FILE (UTF-8, '-' for standard input); JSON Lines out, in the same order.")
  Path file;

  @Parameters(arity = "0..*", paramLabel = "UTTERANCE", description = "What you would say to Tars.")
  List<String> words = List.of();

  private final Router router;

  public RouteCommand() {
    this(Routers.firstStage());
  }

  RouteCommand(Router router) {
    this.router = router;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalDateTime clock;
    try {
      clock = now == null ? LocalDateTime.now().withSecond(0).withNano(0) : LocalDateTime.parse(now, NOW_FORMAT);
    } catch (DateTimeParseException e) {
      err.println("tars: --now must look like 2026-12-21T09:30 (local date and time), not '" + now + "'");
      return ExitCodes.USAGE;
    }
    if (file != null && !words.isEmpty()) {
      err.println("tars: give either --file FILE or an utterance, not both");
      return ExitCodes.USAGE;
    }
    if (file == null) {
      if (words.isEmpty()) {
        err.println("tars: nothing to route: give an utterance (tars route \"remind me to call mom at 5pm\")"
            + " or --file FILE");
        return ExitCodes.USAGE;
      }
      print(out, String.join(" ", words), clock, json);
      return ExitCodes.OK;
    }
    try (BufferedReader lines = open(file)) {
      String line;
      while ((line = lines.readLine()) != null) {
        print(out, line, clock, true);
      }
    } catch (NoSuchFileException e) {
      err.println("tars: no such file: " + file);
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println("tars: could not read " + file + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static BufferedReader open(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    // Malformed UTF-8 is replaced rather than fatal: a bad line must not stop the others.
    return new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)));
  }

  private void print(PrintWriter out, String utterance, LocalDateTime clock, boolean asJson) {
    Routed routed = router.route(utterance.startsWith("\uFEFF") ? utterance.substring(1) : utterance, clock);
    out.println(asJson ? toJson(routed) : new RoutedText(Locale.forLanguageTag(routed.lang())).describe(routed));
  }

  /** {@code {"intent": "...", "slots": {...}, "confidence": 0.92, "lang": "en"}} on one line. */
  static String toJson(Routed routed) {
    ObjectNode node = JSON.createObjectNode();
    node.put("intent", routed.intent().id());
    ObjectNode slots = node.putObject("slots");
    routed.slots().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> slots.put(e.getKey(), e.getValue()));
    node.put("confidence", BigDecimal.valueOf(routed.confidence()).setScale(2, RoundingMode.HALF_UP));
    node.put("lang", routed.lang());
    return node.toString();
  }
}
