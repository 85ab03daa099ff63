package dev.tars.desktop;

import dev.tars.backup.BackupService;
import dev.tars.chat.ChatService;
import dev.tars.config.AppPaths;
import dev.tars.config.SettingsStore;
import dev.tars.desktop.engine.EngineHost;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.memory.MemorySystem;
import dev.tars.models.ModelManager;
import dev.tars.watchdog.Metrics;
import dev.tars.watchdog.Watchdog;
import java.util.Objects;

/**
 * The services {@link TarsApp} built, handed to the {@link DesktopShell} in one piece. Chat, settings and the
 * engine are always there; every other feature is optional (null) so that one that failed to start (say,
 * the embedding model could not be unpacked) leaves the rest of the app working, and tests build only what
 * they need.
 *
 * @param restartApp closes the app and starts it again (a restore is applied during that start)
 */
public record DesktopServices(ChatService chats, SettingsStore settings, EngineHost engines, AppPaths paths,
    ModelManager models, KnowledgeBase knowledge, MemorySystem memory, BackupService backups, Watchdog watchdog,
    Metrics metrics, Runnable restartApp) {

  public DesktopServices {
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(engines, "engines");
  }

  /** Only chat: what the window needs at the least. */
  public static DesktopServices chatOnly(ChatService chats, SettingsStore settings, EngineHost engines) {
    return new DesktopServices(chats, settings, engines, null, null, null, null, null, null, null, () -> {});
  }
}
