package dev.tars.desktop.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @Test
  void weeklyOnChosenDaysUntilADayIsWrittenAsUtcEndOfThatDay() {
    Repeat repeat = new Repeat(Repeat.Frequency.WEEKLY, Set.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
        LocalDate.of(2026, 12, 31), 0, null);
    String rule = repeat.toRule(false, MADRID);
    assertThat(rule).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T225959Z");
    assertThat(Repeat.of(rule, MADRID)).isEqualTo(repeat);
  }

  @Test
  void countsAndAllDayUntilRoundTrip() {
    assertThat(Repeat.of("FREQ=MONTHLY;COUNT=6", MADRID))
        .isEqualTo(new Repeat(Repeat.Frequency.MONTHLY, Set.of(), null, 6, null));
    Repeat yearly = new Repeat(Repeat.Frequency.YEARLY, Set.of(), LocalDate.of(2030, 1, 1), 0, null);
    assertThat(yearly.toRule(true, MADRID)).isEqualTo("FREQ=YEARLY;UNTIL=20300101");
    assertThat(Repeat.of("FREQ=YEARLY;UNTIL=20300101", MADRID)).isEqualTo(yearly);
    assertThat(Repeat.NONE.toRule(false, MADRID)).isNull();
    assertThat(Repeat.of(null, MADRID)).isEqualTo(Repeat.NONE);
  }

  @Test
  void rulesTheFormCannotShowAreKeptExactly() {
    for (String rule : new String[] {"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=2TU", "FREQ=HOURLY"}) {
      Repeat repeat = Repeat.of(rule, MADRID);
      assertThat(repeat.frequency()).as(rule).isEqualTo(Repeat.Frequency.CUSTOM);
      assertThat(repeat.toRule(false, MADRID)).isEqualTo(rule);
    }
  }
}
