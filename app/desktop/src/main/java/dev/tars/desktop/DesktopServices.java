package dev.tars.desktop;

import dev.tars.actions.Actions;
import dev.tars.backup.BackupService;
import dev.tars.backup.BackupSettings;
import dev.tars.chat.ChatService;
import dev.tars.config.SettingsStore;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.mcpclient.ChatTools;
import dev.tars.models.ModelManager;
import dev.tars.runtime.EngineHost;
import dev.tars.runtime.LocalApi;
import dev.tars.runtime.MemorySystem;
import dev.tars.runtime.TarsRuntime;
import dev.tars.runtime.VoiceSystem;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import java.util.Objects;

/**
 * What the window shows, taken from the {@link TarsRuntime} in one piece (it builds nothing itself). Chat, settings and the
 * engine are always there; every other feature is optional (null) so that one that failed to start (say,
 * the embedding model could not be unpacked) leaves the rest of the app working, and tests build only what
 * they need.
 *
 * @param voice push-to-talk, read-aloud and the voice settings
 * @param restartApp closes the app and starts it again (a restore is applied during that start)
 * @param backupSettings schedule, retention, mirror and alert address of the backups (with {@code backups})
 * @param localApi the local API server the Settings switch turns on and off
 * @param actions notes, agenda, reminders and the action service (Agenda page, action cards, reminder notices,
 *     Activity page)
 * @param chatTools the tools the model may call in conversations (Settings → Tools)
 */
public record DesktopServices(ChatService chats, SettingsStore settings, EngineHost engines, VoiceSystem voice,
    ModelManager models, KnowledgeBase knowledge, MemorySystem memory, BackupService backups, Watchdog watchdog,
    Metrics metrics, Runnable restartApp, BackupSettings backupSettings, LocalApi localApi, Actions actions,
    ChatTools chatTools) {

  public DesktopServices {
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(engines, "engines");
  }

  /** Without the actions feature and tools (tests of other pages). */
  public DesktopServices(ChatService chats, SettingsStore settings, EngineHost engines, VoiceSystem voice,
      ModelManager models, KnowledgeBase knowledge, MemorySystem memory, BackupService backups, Watchdog watchdog,
      Metrics metrics, Runnable restartApp, BackupSettings backupSettings, LocalApi localApi) {
    this(chats, settings, engines, voice, models, knowledge, memory, backups, watchdog, metrics, restartApp,
        backupSettings, localApi, null, null);
  }

  /** Everything {@code runtime} has (call {@link TarsRuntime#startAll()} first); knowledge may be missing. */
  public static DesktopServices of(TarsRuntime runtime, Runnable restartApp) {
    return new DesktopServices(runtime.chats(), runtime.settings(), runtime.engines(), voiceOf(runtime),
        runtime.models(), runtime.knowledgeIfAvailable().orElse(null), runtime.memory(), runtime.backups(),
        runtime.watchdog(), runtime.metrics(), restartApp, runtime.backupSettings(), runtime.localApi(),
        actionsOf(runtime), chatToolsOf(runtime));
  }

  /** The actions feature, or null when it cannot be built (the rest of the window still works). */
  private static Actions actionsOf(TarsRuntime runtime) {
    try {
      return runtime.actions();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(DesktopServices.class).error("Notes, agenda and reminders are not available",
          e);
      return null;
    }
  }

  /** Voice, or null when it cannot be built (the rest of the window still works). */
  private static VoiceSystem voiceOf(TarsRuntime runtime) {
    try {
      return runtime.voice();
    } catch (RuntimeException | LinkageError e) {
      org.slf4j.LoggerFactory.getLogger(DesktopServices.class).warn("Voice is not available", e);
      return null;
    }
  }

  /** The tools of conversations, or null when they cannot be built (the rest of the window still works). */
  private static ChatTools chatToolsOf(TarsRuntime runtime) {
    try {
      return runtime.chatTools();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(DesktopServices.class).error("Tools in conversations are not available", e);
      return null;
    }
  }

  /** Only chat: what the window needs at the least. */
  public static DesktopServices chatOnly(ChatService chats, SettingsStore settings, EngineHost engines) {
    return new DesktopServices(chats, settings, engines, null, null, null, null, null, null, null, () -> {}, null,
        null);
  }
}
