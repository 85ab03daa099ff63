package dev.tars.desktop.feature;

import dev.tars.desktop.fx.I18n;
import dev.tars.projects.Project;

/**
 * How a project's name is shown, the same on every page (the switcher, the Memory page's filter and scopes, the
 * Notes page's project field, the notices about projects): the default project keeps the name the first migration
 * stored ("Default") and is shown translated ("General" in Spanish) until the person renames it.
 */
public final class ProjectNames {
  /** The name the first migration gives the default project. */
  static final String STORED_DEFAULT_NAME = "Default";

  private ProjectNames() {}

  public static String shown(Project project, I18n i18n) {
    return shown(project.id(), project.name(), i18n);
  }

  /** For pages that keep only a project's id and stored name. */
  public static String shown(long projectId, String storedName, I18n i18n) {
    return projectId == Project.DEFAULT_ID && STORED_DEFAULT_NAME.equals(storedName)
        ? i18n.get("projects.defaultName") : storedName;
  }
}
