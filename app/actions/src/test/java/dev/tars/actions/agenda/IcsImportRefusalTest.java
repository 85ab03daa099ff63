package dev.tars.actions.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.actions.i18n.ActionException;
import dev.tars.actions.i18n.Texts;
import dev.tars.storage.Database;
import dev.tars.testkit.core.TestDatabase;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files are refused with one message naming the file and the reason, and nothing is stored. */
class IcsImportRefusalTest {
  @TempDir Path dir;
  private Database database;
  private Agenda agenda;

  @BeforeEach
  void open() throws Exception {
    database = TestDatabase.open(dir);
    agenda = new Agenda(database.dataSource(), Clock.systemUTC(), ZoneId.of("Europe/Madrid"));
    agenda.store(agenda.read(AgendaTest.resource("rfc5545-4-event-utc.ics")));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private ActionException refused(String name, byte[] content, String key) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    ActionException e = (ActionException) org.assertj.core.api.Assertions.catchThrowable(
        () -> agenda.store(agenda.read(file)));
    assertThat(e).as(name).isNotNull();
    assertThat(e.key()).isEqualTo(key);
    assertThat(e.getMessage()).contains(name).contains("Nothing was imported");
    assertThat(e.describe(Texts.of(Locale.forLanguageTag("es")))).contains(name).contains("No se importó nada");
    assertThat(agenda.count()).as("nothing changed").isEqualTo(1);
    return e;
  }

  private static byte[] calendar(String... lines) {
    return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static final String[] GOOD_EVENT = {"BEGIN:VEVENT", "UID:good@x", "DTSTAMP:20260101T000000Z",
      "DTSTART:20261201T100000Z", "SUMMARY:good", "END:VEVENT"};

  @Test
  void truncatedFile() throws Exception {
    refused("cut.ics", calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:a",
        "DTSTART:20261201T100000Z", "SUMMARY:half"), "ics.truncated");
  }

  @Test
  void malformedLineGivesTheLineNumber() throws Exception {
    ActionException e = refused("bad.ics", calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x",
        GOOD_EVENT[0], GOOD_EVENT[1], GOOD_EVENT[2], GOOD_EVENT[3], GOOD_EVENT[4], GOOD_EVENT[5],
        "BEGIN:VEVENT", "UID:b", "DTSTART:2026-12-01", "SUMMARY:bad date", "END:VEVENT", "END:VCALENDAR"),
        "ics.malformed");
    assertThat(e.getMessage()).contains("line 12");
  }

  @Test
  void wrongEncoding() throws Exception {
    byte[] latin1 = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:c",
        "DTSTART:20261201T100000Z", "SUMMARY:Reunión en Cádiz", "END:VEVENT", "END:VCALENDAR", "")
        .getBytes(StandardCharsets.ISO_8859_1);
    refused("latin1.ics", latin1, "ics.encoding");
  }

  @Test
  void fiftyMegabyteFileIsRefusedBeforeReading() throws Exception {
    Path file = dir.resolve("huge.ics");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(50L * 1024 * 1024);
    }
    assertThatThrownBy(() -> agenda.read(file)).isInstanceOf(ActionException.class)
        .hasMessageContaining("huge.ics is 50.0 MB, more than the 20.0 MB");
    assertThat(agenda.count()).isEqualTo(1);
  }

  @Test
  void tooManyEvents() throws Exception {
    StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n");
    for (int i = 0; i <= IcsReader.MAX_COMPONENTS; i++) {
      text.append("BEGIN:VEVENT\r\nUID:").append(i).append("\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\n");
    }
    text.append("END:VCALENDAR\r\n");
    refused("many.ics", text.toString().getBytes(StandardCharsets.UTF_8), "ics.tooManyEvents");
  }

  @Test
  void unknownTzidAfterGoodEvents() throws Exception {
    ActionException e = refused("mars.ics", calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x",
        GOOD_EVENT[0], GOOD_EVENT[1], GOOD_EVENT[2], GOOD_EVENT[3], GOOD_EVENT[4], GOOD_EVENT[5],
        "BEGIN:VEVENT", "UID:m", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Mars/Olympus_Mons:20261201T100000",
        "SUMMARY:mars", "END:VEVENT", "END:VCALENDAR"), "ics.unknownTzid");
    assertThat(e.getMessage()).contains("Mars/Olympus_Mons");
  }

  @Test
  void eventWithoutStart() throws Exception {
    refused("nostart.ics", calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:n",
        "DTSTAMP:20260101T000000Z", "SUMMARY:when?", "END:VEVENT", "END:VCALENDAR"), "ics.eventWithoutStart");
  }

  @Test
  void notACalendarAtAll() throws Exception {
    refused("photo.ics", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "ics.encoding");
    refused("notes.ics", "just some words\n".getBytes(StandardCharsets.UTF_8), "ics.notCalendar");
  }

  @Test
  void ruleWithoutEndIsAccepted() throws Exception {
    Path file = dir.resolve("forever.ics");
    Files.write(file, calendar("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:f",
        "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Madrid:20260105T080000", "RRULE:FREQ=DAILY",
        "SUMMARY:forever", "END:VEVENT", "END:VCALENDAR"));
    AgendaEvent stored = agenda.store(agenda.read(file)).stored().get(0);
    assertThat(stored.seriesEnd()).isNull();
    assertThat(agenda.occurrences(java.time.LocalDate.of(2126, 1, 1), java.time.LocalDate.of(2126, 1, 31))
        .occurrences()).hasSize(31);
  }
}
