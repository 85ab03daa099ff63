package dev.tars.knowledge.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.knowledge.document.DocumentRejectedException;
import org.junit.jupiter.api.Test;

class PdfPagePlanTest {

  @Test
  void ordinaryPagesKeepTheWantedDpi() throws Exception {
    PdfPagePlan.Page a4 = PdfPagePlan.plan(1, 595, 842, 200);

    assertThat(a4.dpi()).isEqualTo(200f);
    assertThat(a4.pixels()).isBetween(3_800_000L, 3_900_000L);
  }

  @Test
  void aHugePageIsRenderedAtALowerDpiWithinThePixelLimit() throws Exception {
    PdfPagePlan.Page poster = PdfPagePlan.plan(1, 14400, 14400, 200);

    assertThat(poster.pixels()).isLessThanOrEqualTo(PdfPagePlan.MAX_PAGE_PIXELS).isGreaterThan(15_000_000L);
    assertThat(poster.dpi()).isBetween(19f, 20.1f);
    long side = (long) Math.ceil(14400 / 72.0 * poster.dpi());
    assertThat(side * side).isLessThanOrEqualTo(PdfPagePlan.MAX_PAGE_PIXELS);
  }

  @Test
  void aLongThinPageStaysUnderTheSideLimit() throws Exception {
    PdfPagePlan.Page strip = PdfPagePlan.plan(3, 14400, 2, 200);

    assertThat(Math.ceil(14400 / 72.0 * strip.dpi())).isLessThanOrEqualTo(ImageLimits.MAX_SIDE);
  }

  @Test
  void aPageWithoutAUsableSizeIsRefusedAsAPdfPage() {
    for (float[] size : new float[][] {{0, 0}, {-5, 100}, {Float.NaN, 100}, {100, Float.POSITIVE_INFINITY}}) {
      assertThatThrownBy(() -> PdfPagePlan.plan(4, size[0], size[1], 200))
          .isInstanceOf(DocumentRejectedException.class)
          .hasMessageContaining("PDF page 4").hasMessageNotContaining("image");
    }
  }
}
