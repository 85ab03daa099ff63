package dev.tars.desktop.settings;

import dev.tars.config.SettingsStore;
import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.runtime.LocalApi;
import dev.tars.desktop.fx.UiDispatcher;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import java.util.List;

/**
 * The "Local API server" section of Settings: the switch (saved at once, off by default), the port (0: Tars picks
 * one), the web page origins allowed to call it (none by default), the key to copy, and what the server is doing. The server itself follows the saved settings ({@link LocalApi}). Used on
 * the UI thread only.
 */
public final class LocalApiViewModel {
  private final SettingsStore store;
  private final LocalApi api;
  private final Background background;
  private final I18n i18n;
  private final BooleanProperty enabled = new SimpleBooleanProperty();
  private final BooleanProperty allowActions = new SimpleBooleanProperty();
  private final IntegerProperty port = new SimpleIntegerProperty();
  private final StringProperty origins = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper key = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper portChanged = new ReadOnlyBooleanWrapper();
  private int savedPort;
  private String savedOrigins = "";
  private boolean filling;

  public LocalApiViewModel(SettingsStore store, LocalApi api, Background background, UiDispatcher ui, I18n i18n) {
    this.store = store;
    this.api = api;
    this.background = background;
    this.i18n = i18n;
    api.addListener(s -> ui.run(() -> show(s)));
    enabled.addListener((obs, was, now) -> {
      if (!filling) {
        save();
      }
    });
    allowActions.addListener((obs, was, now) -> {
      if (!filling) {
        saveAllowActions(now);
      }
    });
    port.addListener((obs, was, now) -> portChanged.set(changed()));
    origins.addListener((obs, was, now) -> portChanged.set(changed()));
  }

  /** Fills the fields with what is saved, reads the key, and shows what the server is doing. */
  public void load() {
    background.run(() -> new Object[] {store.get(), api.key()}, loaded -> {
      var settings = (dev.tars.config.AppSettings) loaded[0];
      filling = true;
      try {
        savedPort = settings.apiPort();
        enabled.set(settings.apiServer());
        allowActions.set(settings.apiAllowActions());
        port.set(settings.apiPort());
        savedOrigins = String.join(" ", settings.apiAllowedOrigins());
        origins.set(savedOrigins);
      } finally {
        filling = false;
      }
      portChanged.set(false);
      key.set((String) loaded[1]);
      show(api.status());
    }, e -> {
      failed.set(true);
      status.set(i18n.get("localApi.keyFailed", e.getMessage()));
    });
  }

  private boolean changed() {
    return port.get() != savedPort || !normalized(origins.get()).equals(savedOrigins);
  }

  private static String normalized(String text) {
    return String.join(" ", parseOrigins(text));
  }

  /** Origins separated by spaces, commas or new lines. */
  static List<String> parseOrigins(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("[\\s,]+"));
  }

  /** Uses the port and origins in the fields from now on (restarting the server when it runs). */
  public void applyPort() {
    save();
  }

  private void save() {
    int wantedPort = port.get();
    if (wantedPort != 0 && (wantedPort < 1024 || wantedPort > 65535)) {
      failed.set(true);
      status.set(i18n.get("localApi.portInvalid"));
      return;
    }
    List<String> wantedOrigins = parseOrigins(origins.get());
    for (String origin : wantedOrigins) {
      if (!origin.matches("(?i)https?://[^/\\s]+")) {
        failed.set(true);
        status.set(i18n.get("localApi.originInvalid", origin));
        return;
      }
    }
    boolean on = enabled.get();
    background.run(() -> {
      store.save(store.get().withApiServer(on, wantedPort).withApiAllowedOrigins(wantedOrigins));
      return null;
    }, ignored -> {
      savedPort = wantedPort;
      savedOrigins = String.join(" ", wantedOrigins);
      portChanged.set(changed());
    }, e -> {
      failed.set(true);
      status.set(i18n.get("settings.saveFailed"));
    });
  }

  /** Other apps (MCP clients) may create notes, reminders, events and memories, or only read. */
  private void saveAllowActions(boolean allowed) {
    background.run(() -> {
      store.save(store.get().withApiAllowActions(allowed));
      return null;
    }, ignored -> { }, e -> {
      failed.set(true);
      status.set(i18n.get("settings.saveFailed"));
    });
  }

  private void show(LocalApi.Status s) {
    failed.set(s.state() == LocalApi.State.FAILED || s.state() == LocalApi.State.PORT_TAKEN);
    status.set(switch (s.state()) {
      case OFF -> i18n.get("localApi.off");
      case STARTING -> i18n.get("localApi.starting");
      case SERVING -> s.askedPort() == 0 ? i18n.get("localApi.servingChosenPort", s.baseUrl(), s.port())
          : i18n.get("localApi.serving", s.baseUrl());
      case PORT_TAKEN -> s.problem().isEmpty() ? i18n.get("localApi.portTaken", s.askedPort())
          : i18n.get("localApi.portTakenBy", s.askedPort(), s.problem(), Long.toString(s.holderPid()));
      case FAILED -> i18n.get("localApi.failed", s.problem());
    });
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  /** Whether MCP clients may change things (off by default); the running server follows it. */
  public BooleanProperty allowActionsProperty() {
    return allowActions;
  }

  public IntegerProperty portProperty() {
    return port;
  }

  /** Web page origins allowed to call the API, separated by spaces. */
  public StringProperty originsProperty() {
    return origins;
  }

  /** Whether the port or origins fields differ from those in use. */
  public ReadOnlyBooleanProperty portChangedProperty() {
    return portChanged.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty keyProperty() {
    return key.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }
}
