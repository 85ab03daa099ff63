package dev.tars.knowledge.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Why a document was not indexed, in words a person can read in any language Tars speaks: a {@link Key} of the
 * {@code reasons*.properties} bundle and its arguments (strings, numbers, or nested reasons such as "page 3 of this
 * PDF"). The log and old callers use {@link #english()}; the Knowledge page and {@code tars ingest} call
 * {@link #in(Locale)}. It is kept with the document as {@link #stored()} so a reason found yesterday is shown in
 * today's language. Same mechanism as the models module's {@code DownloadText} (decision 1440).
 */
public record NotIndexedReason(Key key, List<Object> args) {
  private static final String BUNDLE = "dev.tars.knowledge.document.reasons";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each key names a text in the bundle; its arguments are described beside the English text. */
  public enum Key {
    MISSING, UNREADABLE, UNREADABLE_PERMISSIONS, EMPTY, EMPTY_DOCUMENT, BLANK, TOO_LARGE, TOO_MUCH_TEXT,
    LINE_TOO_LONG, BINARY_AS_TEXT, BAD_ENCODING,
    UNSUPPORTED_ARCHIVE, UNSUPPORTED_BINARY, UNSUPPORTED_TYPE, ENCRYPTED,
    DAMAGED, FORMAT_PDF, FORMAT_WORD, FORMAT_POWERPOINT, FORMAT_EXCEL, FORMAT_EPUB, FORMAT_WEB_PAGE,
    FORMAT_OPENDOCUMENT, FORMAT_OTHER,
    ZIP_BOMB, ZIP_DAMAGED, GZIP_BOMB, GZIP_TWICE, GZIP_DAMAGED,
    NO_TEXT, NO_TEXT_NO_OCR, NO_OCR, PDF_RENDER_FAILED, PDF_TOO_MANY_SCANNED_PAGES, PDF_PAGE_SIZE,
    IMAGE_UNOPENABLE, IMAGE_FORMAT, IMAGE_TOO_LARGE, IMAGE_DAMAGED,
    OCR_SUBJECT_IMAGE, OCR_SUBJECT_PAGE, OCR_ADVICE_IMAGE, OCR_ADVICE_PAGE,
    OCR_PAGE_PREPARE, OCR_TIMEOUT, OCR_CRASHED, OCR_FAILED, OCR_UNREACHABLE, OCR_INTERRUPTED,
    CANCELLED, OUT_OF_MEMORY, UNEXPECTED,
    /** A reason only known in English (kept by a version of Tars before reasons had keys): shown as it is. */
    OTHER
  }

  public NotIndexedReason {
    Objects.requireNonNull(key, "key");
    for (Object arg : args) {
      if (!(arg instanceof String) && !(arg instanceof Long) && !(arg instanceof NotIndexedReason)) {
        throw new IllegalArgumentException("arguments are strings, longs or reasons, not " + arg);
      }
    }
    args = List.copyOf(args);
  }

  /** {@code args}: strings, whole numbers (formatted for the language) or reasons to say in the same language. */
  public static NotIndexedReason of(Key key, Object... args) {
    return new NotIndexedReason(key, Arrays.stream(args)
        .map(a -> a instanceof Integer i ? Long.valueOf(i) : a == null ? "" : a).toList());
  }

  /** The text in {@code locale}'s language, or English when Tars has no texts in that language. */
  public String in(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Object[] rendered = args.stream().map(a -> a instanceof NotIndexedReason r ? r.in(locale) : a).toArray();
    return new MessageFormat(bundle.getString(key.name()), locale).format(rendered);
  }

  public String english() {
    return in(Locale.ROOT);
  }

  /** The reason as one line of JSON ({@code ["KEY", arg, ...]}, a nested reason as a nested array). */
  public String stored() {
    return toJson().toString();
  }

  /** Reads {@link #stored()}; anything else (an older English sentence) comes back as {@link Key#OTHER}. */
  public static NotIndexedReason fromStored(String stored, String english) {
    if (stored != null) {
      try {
        return fromJson(JSON.readTree(stored));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        // A key this version does not know, or a damaged value: the English kept beside it still reads well.
      }
    }
    return of(Key.OTHER, english == null ? "" : english);
  }

  private ArrayNode toJson() {
    ArrayNode array = JSON.createArrayNode().add(key.name());
    for (Object arg : args) {
      switch (arg) {
        case NotIndexedReason r -> array.add(r.toJson());
        case Long n -> array.add(n);
        default -> array.add((String) arg);
      }
    }
    return array;
  }

  private static NotIndexedReason fromJson(JsonNode node) {
    if (!node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
      throw new IllegalArgumentException("not a stored reason: " + node);
    }
    List<Object> args = new ArrayList<>();
    for (int i = 1; i < node.size(); i++) {
      JsonNode arg = node.get(i);
      args.add(arg.isArray() ? fromJson(arg) : arg.isIntegralNumber() ? (Object) arg.asLong() : arg.asText());
    }
    return new NotIndexedReason(Key.valueOf(node.get(0).asText()), args);
  }

  @Override
  public String toString() {
    return english();
  }
}
