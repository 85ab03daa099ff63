package dev.tars.cli.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.actions.router.Intent;
import dev.tars.actions.router.Routed;
import dev.tars.actions.router.Router;
import dev.tars.cli.CliHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The note, remind, reminders, agenda, do and activity commands on a real data home, as scripts call them. */
class ActionCommandsIT {
  @TempDir Path home;
  @RegisterExtension final CliHome cli = new CliHome(() -> home.resolve("data"));
  private TimeZone zone;
  private Locale locale;

  @BeforeEach
  void madridInEnglish() {
    zone = TimeZone.getDefault();
    locale = Locale.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Madrid"));
    Locale.setDefault(Locale.ENGLISH);
  }

  @AfterEach
  void restoreZoneAndLocale() {
    TimeZone.setDefault(zone);
    Locale.setDefault(locale);
  }

  @Test
  void agendaListsRepeatingEventsAtTheSameWallClockWithTheirOffsets() {
    assertThat(cli.run(new AgendaCommand(), "add", "Team", "stand-up", "--start", "2026-10-19T09:30", "--repeat",
        "weekly", "--location", "Room 2")).isZero();
    assertThat(cli.out()).startsWith("Added event 1: Team stand-up, ");
    assertThat(cli.run(new AgendaCommand(), "add", "Christmas", "--start", "2026-12-25", "--all-day")).isZero();

    assertThat(cli.run(new AgendaCommand(), "list", "--from", "2026-10-19", "--to", "2026-11-02", "--json")).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("\\{\"uid\":\"[^\"]+\",\"title\":\"Team stand-up\",\"start\":\"2026-10-19T09:30\\+02:00\","
        + "\"end\":\"2026-10-19T10:30\\+02:00\",\"allDay\":false,\"location\":\"Room 2\"}");
    assertThat(lines.get(1)).contains("\"start\":\"2026-10-26T09:30+01:00\"");
    assertThat(lines.get(2)).contains("\"start\":\"2026-11-02T09:30+01:00\"");

    assertThat(cli.run(new AgendaCommand(), "list", "--from", "2026-12-25", "--to", "2026-12-25", "--json")).isZero();
    assertThat(cli.out().lines()).anySatisfy(l -> assertThat(l).contains("\"title\":\"Christmas\","
        + "\"start\":\"2026-12-25\",\"end\":\"2026-12-26\",\"allDay\":true"));

    assertThat(cli.run(new AgendaCommand(), "list", "--from", "2026-12-21", "--to", "2026-12-21")).isZero();
    assertThat(cli.out()).contains("Monday, December 21, 2026", "Team stand-up  @ Room 2");
  }

  @Test
  void importIsAllOrNothingAndExportRoundTrips() throws Exception {
    Path ics = home.resolve("work.ics");
    Files.writeString(ics, String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
        "BEGIN:VEVENT", "UID:one@example.com", "DTSTAMP:20261101T000000Z",
        "DTSTART;TZID=Europe/Madrid:20261221T093000", "DTEND;TZID=Europe/Madrid:20261221T103000",
        "SUMMARY:Revisión\\, trimestral", "X-CUSTOM;X-P=1:keep me", "END:VEVENT",
        "BEGIN:VTODO", "UID:todo@example.com", "DTSTAMP:20261101T000000Z", "DUE:20301231T100000Z",
        "SUMMARY:Renew passport", "END:VTODO", "END:VCALENDAR", ""), StandardCharsets.UTF_8);
    assertThat(cli.run(new AgendaCommand(), "import", ics.toString())).isZero();
    assertThat(cli.out()).contains("Imported 1 events and 1 tasks from " + ics);

    Path cut = home.resolve("cut.ics");
    Files.writeString(cut, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:two\r\n");
    assertThat(cli.run(new AgendaCommand(), "import", cut.toString())).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("tars: cut.ics is cut short: it does not end with END:VCALENDAR. Nothing"
        + " was imported; copy or export the file again.\n");
    Locale.setDefault(Locale.forLanguageTag("es"));
    assertThat(cli.run(new AgendaCommand(), "import", cut.toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith("tars: cut.ics está cortado");

    Path exported = home.resolve("out.ics");
    assertThat(cli.run(new AgendaCommand(), "export", exported.toString())).isZero();
    String text = Files.readString(exported);
    assertThat(text).contains("SUMMARY:Revisión\\, trimestral", "X-CUSTOM;X-P=1:keep me", "BEGIN:VTIMEZONE",
        "TZID:Europe/Madrid", "SUMMARY:Renew passport");
    assertThat(cli.run(new RemindersCommand(), "--json")).isZero();
    assertThat(cli.out()).isEqualTo("{\"id\":1,\"text\":\"Renew passport\",\"due\":\"2030-12-31T11:00+01:00\","
        + "\"status\":\"pending\"}\n");
  }

  @Test
  void notesAddListSearchRemoveAndUndo() {
    assertThat(cli.run(new NoteCommand(), "add", "The wifi password is tortuga-42", "--tag", "home")).isZero();
    assertThat(cli.out()).isEqualTo("Saved note 1: The wifi password is tortuga-42\n");
    assertThat(cli.run(new NoteCommand(), "add", "Buy oranges")).isZero();
    assertThat(cli.run(new NoteCommand(), "list")).isZero();
    assertThat(cli.out()).contains("Buy oranges", "The wifi password is tortuga-42  #home");
    assertThat(cli.run(new NoteCommand(), "search", "wifi")).isZero();
    assertThat(cli.out()).contains("    1  The wifi password is tortuga-42", "The [wifi] password");
    assertThat(cli.run(new NoteCommand(), "rm", "1")).isZero();
    assertThat(cli.out()).startsWith("Deleted note 1");
    assertThat(cli.run(new NoteCommand(), "rm", "1")).isEqualTo(1);
    assertThat(cli.err()).contains("There is no note 1");

    assertThat(cli.run(new ActivityCommand(), "--json")).isZero();
    assertThat(cli.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"origin\":\"cli\""));
    String deletion = cli.out().lines().findFirst().orElseThrow();
    assertThat(deletion).contains("\"kind\":\"note.delete\"", "\"canUndo\":true");
    long id = Long.parseLong(deletion.replaceAll(".*\"id\":(\\d+).*", "$1"));
    assertThat(cli.run(new ActivityCommand(), "undo", String.valueOf(id))).isZero();
    assertThat(cli.run(new NoteCommand(), "search", "tortuga")).isZero();
    assertThat(cli.out()).contains("The wifi password is tortuga-42");
  }

  @Test
  void remindAndListReminders() {
    assertThat(cli.run(new RemindCommand(), "call", "the", "dentist", "--at", "2030-01-15T10:00")).isZero();
    assertThat(cli.out()).startsWith("Reminder 1: call the dentist, ");
    assertThat(cli.run(new RemindCommand(), "too late", "--at", "2020-01-01 08:00")).isZero();
    assertThat(cli.err()).contains("already passed");
    assertThat(cli.run(new RemindCommand(), "never", "--at", "tomorrow")).isEqualTo(2);
    assertThat(cli.err()).contains("\"tomorrow\" is not a date and time");
    assertThat(cli.run(new RemindersCommand(), "--json")).isZero();
    assertThat(cli.out().lines()).containsExactly(
        "{\"id\":2,\"text\":\"too late\",\"due\":\"2020-01-01T08:00+01:00\",\"status\":\"pending\"}",
        "{\"id\":1,\"text\":\"call the dentist\",\"due\":\"2030-01-15T10:00+01:00\",\"status\":\"pending\"}");
  }

  /** A stand-in for the router branch's first stage: answers what the real one answers for these sentences. */
  private static Router router(Intent intent, Map<String, String> slots) {
    return (utterance, now) -> new Routed(intent, slots, 0.95, "en");
  }

  @Test
  void doAsksBeforeActingAndRefusesWithoutYesWhenNotATerminal() {
    Router remind = router(Intent.REMINDER_CREATE, Map.of("text", "call the dentist", "when", "2026-12-18T10:00"));
    assertThat(cli.run(new DoCommand(() -> remind, () -> false), "--now", "2026-12-17T09:00",
        "remind me to call the dentist tomorrow at 10am")).isEqualTo(1);
    assertThat(cli.out()).startsWith("Reminder: call the dentist, Friday, December 18, 2026");
    assertThat(cli.err()).contains("Nothing was done", "--yes");
    assertThat(cli.run(new RemindersCommand(), "--json")).isZero();
    assertThat(cli.out()).isEmpty();

    assertThat(cli.run(new DoCommand(() -> remind, () -> false), "--yes", "--now", "2026-12-17T09:00",
        "remind me to call the dentist tomorrow at 10am")).isZero();
    assertThat(cli.out()).contains("Done (activity 1");
    assertThat(cli.run(new RemindersCommand(), "--json")).isZero();
    assertThat(cli.out()).contains("\"text\":\"call the dentist\",\"due\":\"2026-12-18T10:00+01:00\"");

    Router event = router(Intent.EVENT_CREATE, Map.of("title", "lunch with Sara", "start", "2026-12-17T13:30",
        "location", "Casa Lola"));
    assertThat(cli.run(new DoCommand(() -> event, () -> false), "--yes", "put lunch with Sara on my calendar"))
        .isZero();
    Router query = router(Intent.AGENDA_QUERY, Map.of("from", "2026-12-17", "to", "2026-12-17"));
    assertThat(cli.run(new DoCommand(() -> query, () -> false), "what do I have on Thursday?")).isZero();
    assertThat(cli.out()).contains("lunch with Sara  @ Casa Lola");

    Router none = router(Intent.NONE, Map.of());
    assertThat(cli.run(new DoCommand(() -> none, () -> false), "remind me what a monad is")).isZero();
    assertThat(cli.out()).contains("nothing was done");
    assertThat(cli.run(new ActivityCommand(), "--json")).isZero();
    assertThat(cli.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"origin\":\"router\""));
  }

  @Test
  void doAsksTheChosenModelOnlyWhenTheRulesAreUnsure() {
    String unsure = "I must not forget the vet appointment tomorrow at 5";
    assertThat(cli.run(new DoCommand(), "--now", "2026-12-17T09:00", unsure)).isIn(0, 1);
    assertThat(cli.err()).as("no model chosen: the rules alone").doesNotContain("asking the model");

    assertThat(cli.tars("models", "use", dev.tars.testkit.TestModels.tiny().toString())).isZero();
    assertThat(cli.run(new DoCommand(), "--now", "2026-12-17T09:00", "remind me to call mom at 5pm")).isEqualTo(1);
    assertThat(cli.err()).as("sure rules never start the model").doesNotContain("asking the model")
        .contains("--yes");
    assertThat(cli.run(new DoCommand(), "--no-model", "--now", "2026-12-17T09:00", unsure)).isIn(0, 1);
    assertThat(cli.err()).doesNotContain("asking the model");

    // The generated model's weights are random: its choice is too, but it is asked, and nothing is written.
    assertThat(cli.run(new DoCommand(), "--now", "2026-12-17T09:00", unsure)).isIn(0, 1);
    assertThat(cli.err()).contains("asking the model chosen in the app");
    assertThat(cli.run(new ActivityCommand(), "--json")).isZero();
    assertThat(cli.out()).isEmpty();
  }
}
