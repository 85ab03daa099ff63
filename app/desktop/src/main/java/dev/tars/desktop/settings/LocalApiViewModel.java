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

/**
 * The "Local API server" section of Settings: the switch (saved at once, off by default), the port, the key to
 * copy, and what the server is doing. The server itself follows the saved settings ({@link LocalApi}). Used on
 * the UI thread only.
 */
public final class LocalApiViewModel {
  private final SettingsStore store;
  private final LocalApi api;
  private final Background background;
  private final I18n i18n;
  private final BooleanProperty enabled = new SimpleBooleanProperty();
  private final IntegerProperty port = new SimpleIntegerProperty();
  private final ReadOnlyStringWrapper key = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper portChanged = new ReadOnlyBooleanWrapper();
  private int savedPort;
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
    port.addListener((obs, was, now) -> portChanged.set(now.intValue() != savedPort));
  }

  /** Fills the fields with what is saved, reads the key, and shows what the server is doing. */
  public void load() {
    background.run(() -> new Object[] {store.get(), api.key()}, loaded -> {
      var settings = (dev.tars.config.AppSettings) loaded[0];
      filling = true;
      try {
        savedPort = settings.apiPort();
        enabled.set(settings.apiServer());
        port.set(settings.apiPort());
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

  /** Uses the port in the field from now on (restarting the server when it runs). */
  public void applyPort() {
    save();
  }

  private void save() {
    int wantedPort = port.get();
    if (wantedPort < 1024 || wantedPort > 65535) {
      failed.set(true);
      status.set(i18n.get("localApi.portInvalid"));
      return;
    }
    boolean on = enabled.get();
    background.run(() -> {
      store.save(store.get().withApiServer(on, wantedPort));
      return null;
    }, ignored -> {
      savedPort = wantedPort;
      portChanged.set(port.get() != savedPort);
    }, e -> {
      failed.set(true);
      status.set(i18n.get("settings.saveFailed"));
    });
  }

  private void show(LocalApi.Status s) {
    failed.set(s.state() == LocalApi.State.FAILED);
    status.set(switch (s.state()) {
      case OFF -> i18n.get("localApi.off");
      case STARTING -> i18n.get("localApi.starting");
      case SERVING -> s.port() == s.askedPort() ? i18n.get("localApi.serving", s.baseUrl())
          : i18n.get("localApi.servingOtherPort", s.askedPort(), s.baseUrl());
      case FAILED -> i18n.get("localApi.failed", s.problem());
    });
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  public IntegerProperty portProperty() {
    return port;
  }

  /** Whether the port field differs from the port in use. */
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
