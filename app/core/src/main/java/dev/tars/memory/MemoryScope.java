package dev.tars.memory;

/**
 * Where a memory applies: everywhere ({@link #GLOBAL}) or in one project.
 *
 * @param projectId the project, or 0 for global
 */
public record MemoryScope(long projectId) {
  public static final MemoryScope GLOBAL = new MemoryScope(0);

  public MemoryScope {
    if (projectId < 0) {
      throw new IllegalArgumentException("project id must not be negative, was " + projectId);
    }
  }

  public static MemoryScope project(long projectId) {
    if (projectId <= 0) {
      throw new IllegalArgumentException("a project scope needs a project id, was " + projectId);
    }
    return new MemoryScope(projectId);
  }

  public boolean isGlobal() {
    return projectId == 0;
  }

  Long column() {
    return isGlobal() ? null : projectId;
  }

  static MemoryScope fromColumn(long projectId, boolean wasNull) {
    return wasNull ? GLOBAL : project(projectId);
  }
}
