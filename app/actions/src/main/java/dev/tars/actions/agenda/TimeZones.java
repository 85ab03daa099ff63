package dev.tars.actions.agenda;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryImpl;

/**
 * Turns an iCalendar TZID into a zone that means the same in every run. IANA names are used as they are;
 * other names (Outlook's "W. Europe Standard Time", a calendar's own VTIMEZONE) become the IANA zone whose
 * offsets match the VTIMEZONE's over the years around now, or a fixed offset when the zone has no daylight
 * saving time. ical4j's own zone for a VTIMEZONE lives only inside this JVM, so it is never stored.
 */
final class TimeZones {
  private static final List<ZoneId> CANDIDATES = candidates();
  private static final List<Instant> SAMPLES = samples();

  private final Map<String, Optional<ZoneId>> resolved = new HashMap<>();
  private final TimeZoneRegistry registry = new TimeZoneRegistryImpl();

  /** Whether {@code tzid} names a zone without a VTIMEZONE: IANA or one of ical4j's known aliases. */
  boolean isKnown(String tzid) {
    return iana(tzid).isPresent();
  }

  /**
   * The stable zone for {@code tzid}; {@code definedZone} is the zone ical4j built from the file's VTIMEZONE
   * (null when the file had none).
   */
  Optional<ZoneId> resolve(String tzid, ZoneId definedZone) {
    return resolved.computeIfAbsent(tzid, id -> iana(id).or(() -> matching(definedZone)));
  }

  private Optional<ZoneId> iana(String tzid) {
    String id = tzid.strip();
    // Mozilla-style prefixes ("/mozilla.org/20050126_1/Europe/Madrid") end with the IANA name.
    for (String candidate : List.of(id, id.replaceFirst("^/.*?/(\\w+/\\w+)$", "$1"))) {
      if (ZoneId.getAvailableZoneIds().contains(candidate)) {
        return Optional.of(ZoneId.of(candidate));
      }
    }
    if ("UTC".equalsIgnoreCase(id) || "GMT".equalsIgnoreCase(id) || "Z".equals(id)) {
      return Optional.of(ZoneOffset.UTC);
    }
    try {
      String alias = registry.getTzId(id);
      if (alias != null && !alias.equals(id) && ZoneId.getAvailableZoneIds().contains(alias)) {
        return Optional.of(ZoneId.of(alias));
      }
    } catch (RuntimeException e) {
      // Not an alias ical4j knows.
    }
    return Optional.empty();
  }

  private static Optional<ZoneId> matching(ZoneId defined) {
    if (defined == null) {
      return Optional.empty();
    }
    ZoneRules rules;
    try {
      rules = defined.getRules();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Set<ZoneOffset> offsets = new TreeSet<>();
    for (Instant sample : SAMPLES) {
      offsets.add(rules.getOffset(sample));
    }
    if (offsets.size() == 1) {
      return Optional.of(offsets.iterator().next());
    }
    for (ZoneId candidate : CANDIDATES) {
      ZoneRules other = candidate.getRules();
      if (SAMPLES.stream().allMatch(s -> other.getOffset(s).equals(rules.getOffset(s)))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Region/City names first, in a fixed order, so the same VTIMEZONE always maps to the same zone. */
  private static List<ZoneId> candidates() {
    List<ZoneId> zones = new ArrayList<>();
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
        zones.add(ZoneId.of(id));
      }
    }
    return List.copyOf(zones);
  }

  /** Every five days over four years around now: enough to see both daylight-saving changes of each year. */
  private static List<Instant> samples() {
    List<Instant> samples = new ArrayList<>();
    ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC).minusYears(2).withHour(12);
    for (int i = 0; i < 292; i++) {
      samples.add(t.plusDays(5L * i).toInstant());
    }
    return List.copyOf(samples);
  }
}
