package dev.tars.knowledge.ocr;

import dev.tars.knowledge.document.DocumentRejectedException;
import dev.tars.knowledge.document.NotIndexedReason;
import dev.tars.knowledge.document.NotIndexedReason.Key;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The resolution each scanned PDF page is rendered at for OCR, decided from the page sizes the PDF declares
 * before anything is rendered. A page's size is free text in the file: a 446-byte PDF can declare a
 * 14400 x 14400 pt page, which at 200 dpi is 1.6 gigapixels. Each page is rendered at the wanted dpi or, when
 * that would exceed {@link #MAX_PAGE_PIXELS} or {@link ImageLimits#MAX_SIDE}, at the highest dpi that does not;
 * the whole file's pixels are capped at {@link #MAX_FILE_PIXELS}, which bounds its OCR time.
 */
public final class PdfPagePlan {
  /** About an A2 sheet at 200 dpi; a page is held in memory once as 8-bit grey while it is rendered. */
  public static final long MAX_PAGE_PIXELS = 16_000_000L;
  /** About 500 A4 pages at 200 dpi (Tesseract needs 0.25 to 0.5 s for each such page on one core). */
  public static final long MAX_FILE_PIXELS = 2_000_000_000L;
  private static final float POINTS_PER_INCH = 72f;

  /** One page to render: its number (from 1) and its dpi. */
  public record Page(int number, float dpi, long pixels) {}

  private final List<Page> pages;

  private PdfPagePlan(List<Page> pages) {
    this.pages = List.copyOf(pages);
  }

  public List<Page> pages() {
    return pages;
  }

  /**
   * @param pageNumbers the scanned pages to read (from 1)
   * @throws DocumentRejectedException when a page has no usable size or the pages together are too much to read
   */
  public static PdfPagePlan of(PDDocument pdf, List<Integer> pageNumbers, float wantedDpi)
      throws DocumentRejectedException {
    List<Page> planned = new ArrayList<>();
    long total = 0;
    for (int number : pageNumbers) {
      PDRectangle box = pdf.getPage(number - 1).getCropBox();
      Page page = plan(number, box.getWidth(), box.getHeight(), wantedDpi);
      total += page.pixels();
      if (total > MAX_FILE_PIXELS) {
        throw DocumentRejectedException.of(Key.PDF_TOO_MANY_SCANNED_PAGES, pageNumbers.size(),
            MAX_FILE_PIXELS / 1_000_000);
      }
      planned.add(page);
    }
    return new PdfPagePlan(planned);
  }

  /** The dpi for one page of {@code widthPt} x {@code heightPt} points. */
  static Page plan(int number, float widthPt, float heightPt, float wantedDpi) throws DocumentRejectedException {
    if (!(widthPt >= 1 && heightPt >= 1) || Float.isInfinite(widthPt) || Float.isInfinite(heightPt)) {
      throw DocumentRejectedException.of(Key.PDF_PAGE_SIZE, number, String.valueOf(widthPt),
          String.valueOf(heightPt));
    }
    double widthIn = widthPt / POINTS_PER_INCH;
    double heightIn = heightPt / POINTS_PER_INCH;
    double dpi = wantedDpi;
    dpi = Math.min(dpi, Math.sqrt(MAX_PAGE_PIXELS / (widthIn * heightIn)));
    dpi = Math.min(dpi, ImageLimits.MAX_SIDE / Math.max(widthIn, heightIn));
    // PDFBox rounds each side up to whole pixels at most; keep the count under the cap after rounding too.
    long pixels;
    while ((pixels = (long) Math.ceil(widthIn * dpi) * (long) Math.ceil(heightIn * dpi)) > MAX_PAGE_PIXELS
        || Math.ceil(Math.max(widthIn, heightIn) * dpi) > ImageLimits.MAX_SIDE) {
      dpi *= 0.99;
    }
    return new Page(number, (float) dpi, pixels);
  }
}
