package dev.tars.actions.router;

/** What a person asked Tars to do; {@link #NONE} sends the words to the chat model as before. */
public enum Intent {
  NOTE_CREATE("note.create"),
  NOTE_SEARCH("note.search"),
  EVENT_CREATE("event.create"),
  REMINDER_CREATE("reminder.create"),
  AGENDA_QUERY("agenda.query"),
  MEMORY_REMEMBER("memory.remember"),
  NONE("none");

  private final String id;

  Intent(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON ({@code note.create}). */
  public String id() {
    return id;
  }

  public static Intent fromId(String id) {
    for (Intent intent : values()) {
      if (intent.id.equals(id)) {
        return intent;
      }
    }
    throw new IllegalArgumentException("Unknown intent: " + id);
  }
}
