package dev.tars.desktop.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;

/**
 * The window's theme (AtlantaFX Primer). Set from its binary stylesheet (.bss, shipped in the AtlantaFX jar): the
 * same rules as the CSS text, read without parsing 165 KB of CSS at every start (decision 1451).
 */
public final class ThemeSheet {
  private ThemeSheet() {}

  /** The Primer theme, dark or light. */
  public static Theme of(boolean dark) {
    return dark ? new PrimerDark() : new PrimerLight();
  }

  /** Makes the Primer theme, dark or light, the application's user-agent stylesheet. */
  public static void apply(boolean dark) {
    Application.setUserAgentStylesheet(of(dark).getUserAgentStylesheetBSS());
  }
}
