package dev.tars.actions.agenda;

import dev.tars.actions.i18n.ActionException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Uid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@code .ics} file completely and checks it before anything is stored, so an import is all or
 * nothing. Every refusal is one {@link ActionException} naming the file and the reason.
 */
public final class IcsReader {
  private static final Logger LOG = LoggerFactory.getLogger(IcsReader.class);
  /** Larger files are refused before reading: ten years of a busy calendar is a few MB. */
  public static final long MAX_BYTES = 20L * 1024 * 1024;
  /** Events plus tasks in one file. */
  public static final int MAX_COMPONENTS = 20_000;

  private static final Pattern TZID_PARAMETER = Pattern.compile(";TZID=(\"[^\"]*\"|[^;:]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TZID_PROPERTY = Pattern.compile("^TZID:(.*)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern EVENT_BLOCK = Pattern.compile("^BEGIN:VEVENT[ \t]*\n.*?^END:VEVENT[ \t]*(\n|\\z)",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern COMPONENT_START = Pattern.compile("^BEGIN:(VEVENT|VTODO)\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private final ZoneId personZone;

  public IcsReader(ZoneId personZone) {
    this.personZone = personZone;
  }

  public CalendarFile read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ActionException("ics.tooLarge", name, megabytes(size), megabytes(MAX_BYTES));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ActionException(e, "ics.notFound", file.toString());
    } catch (IOException e) {
      throw new ActionException(e, "ics.unreadable", name, String.valueOf(e.getMessage()));
    }
    return parse(name, decode(name, bytes));
  }

  /** Reads calendar text that is already in memory (a dropped file's preview, tests). */
  public CalendarFile parse(String name, String text) {
    String unfolded = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("\n[ \t]", "");
    List<String> lines = unfolded.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty() || !lines.get(0).equalsIgnoreCase("BEGIN:VCALENDAR")) {
      throw new ActionException("ics.notCalendar", name);
    }
    if (!lines.get(lines.size() - 1).equalsIgnoreCase("END:VCALENDAR")) {
      throw new ActionException("ics.truncated", name);
    }
    Matcher components = COMPONENT_START.matcher(unfolded);
    int count = 0;
    while (components.find()) {
      count++;
    }
    if (count > MAX_COMPONENTS) {
      throw new ActionException("ics.tooManyEvents", name, count, MAX_COMPONENTS);
    }
    TimeZones zones = new TimeZones();
    checkZones(name, unfolded, zones);

    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(text));
    } catch (ParserException e) {
      LOG.info("{} is not valid iCalendar", name, e);
      throw new ActionException(e, "ics.malformed", name, e.getLineNo(), detail(e));
    } catch (IOException | RuntimeException e) {
      LOG.info("{} is not valid iCalendar", name, e);
      throw new ActionException(e, "ics.malformed", name, 0, detail(e));
    }
    return read(name, calendar, zones, eventTexts(unfolded));
  }

  /**
   * The text of each VEVENT as the file has it (unfolded, CRLF), in file order. Stored as it is instead of
   * ical4j's rewriting of the parsed event: nothing the file said is reformatted, and writing 10,000 events back
   * to text cost a tenth of an import.
   */
  private static List<String> eventTexts(String unfolded) {
    List<String> texts = new ArrayList<>();
    Matcher block = EVENT_BLOCK.matcher(unfolded);
    while (block.find()) {
      String text = block.group();
      texts.add((text.endsWith("\n") ? text : text + "\n").replace("\n", "\r\n"));
    }
    return texts;
  }

  private CalendarFile read(String name, Calendar calendar, TimeZones zones, List<String> eventTexts) {
    EventReader reader = new EventReader(zones, personZone);
    // The file's own text of each event, when it lines up one to one with what ical4j read.
    List<String> texts = eventTexts.size() == calendar.getComponents(Component.VEVENT).size() ? eventTexts : null;
    int eventIndex = 0;
    List<AgendaEvent> events = new ArrayList<>();
    List<CalendarFile.Task> tasks = new ArrayList<>();
    Map<String, String> timezones = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (CalendarComponent component : calendar.getComponents()) {
      try {
        switch (component) {
          case VTimeZone tz -> tz.<Property>getProperty(Property.TZID)
              .ifPresent(id -> timezones.put(id.getValue(), tz.toString()));
          case VEvent event -> {
            boolean hadUid = hasUid(event);
            String uid = uid(event);
            String text = texts != null && hadUid ? texts.get(eventIndex) : event.toString();
            eventIndex++;
            if (event.getProperty(Property.DTSTART).isEmpty()) {
              throw new ActionException("ics.eventWithoutStart", name, uid);
            }
            AgendaEvent read = reader.read(event, uid, text);
            if (!seen.add(read.uid() + "|" + read.recurrenceId())) {
              LOG.info("{}: event {} appears twice; the last one is kept", name, uid);
              events.removeIf(e -> e.uid().equals(read.uid()) && e.recurrenceId().equals(read.recurrenceId()));
            }
            events.add(read);
          }
          case VToDo todo -> tasks.add(task(reader, todo));
          default -> LOG.info("{}: {} is not imported (Tars keeps events and tasks)", name, component.getName());
        }
      } catch (EventReader.UnknownZoneException e) {
        throw new ActionException(e, "ics.unknownTzid", name, e.tzid);
      } catch (ActionException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.info("{}: cannot read {}", name, component, e);
        throw new ActionException(e, "ics.badComponent", name, uidOrNothing(component), detail(e));
      }
    }
    if (events.isEmpty() && tasks.isEmpty()) {
      throw new ActionException("ics.empty", name);
    }
    String calendarName = calendar.<Property>getProperty("X-WR-CALNAME").map(Property::getValue).orElse("");
    return new CalendarFile(name, events, tasks, timezones, calendarName);
  }

  private static CalendarFile.Task task(EventReader reader, VToDo todo) {
    String uid = uid(todo);
    String text = todo.<Property>getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
    boolean done = todo.<Property>getProperty(Property.STATUS).map(p -> p.getValue().equalsIgnoreCase("COMPLETED"))
        .orElse(false) || todo.getProperty(Property.COMPLETED).isPresent();
    var due = todo.<net.fortuna.ical4j.model.property.DateProperty<?>>getProperty(Property.DUE)
        .or(() -> todo.getProperty(Property.DTSTART)).map(reader::when);
    return new CalendarFile.Task(uid, text, due.map(EventReader.When::instant).orElse(null),
        due.map(EventReader.When::zone).orElse(null), done, todo.toString());
  }

  private static boolean hasUid(Component component) {
    return component.<Property>getProperty(Property.UID).map(Property::getValue).filter(u -> !u.isBlank()).isPresent();
  }

  /** The UID, or a new one written into the component so that an export keeps it stable. */
  private static String uid(Component component) {
    var uid = component.<Property>getProperty(Property.UID).map(Property::getValue).filter(u -> !u.isBlank());
    if (uid.isPresent()) {
      return uid.get();
    }
    String made = UUID.randomUUID() + "@tars";
    component.add(new Uid(made));
    return made;
  }

  private static String uidOrNothing(Component component) {
    return component.<Property>getProperty(Property.UID).map(Property::getValue).orElse(component.getName());
  }

  private static void checkZones(String name, String unfolded, TimeZones zones) {
    Set<String> defined = new LinkedHashSet<>();
    Matcher property = TZID_PROPERTY.matcher(unfolded);
    while (property.find()) {
      defined.add(property.group(1).strip());
    }
    Matcher parameter = TZID_PARAMETER.matcher(unfolded);
    while (parameter.find()) {
      String tzid = parameter.group(1).replace("\"", "").strip();
      if (!defined.contains(tzid) && !zones.isKnown(tzid)) {
        throw new ActionException("ics.unknownTzid", name, tzid);
      }
    }
  }

  private static String decode(String name, byte[] bytes) {
    int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException e) {
      throw new ActionException(e, "ics.encoding", name);
    }
  }

  private static String detail(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    message = message.replaceFirst("^Error at line \\d+:", "").strip();
    return message.lines().findFirst().orElse(message).toLowerCase(Locale.ROOT).startsWith("unexpected end")
        ? "unexpected end of file" : message.lines().findFirst().orElse(message);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }
}
