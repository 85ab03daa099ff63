package dev.tars.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds which program listens on a TCP port, so "port taken" can say by whom. Linux only (reads {@code /proc}):
 * the listening socket's inode from {@code /proc/net/tcp[6]}, then the process whose open files include it. A
 * process of another user cannot be inspected; then the answer is empty and the message says less.
 */
final class PortHolder {
  private static final Path PROC = Path.of("/proc");

  private PortHolder() {}

  /** A program that holds a port: its short name (as {@code ps} shows it) and its process id. */
  record Holder(String name, long pid) {
    @Override
    public String toString() {
      return name + " (process " + pid + ")";
    }
  }

  /** The program listening on {@code port}, or empty when it cannot be found out. */
  static Optional<Holder> find(int port) {
    if (!Files.isDirectory(PROC.resolve("net"))) {
      return Optional.empty();
    }
    try {
      Optional<String> inode = listeningInode(port, PROC.resolve("net/tcp"));
      if (inode.isEmpty()) {
        inode = listeningInode(port, PROC.resolve("net/tcp6"));
      }
      if (inode.isEmpty()) {
        return Optional.empty();
      }
      return processHolding("socket:[" + inode.get() + "]");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Lines: {@code sl local_address rem_address st ... inode}; state 0A is LISTEN; the port is hex. */
  private static Optional<String> listeningInode(int port, Path table) throws IOException {
    if (!Files.isReadable(table)) {
      return Optional.empty();
    }
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.strip().split("\\s+");
      if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A") && !f[9].equals("0")) {
        return Optional.of(f[9]);
      }
    }
    return Optional.empty();
  }

  private static Optional<Holder> processHolding(String socket) throws IOException {
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path process : processes) {
        if (holds(process.resolve("fd"), socket)) {
          String name = Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).strip();
          return Optional.of(new Holder(name, Long.parseLong(process.getFileName().toString())));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean holds(Path fds, String socket) {
    try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
      for (Path link : links) {
        try {
          if (Files.readSymbolicLink(link).toString().equals(socket)) {
            return true;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // closed meanwhile
        }
      }
    } catch (IOException | SecurityException e) {
      // another user's process: cannot look
    }
    return false;
  }
}
