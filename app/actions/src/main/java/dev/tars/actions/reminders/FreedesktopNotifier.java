package dev.tars.actions.reminders;

import dev.tars.actions.i18n.Texts;
import dev.tars.concurrent.NamedThreads;
import dev.tars.files.ProgramLookup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freedesktop notification service (org.freedesktop.Notifications on the session D-Bus) through
 * libnotify's {@code notify-send}: Done and Snooze buttons come back as the chosen action on its standard output
 * ({@code --wait}). Decision 1212 says why a command and not a Java D-Bus library.
 */
public final class FreedesktopNotifier implements DesktopNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(FreedesktopNotifier.class);

  private final Path command;
  private final Texts texts;
  private final ZoneId zone;
  private final BiConsumer<Long, String> onAction;
  private final ExecutorService waiters = Executors.newCachedThreadPool(NamedThreads.named("notification"));

  private FreedesktopNotifier(Path command, Texts texts, ZoneId zone, BiConsumer<Long, String> onAction) {
    this.command = command;
    this.texts = texts;
    this.zone = zone;
    this.onAction = onAction;
  }

  /**
   * The notifier when this session has a notification service to talk to ({@code notify-send} on the PATH and a
   * session bus address), else {@link DesktopNotifier#NONE}.
   *
   * @param onAction called with the reminder id and {@code done}, {@code snooze10}, {@code snoozeHour} or
   *     {@code snoozeTomorrow} when the person presses a button
   */
  public static DesktopNotifier detect(Map<String, String> env, Texts texts, ZoneId zone,
      BiConsumer<Long, String> onAction) {
    String bus = env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "");
    String path = env.getOrDefault("PATH", "");
    if (bus.isBlank()) {
      LOG.info("No session D-Bus: reminders are shown in the window only");
      return NONE;
    }
    Optional<Path> command = ProgramLookup.here().find("notify-send", path);
    if (command.isEmpty()) {
      LOG.info("notify-send is not installed (package libnotify-bin): reminders are shown in the window only");
      return NONE;
    }
    LOG.info("Desktop notifications through {}", command.get());
    return new FreedesktopNotifier(command.get(), texts, zone, onAction);
  }

  @Override
  public boolean show(Notice notice) {
    String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(texts.locale())
        .format(notice.due().atZone(zone));
    List<String> args = List.of(command.toString(), "--app-name=Tars", "--urgency=normal", "--wait",
        "--action=done=" + texts.get("notice.done"), "--action=snooze10=" + texts.get("notice.snooze10"),
        "--action=snoozeHour=" + texts.get("notice.snoozeHour"),
        "--action=snoozeTomorrow=" + texts.get("notice.snoozeTomorrow"),
        texts.get(notice.missed() ? "notice.missedTitle" : "notice.title"),
        notice.missed() ? texts.get("notice.missedBody", notice.text(), when) : notice.text());
    Process process;
    try {
      process = new ProcessBuilder(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      LOG.warn("notify-send could not start", e);
      return false;
    }
    waiters.execute(() -> awaitChoice(process, notice.reminderId()));
    return true;
  }

  private void awaitChoice(Process process, long reminderId) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String choice = line.strip();
        if (List.of("done", "snooze10", "snoozeHour", "snoozeTomorrow").contains(choice)) {
          onAction.accept(reminderId, choice);
        } else if (!choice.isEmpty()) {
          LOG.info("notify-send: {}", choice);
        }
      }
      int code = process.waitFor();
      if (code != 0) {
        LOG.warn("notify-send exited with {}", code);
      }
    } catch (IOException e) {
      LOG.warn("Reading notify-send failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
