package dev.tars.engine;

/** Who wrote a chat message, with the name the OpenAI protocol uses on the wire. */
public enum Role {
  SYSTEM("system"),
  USER("user"),
  ASSISTANT("assistant");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName.equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown chat role: " + name);
  }
}
