package dev.tars.desktop.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view's FXML with the view object as its controller; a missing or broken file fails loudly. */
public final class Fxml {
  private Fxml() {}

  /** Loads {@code <ViewClassWithoutView>.fxml} next to the view class, e.g. ChatView -> Chat.fxml. */
  public static <T extends Parent> T load(Object view, I18n i18n) {
    String simpleName = view.getClass().getSimpleName();
    String name = (simpleName.endsWith("View") ? simpleName.substring(0, simpleName.length() - 4) : simpleName)
        + ".fxml";
    return load(view, name, i18n.bundle());
  }

  /** Loads {@code name} next to the view class, for views whose FXML file is not named after the class. */
  public static <T extends Parent> T load(Object view, String name, I18n i18n) {
    return load(view, name, i18n.bundle());
  }

  private static <T extends Parent> T load(Object view, String name, java.util.ResourceBundle bundle) {
    URL url = view.getClass().getResource(name);
    if (url == null) {
      throw new IllegalStateException("Missing FXML resource " + name + " next to " + view.getClass().getName());
    }
    FXMLLoader loader = new FXMLLoader(url, bundle);
    loader.setController(view);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load " + url, e);
    }
  }
}
