package dev.tars.desktop.knowledge;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whether "Open file" on a citation may hand the file to the system's default program, or must only show it in
 * its folder. Tars indexes scripts and source code as text, but on many systems the default action for them is
 * to run them: a {@code .js}, {@code .vbs} or {@code .hta} opened on Windows executes with the person's rights.
 * A cited document should never be able to do that because someone clicked "Open file".
 *
 * <p>The list names the types whose default action on Windows, macOS or a Linux desktop runs code, installs
 * something or follows a shortcut to something else. Documents that open in a viewer or editor (PDF, Office,
 * text, Markdown, HTML in the browser's sandbox) are opened as before. A file without an extension that is
 * marked executable (a Unix script) is shown in its folder too.
 */
public final class OpenFilePolicy {
  public enum Action { OPEN, SHOW_IN_FOLDER }

  static final Set<String> RUNNABLE_EXTENSIONS = Set.of(
      // Windows programs, installers and control-panel items
      "exe", "com", "scr", "pif", "cpl", "msi", "msp", "mst", "msc", "appx", "appxbundle", "msix", "msixbundle",
      "appref-ms", "application", "gadget", "xbap",
      // Windows Script Host, HTML applications, PowerShell, batch files, registry and setup scripts
      "js", "jse", "vbs", "vbe", "wsf", "wsh", "wsc", "sct", "hta", "ps1", "ps1xml", "psm1", "psd1", "psc1",
      "bat", "cmd", "reg", "inf", "chm",
      // Shortcuts that open whatever they point to
      "lnk", "url", "scf", "website", "settingcontent-ms", "library-ms", "searchconnector-ms",
      // Office documents allowed to carry macros
      "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm",
      // Interpreters that installers associate with "run" (Python, Perl, Ruby, Java, Tcl)
      "py", "pyw", "pyz", "pyc", "pl", "rb", "rbw", "jar", "jnlp", "tcl",
      // Unix shells, Linux launchers and packages, macOS scripts and bundles
      "sh", "bash", "zsh", "csh", "ksh", "fish", "run", "bin", "desktop", "appimage", "deb", "rpm", "snap",
      "flatpakref", "command", "tool", "terminal", "app", "pkg", "workflow", "scpt", "applescript", "action");

  private OpenFilePolicy() {}

  /** What "Open file" does with {@code file} (reads its executable bit on Unix file systems). */
  public static Action actionFor(Path file) {
    Path name = file.getFileName();
    boolean executable = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && Files.isRegularFile(file) && Files.isExecutable(file);
    return actionFor(name == null ? "" : name.toString(), executable);
  }

  /**
   * @param fileName the file's name (no folder)
   * @param executable whether the file is marked executable (Unix)
   */
  static Action actionFor(String fileName, boolean executable) {
    // Windows ignores trailing dots and spaces: "run.js. " is run as "run.js".
    String name = fileName.toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "");
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return executable ? Action.SHOW_IN_FOLDER : Action.OPEN;
    }
    return RUNNABLE_EXTENSIONS.contains(name.substring(dot + 1)) ? Action.SHOW_IN_FOLDER : Action.OPEN;
  }
}
