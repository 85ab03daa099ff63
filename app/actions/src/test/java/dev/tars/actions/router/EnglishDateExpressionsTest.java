package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * English date and time expressions, one test per family, with the clock fixed at Wednesday
 * 2026-12-02 10:00 (as {@code tars route --now 2026-12-02T10:00}).
 */
class EnglishDateExpressionsTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  private final Router router = Routers.firstStage();

  private String when(String utterance) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).as(utterance).isEqualTo(Intent.REMINDER_CREATE);
    assertThat(routed.slots().get("text")).as(utterance).isEqualTo("call Ana");
    return routed.slots().get("when");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me to call Ana today at 6pm | 2026-12-02T18:00",
      "remind me to call Ana tomorrow | 2026-12-03T09:00",
      "remind me to call Ana tmrw at 8 | 2026-12-03T08:00",
      "remind me to call Ana the day after tomorrow | 2026-12-04T09:00",
      "remind me to call Ana tonight | 2026-12-02T21:00",
      "remind me to call Ana this evening | 2026-12-02T19:00",
      "remind me to call Ana tomorrow morning | 2026-12-03T09:00",
      "remind me to call Ana tomorrow afternoon | 2026-12-03T15:00"})
  void relativeDays(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me to call Ana on friday | 2026-12-04T09:00",
      "remind me to call Ana wednesday | 2026-12-09T09:00",
      "remind me to call Ana next monday at 10 | 2026-12-07T10:00",
      "remind me to call Ana this saturday at 4 | 2026-12-05T16:00",
      "remind me to call Ana on sunday evening | 2026-12-06T19:00"})
  void aWeekdayAloneIsTheNextSuchDayAfterToday(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me to call Ana in 20 minutes | 2026-12-02T10:20",
      "remind me to call Ana in half an hour | 2026-12-02T10:30",
      "remind me to call Ana in an hour and a half | 2026-12-02T11:30",
      "remind me to call Ana in 2 hours | 2026-12-02T12:00",
      "remind me to call Ana in three days | 2026-12-05T10:00",
      "remind me to call Ana in a week | 2026-12-09T10:00",
      "remind me to call Ana 45 minutes from now | 2026-12-02T10:45"})
  void offsetsFromNow(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me to call Ana on december 24 | 2026-12-24T09:00",
      "remind me to call Ana on the 24th of december at 11am | 2026-12-24T11:00",
      "remind me to call Ana dec 31st | 2026-12-31T09:00",
      "remind me to call Ana on january 5 | 2027-01-05T09:00",
      "remind me to call Ana on the 15th | 2026-12-15T09:00",
      "remind me to call Ana on the 1st | 2027-01-01T09:00",
      "remind me to call Ana on 12/20 | 2026-12-20T09:00",
      "remind me to call Ana on 2027-02-03 at 9:15 | 2027-02-03T09:15",
      "remind me to call Ana on christmas eve | 2026-12-24T09:00"})
  void dayMonthDatesThisYearOrNext(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "remind me to call Ana at 5pm | 2026-12-02T17:00",
      "remind me to call Ana at 5:45 p.m. | 2026-12-02T17:45",
      "remind me to call Ana at 17:30 | 2026-12-02T17:30",
      "remind me to call Ana at 11 | 2026-12-02T11:00",
      "remind me to call Ana at 9 | 2026-12-02T21:00",
      "remind me to call Ana at 9am | 2026-12-03T09:00",
      "remind me to call Ana at 8:30 in the morning | 2026-12-03T08:30",
      "remind me to call Ana at 4 in the afternoon | 2026-12-02T16:00",
      "remind me to call Ana at noon | 2026-12-02T12:00",
      "remind me to call Ana at midnight | 2026-12-03T00:00",
      "remind me to call Ana at half past 3 | 2026-12-02T15:30",
      "remind me to call Ana at quarter to 7 | 2026-12-02T18:45",
      "remind me to call Ana at 6 o'clock | 2026-12-02T18:00"})
  void clockTimesWithoutADayAreTodayOrTomorrowWhenPassed(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "schedule a meeting with Ana tomorrow from 10 to 11:30 | 2026-12-03T10:00 | 2026-12-03T11:30",
      "schedule a meeting with Ana on friday from 2 to 3pm | 2026-12-04T14:00 | 2026-12-04T15:00",
      "schedule a meeting with Ana on monday between 3 and 4 | 2026-12-07T15:00 | 2026-12-07T16:00",
      "schedule a meeting with Ana tuesday 9-10 | 2026-12-08T09:00 | 2026-12-08T10:00",
      "schedule a meeting with Ana on thursday from 11am to 1pm | 2026-12-03T11:00 | 2026-12-03T13:00"})
  void timeRanges(String utterance, String start, String end) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.EVENT_CREATE);
    assertThat(routed.slots()).containsEntry("title", "meeting with Ana").containsEntry("start", start)
        .containsEntry("end", end);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "what do I have this week | 2026-12-02 | 2026-12-06",
      "what's on my calendar next week | 2026-12-07 | 2026-12-13",
      "what do I have this weekend | 2026-12-05 | 2026-12-06",
      "what's on my agenda this month | 2026-12-02 | 2026-12-31",
      "what do I have next month | 2027-01-01 | 2027-01-31",
      "what do I have in the next 5 days | 2026-12-02 | 2026-12-06",
      "what do I have on friday | 2026-12-04 | 2026-12-04",
      "what do I have | 2026-12-02 | 2026-12-02",
      "what am I doing on saturday | 2026-12-05 | 2026-12-05",
      "how does next week look | 2026-12-07 | 2026-12-13",
      "where do I need to be the day after tomorrow | 2026-12-04 | 2026-12-04"})
  void agendaPeriods(String utterance, String from, String to) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.AGENDA_QUERY);
    assertThat(routed.slots()).containsEntry("from", from).containsEntry("to", to);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "put a dentist visit on my calendar for friday | 2026-12-04",
      "put a dentist visit on my calendar for friday at 10 | 2026-12-04T10:00"})
  void anEventOnADayWithoutATimeIsThatDay(String utterance, String start) {
    assertThat(router.route(utterance, NOW).slots()).containsEntry("start", start)
        .containsEntry("title", "dentist visit");
  }
}
