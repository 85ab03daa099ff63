package dev.tars.exchange;

import dev.tars.engine.Role;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Markdown for people to read or paste elsewhere (export only: Markdown loses the structure). */
public final class MarkdownExchange {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private MarkdownExchange() {}

  public static String write(TarsExport export, ZoneId zone) {
    StringBuilder md = new StringBuilder();
    String level = "#";
    if (export.project() != null) {
      TarsExport.ProjectData p = export.project();
      md.append("# ").append(p.name()).append("\n\n");
      if (!p.instructions().isBlank()) {
        md.append("**Instructions**\n\n");
        p.instructions().lines().forEach(line -> md.append("> ").append(line).append('\n'));
        md.append('\n');
      }
      if (!p.memories().isEmpty()) {
        md.append("**Memories**\n\n");
        p.memories().forEach(m -> md.append("- ").append(m.text()).append(m.pinned() ? " (pinned)" : "").append('\n'));
        md.append('\n');
      }
      level = "##";
    }
    for (TarsExport.ConversationData c : export.conversations()) {
      md.append(level).append(' ').append(c.title()).append("\n\n");
      md.append("*Started ").append(WHEN.format(c.createdAt().atZone(zone))).append("*\n\n");
      for (TarsExport.MessageData m : c.messages()) {
        String who = m.role() == Role.USER ? "You" : m.role() == Role.ASSISTANT ? "Tars" : "System";
        md.append(level).append("# ").append(who).append("\n\n").append(m.content().strip()).append("\n\n");
      }
    }
    return md.toString();
  }
}
