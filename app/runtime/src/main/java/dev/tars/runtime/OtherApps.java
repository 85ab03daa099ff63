package dev.tars.runtime;

import dev.tars.config.StoredSettings;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.knowledge.KnowledgeBaseSource;
import dev.tars.mcp.TarsMcpServer;
import dev.tars.mcpclient.ChatTools;
import dev.tars.search.ConversationSearch;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other programs reach Tars through, and Tars reaches of theirs, built for {@link TarsRuntime} on first use
 * and closed with it: the local OpenAI-compatible API (with MCP at /mcp), the services of Tars' MCP server and
 * the relay {@code tars mcp} uses while this process holds the data folder (decision 1530), and the tools
 * conversations may call (decision 1520). The runtime calls these with its lock held and asks them nothing else.
 */
final class OtherApps {
  private static final Logger LOG = LoggerFactory.getLogger(OtherApps.class);

  private final TarsRuntime runtime;
  private final RuntimeOptions options;
  private final ClosingOrder closing;
  private ChatTools chatTools;
  private LocalApi localApi;
  private McpRelayHost mcpRelay;

  OtherApps(TarsRuntime runtime, RuntimeOptions options, ClosingOrder closing) {
    this.runtime = runtime;
    this.options = options;
    this.closing = closing;
  }

  ChatTools chatTools() {
    if (chatTools == null) {
      chatTools = ActionParts.chatTools(runtime.database().dataSource(), options.appVersion(), mcp(), closing);
    }
    return chatTools;
  }

  LocalApi localApi() {
    if (localApi == null) {
      Optional<KnowledgeBase> documents = runtime.knowledgeIfAvailable();
      localApi = closing.track("local API", new LocalApi(options.paths().home(), options.paths().logs(),
          runtime.engines(), runtime.chats(), documents.map(KnowledgeBase::embedder).orElse(null),
          documents.map(KnowledgeBaseSource::of).orElse(null), runtime::mcp));
    }
    return localApi;
  }

  TarsMcpServer.Services mcp() {
    return new TarsMcpServer.Services(() -> runtime.knowledge().service(), runtime.actions(),
        new ConversationSearch(runtime.database().dataSource(), Clock.systemUTC()),
        runtime.settings().get().language(), options.appVersion());
  }

  void publishMcpRelay() {
    if (mcpRelay != null) {
      return;
    }
    try {
      StoredSettings stored = runtime.settings();
      mcpRelay = closing.track("MCP relay", McpRelayHost.publish(options.paths().home(), runtime::mcp,
          () -> stored.get().apiAllowActions()));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("The MCP relay could not start; tars mcp cannot run while this Tars does", e);
    }
  }
}
