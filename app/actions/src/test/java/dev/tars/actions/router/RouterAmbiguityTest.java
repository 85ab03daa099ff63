package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An hour said without am/pm ("at 3") is flagged with its other reading, so the card can ask. */
class RouterAmbiguityTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  private final Router router = Routers.firstStage();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me at 3 to call mom | when | 2026-12-02T15:00 | 2026-12-03T03:00",
      "remind me on friday at 3 to call mom | when | 2026-12-04T15:00 | 2026-12-04T03:00",
      "remind me at 9:30 to stretch | when | 2026-12-02T21:30 | 2026-12-03T09:30",
      "recuérdame a las 5 llamar a mamá | when | 2026-12-02T17:00 | 2026-12-03T05:00",
      "recuérdame el viernes a las 8 sacar al perro | when | 2026-12-04T08:00 | 2026-12-04T20:00",
      "schedule coffee with Mike on wednesday at 11 | start | 2026-12-09T11:00 | 2026-12-09T23:00",
      "programa una reunión con Juan el lunes a las 4 | start | 2026-12-07T16:00 | 2026-12-07T04:00"})
  void aBareHourCarriesItsOtherReading(String utterance, String slot, String chosen, String other) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.slots()).containsEntry(slot, chosen);
    assertThat(routed.isAmbiguous()).isTrue();
    assertThat(routed.otherReadings()).containsEntry(slot, other);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me at 3pm to call mom", "remind me at 3 in the afternoon to call mom", "remind me at 15:00 to call mom",
      "remind me tonight at 9 to call mom", "remind me at noon to call mom", "remind me in 20 minutes to call mom",
      "remind me tomorrow to call mom", "recuérdame a las 5 de la tarde llamar a mamá",
      "recuérdame a las 17:30 llamar a mamá", "recuérdame a mediodía llamar a mamá",
      "schedule a call with Ana tomorrow from 4 to 5pm", "note that the gate opens at 3"})
  void aClearTimeIsNotAmbiguous(String utterance) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.isAmbiguous()).as(utterance).isFalse();
    assertThat(routed.otherReadings()).isEmpty();
  }

  @Test
  void anEventRangeGivesBothEndsTheirOtherReading() {
    Routed routed = router.route("schedule a meeting with John tomorrow from 10 to 11:30", NOW);
    assertThat(routed.slots()).containsEntry("start", "2026-12-03T10:00").containsEntry("end", "2026-12-03T11:30");
    assertThat(routed.otherReadings()).containsEntry("start", "2026-12-03T22:00")
        .containsEntry("end", "2026-12-03T23:30");
  }

  @Test
  void theOtherReadingDoesNotChangeTheCommandLineJsonSlots() {
    Routed routed = router.route("remind me at 3 to call mom", NOW);
    assertThat(routed.slots()).containsOnlyKeys("text", "when");
  }
}
