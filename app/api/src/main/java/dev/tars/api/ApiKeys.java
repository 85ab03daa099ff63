package dev.tars.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API's key: generated once, kept in a file only its owner can read ({@code 0600} where the file
 * system has POSIX permissions), shown by {@code tars serve} and Settings.
 */
public final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int MIN_LENGTH = 20;

  private ApiKeys() {}

  /** Where the key lives under the data home. */
  public static Path defaultFile(Path dataHome) {
    return dataHome.resolve("api-key");
  }

  /**
   * The key stored in {@code file}, created on first use. A file whose permissions let others read it is
   * tightened to owner-only.
   *
   * @throws IOException with a message naming the file when it cannot be read or written
   */
  public static String loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        LOG.debug("Another process created {} first", file);
      }
    }
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (key.length() < MIN_LENGTH) {
      throw new IOException("The API key file " + file + " holds no usable key (fewer than " + MIN_LENGTH
          + " characters). Delete it and Tars will make a new key.");
    }
    restrict(file);
    return key;
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String key = "tars-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    if (posix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    LOG.info("Generated a new local API key in {}", file);
  }

  private static void restrict(Path file) throws IOException {
    if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      LOG.warn("{} was readable by others; restricting it to its owner", file);
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix(Path file) {
    return file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
