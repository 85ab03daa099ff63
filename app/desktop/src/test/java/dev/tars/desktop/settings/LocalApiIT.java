package dev.tars.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tars.config.StoredSettings;
import dev.tars.desktop.TestServices;
import dev.tars.desktop.fx.I18n;
import dev.tars.desktop.fx.TestUi;
import dev.tars.runtime.LocalApi;
import dev.tars.runtime.TarsRuntime;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings switch for the local API, down to real HTTP over loopback. */
class LocalApiIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path home;

  @Test
  void switchingItOnServesHealthOnLoopbackWithTheKeyAndSwitchingItOffStopsIt() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    TestUi ui = new TestUi();
    try (TarsRuntime runtime = TestServices.runtimeWithoutModel(home)) {
      StoredSettings settings = runtime.settings();
      LocalApi api = runtime.localApi();
      settings.addListener(api::apply);
      api.apply(settings.get()).get();
      assertThat(settings.get().apiServer()).as("off by default").isFalse();
      assertThat(api.status().state()).isEqualTo(LocalApi.State.OFF);

      LocalApiViewModel viewModel = new LocalApiViewModel(settings, api, ui.background(), ui,
          I18n.forLanguage("en"));
      viewModel.load();
      ui.runUntil(() -> !viewModel.keyProperty().get().isEmpty(), WAIT);
      assertThat(viewModel.statusProperty().get()).isEqualTo("Off.");
      String key = viewModel.keyProperty().get();
      assertThat(key).startsWith("tars-");
      assertThat(Files.getPosixFilePermissions(home.resolve("api-key")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      viewModel.portProperty().set(port);
      viewModel.enabledProperty().set(true);
      ui.runUntil(() -> viewModel.statusProperty().get().startsWith("Serving at"), WAIT);
      assertThat(viewModel.statusProperty().get()).isEqualTo("Serving at http://127.0.0.1:" + port + "/v1");
      assertThat(settings.get().apiServer()).isTrue();
      assertThat(settings.get().apiPort()).isEqualTo(port);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"ok\"");
      HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/v1/models")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(noKey.statusCode()).isEqualTo(401);
      HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/metrics")).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(withKey.statusCode()).isEqualTo(200);

      viewModel.enabledProperty().set(false);
      ui.runUntil(() -> viewModel.statusProperty().get().equals("Off."), WAIT);
      assertThat(settings.get().apiServer()).isFalse();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aPortTakenByAnotherProgramIsNeverReplacedAndSettingsSayWhoHoldsIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        LocalApi api = new LocalApi(home, home.resolve("logs"), TestServices.NO_MODEL, null, null, null)) {
      int port = taken.getLocalPort();
      api.apply(dev.tars.config.AppSettings.DEFAULTS.withApiServer(true, port)).get();

      assertThat(api.status().state()).isEqualTo(LocalApi.State.PORT_TAKEN);
      assertThat(api.status().askedPort()).isEqualTo(port);
      assertThat(api.status().holderPid()).isEqualTo(ProcessHandle.current().pid());
      TestUi ui = new TestUi();
      try (TestServices services = new TestServices(home, TestServices.NO_MODEL)) {
        for (String language : java.util.List.of("en", "es")) {
          LocalApiViewModel viewModel = new LocalApiViewModel(services.settings, api, ui.background(), ui,
              I18n.forLanguage(language));
          viewModel.load();
          ui.runUntil(() -> viewModel.statusProperty().get().contains(Integer.toString(port)), WAIT);
          assertThat(viewModel.statusProperty().get()).as(language).contains("java")
              .contains(Long.toString(ProcessHandle.current().pid()));
          assertThat(viewModel.failedProperty().get()).isTrue();
        }
      }
    }
  }

  @Test
  void portZeroLetsTarsPickAndSettingsSaySo() throws Exception {
    try (LocalApi api = new LocalApi(home, home.resolve("logs"), TestServices.NO_MODEL, null, null, null)) {
      api.apply(dev.tars.config.AppSettings.DEFAULTS.withApiServer(true, 0)).get();

      assertThat(api.status().state()).isEqualTo(LocalApi.State.SERVING);
      assertThat(api.status().port()).isPositive();
      TestUi ui = new TestUi();
      try (TestServices services = new TestServices(home, TestServices.NO_MODEL)) {
        LocalApiViewModel viewModel = new LocalApiViewModel(services.settings, api, ui.background(), ui,
            I18n.forLanguage("en"));
        viewModel.load();
        ui.runUntil(() -> viewModel.statusProperty().get().startsWith("Serving"), WAIT);
        assertThat(viewModel.statusProperty().get()).contains("chose port " + api.status().port());
      }
    }
  }

  @Test
  void allowedOriginsAreSavedWithTheOtherLocalApiSettingsAndApplied() throws Exception {
    TestUi ui = new TestUi();
    try (TestServices services = new TestServices(home, TestServices.NO_MODEL);
        LocalApi api = new LocalApi(home, home.resolve("logs"), TestServices.NO_MODEL, null, null, null)) {
      services.settings.addListener(api::apply);
      LocalApiViewModel viewModel = new LocalApiViewModel(services.settings, api, ui.background(), ui,
          I18n.forLanguage("en"));
      viewModel.load();
      ui.runUntil(() -> !viewModel.keyProperty().get().isEmpty(), WAIT);
      assertThat(viewModel.originsProperty().get()).isEmpty();

      viewModel.portProperty().set(0);
      viewModel.originsProperty().set("http://localhost:3000, https://notes.example");
      viewModel.applyPort();
      ui.runUntil(() -> !services.settings.get().apiAllowedOrigins().isEmpty(), WAIT);
      assertThat(services.settings.get().apiAllowedOrigins())
          .containsExactly("http://localhost:3000", "https://notes.example");

      viewModel.originsProperty().set("notes.example/path");
      viewModel.applyPort();
      assertThat(viewModel.failedProperty().get()).isTrue();
      assertThat(viewModel.statusProperty().get()).contains("notes.example/path");

      viewModel.originsProperty().set("http://localhost:3000");
      viewModel.enabledProperty().set(true);
      ui.runUntil(() -> viewModel.statusProperty().get().startsWith("Serving"), WAIT);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI health = URI.create("http://127.0.0.1:" + api.status().port() + "/health");
      assertThat(http.send(HttpRequest.newBuilder(health).header("Origin", "http://localhost:3000").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(health).header("Origin", "https://notes.example").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }
  }
}
