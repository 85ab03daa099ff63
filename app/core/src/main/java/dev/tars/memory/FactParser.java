package dev.tars.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates the model's answer to the extraction prompt against {@code facts.schema.json}. With a
 * grammar the answer already has that shape; remote servers may ignore the schema, so code fences and text
 * around the JSON object are tolerated, but every field is checked.
 */
public final class FactParser {
  private static final Logger LOG = LoggerFactory.getLogger(FactParser.class);
  static final int MAX_FACTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One fact the model found. */
  public record Fact(String text, boolean projectScope) {}

  private FactParser() {}

  public static List<Fact> parse(String answer) throws MemoryExtractionException {
    String text = answer == null ? "" : answer.strip();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      LOG.debug("Extraction answer without JSON: {}", preview(text));
      throw new MemoryExtractionException("The model did not answer with JSON, so no facts were learned"
          + " from this conversation.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending input: only its position leaves this class above DEBUG.
      LOG.debug("Extraction answer is not valid JSON: {}", e.getOriginalMessage());
      var at = e.getLocation();
      throw new MemoryExtractionException("The model's answer was not valid JSON" + (at == null ? "" : " (line "
          + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ", so no facts were learned from this"
          + " conversation.");
    }
    JsonNode facts = root.get("facts");
    if (facts == null || !facts.isArray()) {
      throw new MemoryExtractionException("The model's answer had no \"facts\" list, so no facts were learned"
          + " from this conversation.");
    }
    List<Fact> result = new ArrayList<>();
    for (int i = 0; i < facts.size() && result.size() < MAX_FACTS; i++) {
      JsonNode fact = facts.get(i);
      JsonNode factText = fact.get("text");
      String scope = fact.path("scope").asText("");
      if (factText == null || !factText.isTextual()) {
        throw new MemoryExtractionException("Fact " + (i + 1) + " in the model's answer has no text.");
      }
      if (!scope.equals("global") && !scope.equals("project")) {
        throw new MemoryExtractionException("Fact " + (i + 1) + " in the model's answer has a scope other than"
            + " \"global\" or \"project\".");
      }
      String clean = factText.asText().strip().replaceAll("\\s+", " ");
      if (clean.length() < 3 || Terms.normalize(clean).isEmpty()) {
        continue;
      }
      if (clean.length() > MemoryService.MAX_TEXT) {
        clean = clean.substring(0, MemoryService.MAX_TEXT);
      }
      result.add(new Fact(clean, scope.equals("project")));
    }
    return result;
  }

  private static String preview(String text) {
    if (text.isEmpty()) {
      return "(empty)";
    }
    return "it began: \"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
  }
}
