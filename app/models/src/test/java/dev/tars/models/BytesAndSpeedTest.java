package dev.tars.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BytesAndSpeedTest {

  @Test
  void sizesUseDecimalUnitsLikeDownloadSites() {
    assertThat(Bytes.human(999)).isEqualTo("999 B");
    assertThat(Bytes.human(491_000_000)).isEqualTo("491.0 MB");
    assertThat(Bytes.human(4_061_000_000L)).isEqualTo("4.1 GB");
    assertThat(Bytes.human(-1)).isEqualTo("unknown size");
  }

  @Test
  void durationsReadAsClockTime() {
    assertThat(Bytes.duration(Duration.ofSeconds(247))).isEqualTo("4:07");
    assertThat(Bytes.duration(Duration.ofSeconds(3909))).isEqualTo("1:05:09");
    assertThat(Bytes.duration(null)).isEqualTo("--:--");
  }

  @Test
  void speedIsMeasuredOverTheRecentWindowOnly() {
    SpeedMeter meter = new SpeedMeter(Duration.ofSeconds(2));
    long s = 1_000_000_000L;
    meter.add(0, 0);
    meter.add(s, 10_000_000);
    assertThat(meter.bytesPerSecond()).isEqualTo(10_000_000);
    meter.add(5 * s, 11_000_000);
    meter.add(6 * s, 12_000_000);
    assertThat(meter.bytesPerSecond()).isEqualTo(1_000_000);
    assertThat(meter.eta(30_000_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void speedIsUnknownUntilEnoughTimePassed() {
    SpeedMeter meter = new SpeedMeter(Duration.ofSeconds(2));
    meter.add(0, 0);
    meter.add(1_000_000, 5000);
    assertThat(meter.bytesPerSecond()).isZero();
    assertThat(meter.eta(100)).isNull();
  }

  @Test
  void progressDescribesItselfInOneLine() {
    var p = new DownloadProgress(123_400_000, 491_000_000, 5_200_000, Duration.ofSeconds(70));
    assertThat(p.describe()).isEqualTo("123.4 MB of 491.0 MB, 25%, 5.2 MB/s, 1:10 left");
    assertThat(new DownloadProgress(10, -1, 0, null).fraction()).isEqualTo(-1);
  }
}
