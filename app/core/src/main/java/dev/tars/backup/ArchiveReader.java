package dev.tars.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads an archive written by {@link ArchiveWriter}: its manifest, hash checks of every entry, extraction
 * of one source folder. Entry names are checked so a crafted archive cannot write outside the target.
 */
public final class ArchiveReader implements AutoCloseable {
  public static final String MANIFEST = "manifest.json";

  private final Path archive;
  private final ZipFile zip;
  private final Manifest manifest;

  private ArchiveReader(Path archive, ZipFile zip, Manifest manifest) {
    this.archive = archive;
    this.zip = zip;
    this.manifest = manifest;
  }

  /**
   * Opens an archive and reads its manifest.
   *
   * @throws BackupException when the file is not a readable Tars archive or is of a newer format
   */
  public static ArchiveReader open(Path archive) {
    ZipFile zip;
    try {
      zip = new ZipFile(archive.toFile());
    } catch (ZipException e) {
      throw new BackupException(BackupException.Reason.NOT_ZIP, List.of(name(archive)),
          "The backup " + archive.getFileName() + " is damaged: it is not a readable zip file.", e);
    } catch (IOException e) {
      throw new BackupException(BackupException.Reason.UNREADABLE, List.of(name(archive), String.valueOf(e.getMessage())),
          "The backup " + archive.getFileName() + " cannot be read: " + e.getMessage(), e);
    }
    try {
      ZipEntry entry = zip.getEntry(MANIFEST);
      if (entry == null) {
        throw new BackupException(BackupException.Reason.NO_MANIFEST, List.of(name(archive)), "The backup " + archive.getFileName()
            + " is damaged or incomplete: it has no " + MANIFEST + ".", null);
      }
      Manifest manifest;
      try (InputStream in = zip.getInputStream(entry)) {
        manifest = BackupCatalog.JSON.readValue(in, Manifest.class);
      } catch (IOException e) {
        throw new BackupException(BackupException.Reason.MANIFEST_UNREADABLE, List.of(name(archive)), "The backup " + archive.getFileName()
            + " is damaged: its " + MANIFEST + " cannot be read.", e);
      }
      if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
        throw new BackupException(BackupException.Reason.NEWER_FORMAT, List.of(name(archive), manifest.formatVersion()), "The backup "
            + archive.getFileName() + " was made by a newer Tars (format " + manifest.formatVersion()
            + "). Update Tars to restore it.", null);
      }
      for (Manifest.Entry e : manifest.entries()) {
        checkName(e.path());
      }
      List<String> unsafe = ManifestCheck.nameProblems(manifest);
      if (!unsafe.isEmpty()) {
        throw new BackupException(BackupException.Reason.UNSAFE_NAMES, List.of(String.join(" ", unsafe)), String.join(" ", unsafe), null);
      }
      return new ArchiveReader(archive, zip, manifest);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  public Manifest manifest() {
    return manifest;
  }

  /** Re-reads every entry and compares size and SHA-256 with the manifest; returns the problems found. */
  public List<String> checkEntries() {
    return checkEntries(path -> true);
  }

  /** Like {@link #checkEntries()} for the manifest entries {@code which} accepts. */
  public List<String> checkEntries(java.util.function.Predicate<String> which) {
    List<String> problems = new ArrayList<>();
    Map<String, Manifest.Entry> expected = new HashMap<>();
    for (Manifest.Entry e : manifest.entries()) {
      expected.put(e.path(), e);
    }
    for (ZipEntry entry : Collections.list(zip.entries())) {
      if (!entry.isDirectory() && !entry.getName().equals(MANIFEST) && !expected.containsKey(entry.getName())) {
        problems.add("The archive holds " + entry.getName() + ", which its manifest does not list.");
      }
    }
    for (Manifest.Entry e : manifest.entries()) {
      if (!which.test(e.path())) {
        continue;
      }
      String problem = copyChecked(e, OutputStream.nullOutputStream());
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  /**
   * Extracts the files of one source into {@code target} (created), checking each against the manifest.
   *
   * @return the problems found; when not empty the extracted files must not be used
   */
  public List<String> extractSource(String sourceName, Path target) throws IOException {
    Files.createDirectories(target);
    String prefix = sourceName + "/";
    List<String> problems = new ArrayList<>();
    for (Manifest.Entry e : manifest.entries()) {
      if (!e.path().startsWith(prefix)) {
        continue;
      }
      Path file = target.resolve(e.path().substring(prefix.length())).normalize();
      if (!file.startsWith(target.normalize())) {
        problems.add("The archive entry " + e.path() + " points outside its folder.");
        continue;
      }
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        String problem = copyChecked(e, out);
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /** The content of a small entry such as {@code settings.json}, or null when absent. */
  public byte[] readSmallEntry(String path) throws IOException {
    ZipEntry entry = zip.getEntry(path);
    if (entry == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readNBytes(16 << 20);
    }
  }

  private String copyChecked(Manifest.Entry expected, OutputStream out) {
    ZipEntry entry = zip.getEntry(expected.path());
    if (entry == null) {
      return expected.path() + " is missing from the archive.";
    }
    MessageDigest digest = SafeFiles.sha256();
    long size = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = zip.getInputStream(entry)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      return expected.path() + " is damaged (" + ArchiveWriter.describe(e) + ").";
    }
    if (size != expected.size()) {
      return expected.path() + " is damaged: " + size + " bytes instead of " + expected.size() + ".";
    }
    if (!SafeFiles.hex(digest.digest()).equals(expected.sha256())) {
      return expected.path() + " is damaged: its SHA-256 does not match the manifest.";
    }
    return null;
  }

  private static String name(Path archive) {
    return String.valueOf(archive.getFileName());
  }

  private static void checkName(String path) {
    if (path.startsWith("/") || path.contains("\\") || path.contains(":")
        || List.of(path.split("/")).contains("..")) {
      throw new BackupException(BackupException.Reason.UNSAFE_NAMES, List.of(path),
          "The backup lists an unsafe file name (" + path + "); it will not be used.", null);
    }
  }

  public Path archive() {
    return archive;
  }

  @Override
  public void close() {
    closeQuietly(zip);
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException e) {
      // Read-only; nothing to lose.
    }
  }
}
