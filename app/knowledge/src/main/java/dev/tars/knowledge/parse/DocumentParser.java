package dev.tars.knowledge.parse;

import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.document.NotIndexedReason.Key;
import dev.tars.knowledge.ocr.Ocr;
import dev.tars.knowledge.ocr.PdfPagePlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a file into structured {@link Block}s. Office, PDF, HTML and EPUB go through Apache Tika; plain text,
 * Markdown and source code are read directly (strict UTF-8) so headings and line structure survive; images
 * and PDF pages without a text layer go to {@link Ocr}. Every way a file can be unusable ends in a
 * {@link DocumentRejectedException} whose message says what happened and what to do.
 */
public final class DocumentParser {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentParser.class);

  public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
  public static final long MAX_CHARACTERS = 20_000_000L;
  /** A "line" longer than this is machine data (minified code, a dump), not something to read. */
  public static final int MAX_LINE_CHARACTERS = 1_000_000;
  private static final long MAX_GUNZIPPED_BYTES = 64L * 1024 * 1024;
  private static final int SCANNED_PAGE_MAX_CHARS = 20;
  private static final int MAX_OCR_PAGES = 500;
  private static final float OCR_DPI = 200f;

  private static final Set<String> TIKA_TYPES = Set.of(
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
      "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.presentation",
      "application/vnd.oasis.opendocument.spreadsheet",
      "text/html", "application/xhtml+xml", "application/epub+zip");
  private static final Set<String> ZIP_CONTAINERS = Set.of(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.presentation",
      "application/vnd.oasis.opendocument.spreadsheet", "application/epub+zip");
  /** Real office files rarely compress better than 30:1; a zip bomb reaches 1000:1. */
  private static final long MAX_ENTRY_RATIO = 100;
  private static final long RATIO_GRACE_BYTES = 8L * 1024 * 1024;
  private static final long MAX_UNPACKED_BYTES = 1024L * 1024 * 1024;
  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/tiff", "image/bmp",
      "image/gif");
  private static final Set<String> TEXT_LIKE_APPLICATION_TYPES = Set.of("application/json", "application/xml",
      "application/javascript", "application/x-sh", "application/x-yaml", "application/sql",
      "application/x-httpd-php", "application/toml");

  /** Tika's parsers, loaded on the first document rather than at app start (about a second of class loading). */
  private static final class Tika {
    static final AutoDetectParser PARSER = new AutoDetectParser();
    static final Detector DETECTOR = PARSER.getDetector();
  }

  private final Ocr ocr;

  /** @param ocr reads images and scanned pages; {@code null} when OCR is not available */
  public DocumentParser(Ocr ocr) {
    this.ocr = ocr;
  }

  /** Observes progress inside one document (e.g. to show "OCR" as the status). */
  public interface Stage {
    Stage NONE = () -> {};

    void ocrStarted();
  }

  public ParsedDocument parse(Path file, Stage stage) throws DocumentRejectedException {
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        throw DocumentRejectedException.of(Key.MISSING);
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.UNREADABLE_PERMISSIONS, e.getMessage()), e);
    }
    if (size == 0) {
      throw DocumentRejectedException.of(Key.EMPTY);
    }
    if (size > MAX_FILE_BYTES) {
      throw DocumentRejectedException.of(Key.TOO_LARGE, size / (1024 * 1024));
    }
    String type = detect(file);
    if (type.equals("application/x-tika-ooxml-protected") || type.equals("application/x-tika-msoffice-protected")) {
      throw encrypted();
    }
    if (type.equals("application/gzip") && isSingleGzip(file)) {
      return parseGzipped(file, stage);
    }
    if (IMAGE_TYPES.contains(type)) {
      stage.ocrStarted();
      return new ParsedDocument(type, PlainText.paragraphs(requireOcr().read(file), 0), 0, 1);
    }
    if (TIKA_TYPES.contains(type)) {
      if (ZIP_CONTAINERS.contains(type)) {
        checkZipContainer(file);
      }
      return parseWithTika(file, type, stage);
    }
    if (type.startsWith("text/") || TEXT_LIKE_APPLICATION_TYPES.contains(type)
        || type.equals("application/octet-stream") && looksLikeTextName(file)) {
      return PlainText.parse(file, type);
    }
    throw new DocumentRejectedException(describeUnsupported(type));
  }

  private String detect(Path file) throws DocumentRejectedException {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
      MediaType type = Tika.DETECTOR.detect(in, metadata);
      return type.getBaseType().toString();
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.UNREADABLE, e.getMessage()), e);
    }
  }

  private static boolean isSingleGzip(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".gz") && !name.endsWith(".tar.gz") && name.length() > 3;
  }

  /**
   * A single gzip-compressed file (as Debian ships READMEs and changelogs) is read as the file inside it. The
   * unpacked size is capped, so a gzip bomb stops at the cap instead of filling the disk.
   */
  private ParsedDocument parseGzipped(Path file, Stage stage) throws DocumentRejectedException {
    String inner = file.getFileName().toString();
    inner = inner.substring(0, inner.length() - 3);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tars-gunzip-");
      Path target = dir.resolve(inner);
      try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file), 64 * 1024);
          var out = Files.newOutputStream(target)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          total += n;
          if (total > MAX_GUNZIPPED_BYTES) {
            throw DocumentRejectedException.of(Key.GZIP_BOMB, MAX_GUNZIPPED_BYTES / (1024 * 1024));
          }
          out.write(buffer, 0, n);
        }
      }
      if (isSingleGzip(target)) {
        throw DocumentRejectedException.of(Key.GZIP_TWICE);
      }
      return parse(target, stage);
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.GZIP_DAMAGED, e.getMessage()), e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.debug("Cannot delete {}", dir, e);
    }
  }

  private ParsedDocument parseWithTika(Path file, String type, Stage stage) throws DocumentRejectedException {
    StructureHandler handler = new StructureHandler(MAX_CHARACTERS);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
      ParseContext context = new ParseContext();
      context.set(EncodingDetector.class, new Utf8FirstEncodingDetector());
      Tika.PARSER.parse(in, handler, metadata, context);
    } catch (EncryptedDocumentException e) {
      throw encrypted();
    } catch (ZeroByteFileException e) {
      throw DocumentRejectedException.of(Key.EMPTY_DOCUMENT);
    } catch (Exception | StackOverflowError e) {
      throw translate(e, type);
    }
    List<Block> blocks = new ArrayList<>(handler.blocks());
    int pages = handler.pages();
    int ocrPages = 0;
    if (type.equals("application/pdf") && pages > 0) {
      List<Integer> scanned = new ArrayList<>();
      for (int p = 1; p <= pages && scanned.size() < MAX_OCR_PAGES; p++) {
        if (handler.charactersOnPage(p) < SCANNED_PAGE_MAX_CHARS) {
          scanned.add(p);
        }
      }
      if (!scanned.isEmpty() && ocr != null) {
        stage.ocrStarted();
        blocks = mergeOcrPages(blocks, ocrPdfPages(file, scanned));
        ocrPages = scanned.size();
      }
    }
    if (blocks.isEmpty()) {
      throw DocumentRejectedException.of(type.equals("application/pdf") && ocr == null ? Key.NO_TEXT_NO_OCR
          : Key.NO_TEXT);
    }
    return new ParsedDocument(type, blocks, pages, ocrPages);
  }

  private List<Block> ocrPdfPages(Path file, List<Integer> pages) throws DocumentRejectedException {
    List<Block> out = new ArrayList<>();
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      // Page sizes are checked (and the dpi lowered) before any page is rendered: see PdfPagePlan.
      PdfPagePlan plan = PdfPagePlan.of(pdf, pages, OCR_DPI);
      PDFRenderer renderer = new PDFRenderer(pdf);
      for (PdfPagePlan.Page page : plan.pages()) {
        var image = renderer.renderImageWithDPI(page.number() - 1, page.dpi(), ImageType.GRAY);
        out.addAll(PlainText.paragraphs(ocr.readPdfPage(image, page.number()), page.number()));
      }
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.PDF_RENDER_FAILED, e.getMessage()), e);
    }
    return out;
  }

  private static List<Block> mergeOcrPages(List<Block> textBlocks, List<Block> ocrBlocks) {
    List<Block> merged = new ArrayList<>(textBlocks);
    merged.addAll(ocrBlocks);
    merged.sort((a, b) -> Integer.compare(a.page(), b.page()));
    return merged;
  }

  /**
   * Office and EPUB files are zip archives; their declared sizes are checked before any parser inflates them,
   * because a parser that trusts them can be made to fill the heap.
   */
  private static void checkZipContainer(Path file) throws DocumentRejectedException {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      long total = 0;
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        var e = entries.nextElement();
        long size = e.getSize();
        long packed = Math.max(1, e.getCompressedSize());
        total += Math.max(0, size);
        if (size > RATIO_GRACE_BYTES && size / packed > MAX_ENTRY_RATIO || total > MAX_UNPACKED_BYTES) {
          throw DocumentRejectedException.of(Key.ZIP_BOMB);
        }
      }
    } catch (IOException e) {
      throw new DocumentRejectedException(NotIndexedReason.of(Key.ZIP_DAMAGED, e.getMessage()), e);
    }
  }

  private Ocr requireOcr() throws DocumentRejectedException {
    if (ocr == null) {
      throw DocumentRejectedException.of(Key.NO_OCR);
    }
    return ocr;
  }

  private static boolean looksLikeTextName(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT)
        .matches(".*\\.(txt|text|md|markdown|rst|adoc|csv|tsv|log|java|kt|py|js|ts|c|h|cpp|hpp|cs|go|rs|rb|sh"
            + "|sql|yaml|yml|toml|ini|cfg|conf|properties|json|xml|gradle|swift|scala|lua|pl|r)$");
  }

  private static DocumentRejectedException encrypted() {
    return DocumentRejectedException.of(Key.ENCRYPTED);
  }

  private static DocumentRejectedException translate(Throwable e, String type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException
          || t.getClass().getName().endsWith("InvalidPasswordException")
          || t.getClass().getName().endsWith("EncryptedDocumentException")) {
        return encrypted();
      }
      if (t instanceof StructureHandler.TooMuchTextException) {
        return new DocumentRejectedException(NotIndexedReason.of(Key.TOO_MUCH_TEXT), e);
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("zip bomb") || message.contains("compression ratio")
          || message.contains("max entry size") || t.getClass().getSimpleName().contains("ZipBomb")) {
        return new DocumentRejectedException(NotIndexedReason.of(Key.ZIP_BOMB), e);
      }
    }
    LOG.warn("Parsing a {} file failed", type, e);
    return new DocumentRejectedException(NotIndexedReason.of(Key.DAMAGED, format(type), rootMessage(e)), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    if (m == null || m.isBlank()) {
      m = root.getClass().getSimpleName();
    }
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }

  /** What a person calls a file of {@code type}, as said in "could not be read as a PDF". */
  static NotIndexedReason format(String type) {
    return switch (type) {
      case "application/pdf" -> NotIndexedReason.of(Key.FORMAT_PDF);
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword" ->
          NotIndexedReason.of(Key.FORMAT_WORD);
      case "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.ms-powerpoint" -> NotIndexedReason.of(Key.FORMAT_POWERPOINT);
      case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel" ->
          NotIndexedReason.of(Key.FORMAT_EXCEL);
      case "application/epub+zip" -> NotIndexedReason.of(Key.FORMAT_EPUB);
      case "text/html", "application/xhtml+xml" -> NotIndexedReason.of(Key.FORMAT_WEB_PAGE);
      default -> type.startsWith("application/vnd.oasis.opendocument") ? NotIndexedReason.of(Key.FORMAT_OPENDOCUMENT)
          : NotIndexedReason.of(Key.FORMAT_OTHER, type);
    };
  }

  private static NotIndexedReason describeUnsupported(String type) {
    if (type.equals("application/zip") || type.contains("tar") || type.contains("gzip") || type.contains("7z")
        || type.contains("rar") || type.contains("bzip") || type.contains("xz")) {
      return NotIndexedReason.of(Key.UNSUPPORTED_ARCHIVE, type);
    }
    if (type.equals("application/octet-stream") || type.contains("executable") || type.contains("sharedlib")) {
      return NotIndexedReason.of(Key.UNSUPPORTED_BINARY);
    }
    return NotIndexedReason.of(Key.UNSUPPORTED_TYPE, type);
  }

}
