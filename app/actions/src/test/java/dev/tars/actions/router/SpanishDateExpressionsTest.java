package dev.tars.actions.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spanish date and time expressions, one test per family, clock fixed at Wednesday 2026-12-02 10:00. */
class SpanishDateExpressionsTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 10, 0);
  private final Router router = Routers.firstStage();

  private String when(String utterance) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).as(utterance).isEqualTo(Intent.REMINDER_CREATE);
    assertThat(routed.lang()).isEqualTo("es");
    assertThat(routed.slots().get("text")).as(utterance).isEqualTo("llamar a Ana");
    return routed.slots().get("when");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recuérdame llamar a Ana hoy a las 6 de la tarde | 2026-12-02T18:00",
      "recuérdame llamar a Ana mañana | 2026-12-03T09:00",
      "recuerdame llamar a Ana manana a las 8 | 2026-12-03T08:00",
      "recuérdame llamar a Ana pasado mañana | 2026-12-04T09:00",
      "recuérdame llamar a Ana esta noche | 2026-12-02T21:00",
      "recuérdame llamar a Ana esta tarde | 2026-12-02T15:00",
      "recuérdame llamar a Ana mañana por la mañana | 2026-12-03T09:00",
      "recuérdame llamar a Ana mañana por la tarde | 2026-12-03T15:00"})
  void relativeDays(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recuérdame llamar a Ana el viernes | 2026-12-04T09:00",
      "recuérdame llamar a Ana el miércoles | 2026-12-09T09:00",
      "recuérdame llamar a Ana el lunes que viene a las 10 | 2026-12-07T10:00",
      "recuérdame llamar a Ana el próximo sábado a las 4 | 2026-12-05T16:00",
      "recuérdame llamar a Ana el domingo por la noche | 2026-12-06T21:00"})
  void aWeekdayAloneIsTheNextSuchDayAfterToday(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recuérdame llamar a Ana dentro de 20 minutos | 2026-12-02T10:20",
      "recuérdame llamar a Ana dentro de media hora | 2026-12-02T10:30",
      "recuérdame llamar a Ana en una hora y media | 2026-12-02T11:30",
      "recuérdame llamar a Ana en 2 horas | 2026-12-02T12:00",
      "recuérdame llamar a Ana dentro de tres días | 2026-12-05T10:00",
      "recuérdame llamar a Ana dentro de una semana | 2026-12-09T10:00"})
  void offsetsFromNow(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recuérdame llamar a Ana el 24 de diciembre | 2026-12-24T09:00",
      "recuérdame llamar a Ana el 24 de diciembre a las 11 | 2026-12-24T11:00",
      "recuérdame llamar a Ana el 5 de enero | 2027-01-05T09:00",
      "recuérdame llamar a Ana el día 15 | 2026-12-15T09:00",
      "recuérdame llamar a Ana el día 1 | 2027-01-01T09:00",
      "recuérdame llamar a Ana el 20/12 | 2026-12-20T09:00",
      "recuérdame llamar a Ana el 3/2 a las 9:15 | 2027-02-03T09:15",
      "recuérdame llamar a Ana en nochebuena | 2026-12-24T09:00"})
  void dayMonthDatesThisYearOrNext(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recuérdame llamar a Ana a las 5 de la tarde | 2026-12-02T17:00",
      "recuérdame llamar a Ana a las 17:30 | 2026-12-02T17:30",
      "recuérdame llamar a Ana a las 11 | 2026-12-02T11:00",
      "recuérdame llamar a Ana a las 9 | 2026-12-02T21:00",
      "recuérdame llamar a Ana a las 9 de la mañana | 2026-12-03T09:00",
      "recuérdame llamar a Ana a las 10 de la noche | 2026-12-02T22:00",
      "recuérdame llamar a Ana a la una | 2026-12-02T13:00",
      "recuérdame llamar a Ana a mediodía | 2026-12-02T12:00",
      "recuérdame llamar a Ana a medianoche | 2026-12-03T00:00",
      "recuérdame llamar a Ana a las 3 y media | 2026-12-02T15:30",
      "recuérdame llamar a Ana a las 7 menos cuarto | 2026-12-02T18:45",
      "recuérdame llamar a Ana a las 6 y cuarto | 2026-12-02T18:15"})
  void clockTimesWithoutADayAreTodayOrTomorrowWhenPassed(String utterance, String expected) {
    assertThat(when(utterance)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "programa una reunión con Ana mañana de 10 a 11:30 | 2026-12-03T10:00 | 2026-12-03T11:30",
      "programa una reunión con Ana el martes de 4 a 5 de la tarde | 2026-12-08T16:00 | 2026-12-08T17:00",
      "programa una reunión con Ana el lunes entre las 3 y las 4 | 2026-12-07T15:00 | 2026-12-07T16:00",
      "programa una reunión con Ana el jueves de 8 a 9 de la mañana | 2026-12-03T08:00 | 2026-12-03T09:00",
      "programa una reunión con Ana el viernes desde las 11 hasta las 13:00 | 2026-12-04T11:00 | 2026-12-04T13:00",
      "programa una reunión con Ana el 22 de 11 a 12 | 2026-12-22T11:00 | 2026-12-22T12:00",
      "programa una reunión con Ana el 9 desde las 5 hasta las 6 de la tarde | 2026-12-09T17:00 | 2026-12-09T18:00"})
  void timeRanges(String utterance, String start, String end) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.EVENT_CREATE);
    assertThat(routed.slots()).containsEntry("title", "reunión con Ana").containsEntry("start", start)
        .containsEntry("end", end);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "qué tengo esta semana | 2026-12-02 | 2026-12-06",
      "qué hay en mi calendario la semana que viene | 2026-12-07 | 2026-12-13",
      "qué tengo este fin de semana | 2026-12-05 | 2026-12-06",
      "qué hay en mi agenda este mes | 2026-12-02 | 2026-12-31",
      "qué tengo el mes que viene | 2027-01-01 | 2027-01-31",
      "qué tengo los próximos 5 días | 2026-12-02 | 2026-12-06",
      "qué tengo el viernes | 2026-12-04 | 2026-12-04",
      "qué tengo | 2026-12-02 | 2026-12-02",
      "qué hago el sábado | 2026-12-05 | 2026-12-05",
      "cómo pinta la semana que viene | 2026-12-07 | 2026-12-13",
      "hay reuniones pasado mañana | 2026-12-04 | 2026-12-04"})
  void agendaPeriods(String utterance, String from, String to) {
    Routed routed = router.route(utterance, NOW);
    assertThat(routed.intent()).isEqualTo(Intent.AGENDA_QUERY);
    assertThat(routed.slots()).containsEntry("from", from).containsEntry("to", to);
  }
}
