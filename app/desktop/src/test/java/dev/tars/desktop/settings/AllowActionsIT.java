package dev.tars.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.StoredSettings;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.runtime.LocalApi;
import dev.tars.runtime.TarsRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings -> Local API -> "Allow actions from other apps": off by default, and turning it on restarts the server so
 * that MCP clients at {@code /mcp} are offered the tools that change things (real HTTP over loopback).
 */
class AllowActionsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path home;

  @Test
  void theSwitchDecidesWhetherMcpClientsAreOfferedTheActionTools() throws Exception {
    TestUi ui = new TestUi();
    try (TarsRuntime runtime = TestServices.runtimeWithoutModel(home)) {
      StoredSettings settings = runtime.settings();
      LocalApi api = runtime.localApi();
      settings.addListener(api::apply);
      LocalApiViewModel viewModel = new LocalApiViewModel(settings, api, ui.background(), ui,
          I18n.forLanguage("es"));
      viewModel.load();
      ui.runUntil(() -> !viewModel.keyProperty().get().isEmpty(), WAIT);
      assertThat(viewModel.allowActionsProperty().get()).as("off by default").isFalse();
      viewModel.portProperty().set(0);
      viewModel.enabledProperty().set(true);
      ui.runUntil(() -> api.status().state() == LocalApi.State.SERVING, WAIT);
      String key = viewModel.keyProperty().get();

      assertThat(toolsAt(api.status().port(), key)).contains("search_documents").doesNotContain("create_note");

      viewModel.allowActionsProperty().set(true);
      ui.runUntil(() -> settings.get().apiAllowActions(), WAIT);
      ui.runUntil(() -> api.status().state() == LocalApi.State.SERVING
          && toolsAt(api.status().port(), key).contains("create_note"), WAIT);
      assertThat(toolsAt(api.status().port(), key)).contains("create_note", "remember");
      viewModel.enabledProperty().set(false);
      ui.runUntil(() -> api.status().state() == LocalApi.State.OFF, WAIT);
    }
  }

  /** The body of {@code tools/list} in a new MCP session at {@code /mcp}. */
  private static String toolsAt(int port, String key) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI mcp = URI.create("http://127.0.0.1:" + port + "/mcp");
      HttpResponse<String> init = http.send(post(mcp, key, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
          + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
          + "{\"name\":\"settings-test\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      http.send(post(mcp, key, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
          HttpResponse.BodyHandlers.ofString());
      return http.send(post(mcp, key, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static HttpRequest post(URI uri, String key, String session, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", "2025-06-18");
    }
    return request.build();
  }
}
