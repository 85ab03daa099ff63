package dev.tars.actions.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agenda on a real H2 file: recurrence, time zones and lossless .ics round trips. */
class AgendaTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @TempDir Path dir;
  private Database database;
  private Agenda agenda;

  @BeforeEach
  void open() {
    database = TestDatabase.open(dir);
    agenda = new Agenda(database.dataSource(), Clock.systemUTC(), MADRID);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void weeklyMadridEventStaysAtNineThirtyAcrossDaylightSavingChange() {
    agenda.create(new EventDraft("Stand-up", LocalDateTime.of(2026, 10, 12, 9, 30), null, false, MADRID, "", "",
        "FREQ=WEEKLY", List.of()));
    List<Occurrence> found = agenda.occurrences(LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 8)).occurrences();
    assertThat(found).hasSize(4);
    assertThat(found).allSatisfy(o -> {
      assertThat(o.start().atZone(MADRID).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
      assertThat(o.end().atZone(MADRID).toLocalTime()).isEqualTo(LocalTime.of(10, 30));
    });
    // Summer time until 25 October, winter time after: same wall clock, different UTC offsets.
    assertThat(found.get(1).start().atZone(MADRID).getOffset().getTotalSeconds()).isEqualTo(7200);
    assertThat(found.get(2).start().atZone(MADRID).getOffset().getTotalSeconds()).isEqualTo(3600);
  }

  @Test
  void rdatesAreAddedAndExdatesLeftOut() throws Exception {
    agenda.store(agenda.read(resource("rfc5545-3-6-1-events.ics")));
    ZoneId newYork = ZoneId.of("America/New_York");
    List<Occurrence> found = agenda.occurrences(LocalDate.of(1997, 9, 1), LocalDate.of(1997, 9, 30)).occurrences()
        .stream().filter(o -> o.uid().equals("rdate-exdate@example.com")).toList();
    assertThat(found).extracting(o -> o.start().atZone(newYork).toLocalDateTime().toString())
        .containsExactly("1997-09-02T09:00", "1997-09-04T09:00", "1997-09-05T09:00", "1997-09-06T09:00",
            "1997-09-10T09:00", "1997-09-11T09:00");
    assertThat(found).allSatisfy(o -> assertThat(o.end()).isEqualTo(o.start().plusSeconds(3600)));
  }

  @Test
  void yearlyAllDayEventAndMultiDayAllDayEvent() throws Exception {
    agenda.store(agenda.read(resource("rfc5545-3-6-1-events.ics")));
    List<Occurrence> november = agenda.occurrences(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30))
        .occurrences();
    assertThat(november).singleElement().satisfies(o -> {
      assertThat(o.title()).isEqualTo("Our Blissful Anniversary");
      assertThat(o.allDay()).isTrue();
      assertThat(o.startDay()).isEqualTo(LocalDate.of(2026, 11, 2));
      assertThat(o.endDay()).isEqualTo(LocalDate.of(2026, 11, 3));
    });
    List<Occurrence> jazz = agenda.occurrences(LocalDate.of(2007, 7, 8), LocalDate.of(2007, 7, 8)).occurrences();
    assertThat(jazz).extracting(Occurrence::title).containsExactly("Festival International de Jazz de Montreal");
    assertThat(agenda.occurrences(LocalDate.of(2007, 7, 9), LocalDate.of(2007, 7, 9)).occurrences()).isEmpty();
  }

  @Test
  void changedOccurrenceReplacesTheOneItNamesAndExdateRemovesOne() throws Exception {
    agenda.store(agenda.read(resource("google-calendar-export.ics")));
    List<Occurrence> october = agenda.occurrences(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31))
        .occurrences();
    assertThat(october).extracting(o -> o.start().atZone(MADRID).toLocalDateTime() + " " + o.title())
        .containsExactly("2026-10-05T09:30 Reunión de equipo ☕", "2026-10-19T09:30 Reunión de equipo ☕",
            "2026-10-26T11:00 Reunión de equipo (movida)");
  }

  @Test
  void outlookWindowsZoneBecomesTheIanaZoneWithTheSameRules() throws Exception {
    agenda.store(agenda.read(resource("outlook-export.ics")));
    List<Occurrence> found = agenda.occurrences(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 7, 31)).occurrences();
    assertThat(found).hasSize(8);
    assertThat(found).allSatisfy(o -> assertThat(o.start().atZone(MADRID).toLocalTime()).isEqualTo(LocalTime.of(9, 30)));
    assertThat(found.get(0).start().atZone(MADRID).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 21));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc5545-4-event-utc.ics", "rfc5545-4-timezone-meeting.ics", "rfc5545-4-group-meeting.ics",
      "rfc5545-3-6-1-events.ics", "google-calendar-export.ics", "outlook-export.ics"})
  void exportGivesBackEveryPropertyTheImportHeld(String name) throws Exception {
    Path original = resource(name);
    agenda.store(agenda.read(original));
    Path exported = dir.resolve("out.ics");
    agenda.export(exported, List.of());

    Map<String, String> before = events(Files.readString(original));
    Map<String, String> after = events(Files.readString(exported));
    assertThat(after).isEqualTo(before);
    // And the exported file imports again, the same events.
    assertThat(new IcsReader(MADRID).read(exported).events()).hasSize(before.size());
  }

  @Test
  void exportKeepsTextsWithCommasSemicolonsNewLinesAndNonAscii() throws Exception {
    agenda.store(agenda.read(resource("google-calendar-export.ics")));
    agenda.store(agenda.read(resource("outlook-export.ics")));
    Path exported = dir.resolve("out.ics");
    agenda.export(exported, List.of());
    Calendar calendar = new CalendarBuilder().build(new StringReader(Files.readString(exported)));
    Map<String, String> descriptions = calendar.<CalendarComponent>getComponents().stream()
        .filter(c -> c.getName().equals("VEVENT") && c.getProperty(Property.DESCRIPTION).isPresent())
        .collect(Collectors.toMap(c -> c.getProperty(Property.UID).orElseThrow().getValue(),
            c -> c.getProperty(Property.DESCRIPTION).orElseThrow().getValue()));
    assertThat(descriptions.get("5b3c1f0e9a8d@google.com"))
        .isEqualTo("Revisión semanal: objetivos, bloqueos; y próximos pasos.\nTraer el informe.");
    assertThat(descriptions.get("040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5"))
        .isEqualTo("Línea 1\nLínea 2, con coma; y punto y coma\n");
    String text = Files.readString(exported);
    // Each imported event is written back as the file had it (not as ical4j would rewrite it, which quotes CN).
    assertThat(text).contains("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        "ORGANIZER;CN=Lucía Pérez:mailto:lucia@example.es", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "TZID:Romance Standard Time", "TZID:Europe/Madrid", "SUMMARY;LANGUAGE=es:Revisión trimestral");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(76));
  }

  @Test
  void eventsMadeInTarsExportWithTheirZoneDefinition() throws Exception {
    agenda.create(new EventDraft("Dentist", LocalDateTime.of(2026, 12, 21, 9, 30), null, false, MADRID,
        "Calle Mayor 1, Madrid", "Bring the X-ray; ask about the bill", "weekly", List.of(15)));
    Path exported = dir.resolve("mine.ics");
    agenda.export(exported, List.of());
    Calendar calendar = new CalendarBuilder().build(new StringReader(Files.readString(exported)));
    assertThat(calendar.<CalendarComponent>getComponents()).extracting(Component::getName)
        .containsExactly("VTIMEZONE", "VEVENT");
    Path again = dir.resolve("again");
    try (Database other = TestDatabase.open(again)) {
      Agenda second = new Agenda(other.dataSource(), Clock.systemUTC(), MADRID);
      second.store(second.read(exported));
      Occurrence o = second.occurrences(LocalDate.of(2026, 12, 21), LocalDate.of(2026, 12, 21)).occurrences().get(0);
      assertThat(o.title()).isEqualTo("Dentist");
      assertThat(o.location()).isEqualTo("Calle Mayor 1, Madrid");
      assertThat(ZonedDateTime.ofInstant(o.start(), MADRID).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2026, 12, 21, 9, 30));
      assertThat(Files.readString(exported)).contains("TRIGGER:-PT15M");
    }
  }

  @Test
  void importingTheSameFileTwiceReplacesInsteadOfDuplicating() throws Exception {
    agenda.store(agenda.read(resource("google-calendar-export.ics")));
    Agenda.Imported again = agenda.store(agenda.read(resource("google-calendar-export.ics")));
    assertThat(agenda.count()).isEqualTo(3);
    assertThat(again.replaced()).hasSize(3);
  }

  @Test
  void editKeepsWhatTheImportHeld() throws Exception {
    AgendaEvent imported = agenda.store(agenda.read(resource("google-calendar-export.ics"))).stored().get(0);
    AgendaEvent edited = agenda.update(imported.id(), new EventDraft("Weekly review",
        LocalDateTime.of(2026, 10, 5, 10, 0), null, false, MADRID, "Room 2", "", "FREQ=WEEKLY;BYDAY=MO", List.of()));
    assertThat(edited.title()).isEqualTo("Weekly review");
    assertThat(edited.ics()).contains("X-GOOGLE-CONFERENCE", "ATTENDEE", "EXDATE", "UID:5b3c1f0e9a8d@google.com");
  }

  @Test
  void ruleWithoutEndIsExpandedOnlyInsideTheRangeAndBounded() {
    agenda.create(new EventDraft("Tick", LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2026, 1, 1, 0, 0),
        false, MADRID, "", "", "FREQ=MINUTELY", List.of()));
    long started = System.nanoTime();
    Agenda.OccurrenceList year = agenda.occurrences(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31));
    assertThat(year.occurrences()).hasSize(Agenda.MAX_OCCURRENCES);
    assertThat(year.truncated()).isTrue();
    assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L);
    assertThat(agenda.occurrences(LocalDate.of(2040, 3, 1), LocalDate.of(2040, 3, 1)).occurrences()).hasSize(1440);
  }

  /** Each VEVENT by UID and RECURRENCE-ID, as its sorted, unfolded property lines after parsing. */
  private static Map<String, String> events(String ics) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    Map<String, String> result = new TreeMap<>();
    for (CalendarComponent c : calendar.<CalendarComponent>getComponents()) {
      if (c.getName().equals("VEVENT") || c.getName().equals("VTODO")) {
        String key = c.getProperty(Property.UID).map(Property::getValue).orElse("?") + " "
            + c.getProperty(Property.RECURRENCE_ID).map(Property::getValue).orElse("");
        result.put(key, c.toString().lines().sorted().collect(Collectors.joining("\n")));
      }
    }
    return result;
  }

  static Path resource(String name) throws Exception {
    return Path.of(AgendaTest.class.getResource("/ics/" + name).toURI());
  }
}
