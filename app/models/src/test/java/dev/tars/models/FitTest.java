package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FitTest {
  private static final long GB = 1_000_000_000L;
  private static final long GIB = 1L << 30;

  @Test
  void smallModelFitsOnAnEightGigabyteMachine() {
    assertThat(Fit.of(8 * GIB, 491_000_000L)).isEqualTo(Fit.FITS);
  }

  @Test
  void modelNeedingMoreThanHalfTheMemoryMayBeSlow() {
    assertThat(Fit.of(8 * GIB, 4_061_000_000L)).isEqualTo(Fit.MAY_BE_SLOW);
  }

  @Test
  void modelNeedingMoreThanFourFifthsOfTheMemoryWontFit() {
    assertThat(Fit.of(4 * GIB, 4_061_000_000L)).isEqualTo(Fit.WONT_FIT);
  }

  @Test
  void boundariesFollowTheMemoryANeededModelTakes() {
    long ram = 16 * GIB;
    long atHalf = findLargestModel(ram, 0.5);
    assertThat(Fit.of(ram, atHalf)).isEqualTo(Fit.FITS);
    assertThat(Fit.of(ram, atHalf + 10)).isEqualTo(Fit.MAY_BE_SLOW);
    long atFourFifths = findLargestModel(ram, 0.8);
    assertThat(Fit.of(ram, atFourFifths)).isEqualTo(Fit.MAY_BE_SLOW);
    assertThat(Fit.of(ram, atFourFifths + 10)).isEqualTo(Fit.WONT_FIT);
  }

  @Test
  void requiredMemoryAddsAFifthAndHalfAGigabyteForCacheAndBuffers() {
    assertThat(Fit.requiredBytes(5 * GB)).isEqualTo(6 * GB + 512L * 1024 * 1024);
  }

  @Test
  void unknownMemoryIsRejected() {
    assertThatThrownBy(() -> Fit.of(-1, GB)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelsReadAsShownToPeople() {
    assertThat(Fit.FITS.label()).isEqualTo("fits");
    assertThat(Fit.MAY_BE_SLOW.label()).isEqualTo("may be slow");
    assertThat(Fit.WONT_FIT.label()).isEqualTo("won't fit");
  }

  @Test
  void thisMachineReportsItsMemory() {
    assertThat(SystemMemory.totalBytes()).isGreaterThan(256L * 1024 * 1024);
  }

  private static long findLargestModel(long ram, double share) {
    long lo = 0;
    long hi = ram;
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      if (Fit.requiredBytes(mid) <= share * ram) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
