package dev.tars.runtime;

import dev.tars.actions.Actions;
import dev.tars.actions.activity.Origin;
import dev.tars.actions.i18n.Texts;
import dev.tars.actions.reminders.DesktopNotifier;
import dev.tars.mcp.BuiltInTools;
import dev.tars.mcp.McpTexts;
import dev.tars.mcp.TarsMcpServer;
import dev.tars.mcpclient.ChatTools;
import dev.tars.mcpclient.McpServers;
import dev.tars.mcpclient.ToolSettings;
import dev.tars.memory.MemoryService;
import dev.tars.tools.Tool;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * How {@link TarsRuntime} assembles the actions (notes, agenda, reminders) for a command or for the window, and
 * the tools the model may call in conversations (decision 1520). The runtime decides when each is built and closes it.
 */
final class ActionParts {
  private ActionParts() {}

  /** For one-shot commands: in this computer's time zone; reminders are never delivered (nothing notifies). */
  static Actions forCommands(DataSource dataSource, MemoryService memories) {
    ZoneId zone = ZoneId.systemDefault();
    return Actions.open(dataSource, memories, Clock.system(zone), zone, DesktopNotifier.NONE);
  }

  /**
   * For the window: reminders tick on the app's one scheduler (the watchdog's) and reach the freedesktop
   * notification service, in the person's {@code language}, when this session has one.
   */
  static Actions forWindow(DataSource dataSource, MemoryService memories, String language,
      ScheduledExecutorService scheduler) {
    ZoneId zone = ZoneId.systemDefault();
    Texts texts = Texts.of(Texts.locale(language));
    Actions[] built = new Actions[1];
    DesktopNotifier notifier = Actions.desktopNotifier(texts, zone, () -> built[0]);
    built[0] = Actions.open(dataSource, memories, Clock.system(zone), zone, notifier, scheduler);
    return built[0];
  }

  /**
   * The tools of conversations: the MCP servers of Settings → Tools (tracked to be stopped at close) and the same
   * built-in tools Tars' MCP server serves, whose changes go through the action service as TOOL.
   */
  static ChatTools chatTools(DataSource dataSource, String appVersion, TarsMcpServer.Services services,
      ClosingOrder closing) {
    ToolSettings toolSettings = new ToolSettings(dataSource);
    McpServers servers = closing.track("MCP servers", new McpServers(toolSettings, appVersion));
    BuiltInTools builtIns = new BuiltInTools(services.documents(), services.actions(), services.conversations(),
        McpTexts.of(services.language()));
    List<Tool> own = builtIns.tools(new BuiltInTools.Caller(Origin.TOOL, "chat"), true);
    return new ChatTools(toolSettings, servers, () -> own);
  }
}
