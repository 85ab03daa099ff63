package dev.tars.desktop.knowledge;

import static dev.tars.desktop.knowledge.OpenFilePolicy.Action.OPEN;
import static dev.tars.desktop.knowledge.OpenFilePolicy.Action.SHOW_IN_FOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OpenFilePolicyTest {
  @TempDir Path dir;

  @Test
  void scriptsAndProgramsAreOnlyShownInTheirFolder() {
    for (String name : new String[] {"run.js", "macro.vbs", "page.hta", "setup.ps1", "build.sh", "go.bat",
        "go.cmd", "app.desktop", "tool.exe", "lib.jar", "script.py", "installer.msi", "link.lnk", "site.url",
        "budget.xlsm", "launcher.command", "Notes.AppImage"}) {
      assertThat(OpenFilePolicy.actionFor(name, false)).as(name).isEqualTo(SHOW_IN_FOLDER);
    }
  }

  @Test
  void documentsOpenInTheirProgram() {
    for (String name : new String[] {"report.pdf", "notes.md", "letter.docx", "budget.xlsx", "data.json",
        "page.html", "readme.txt", "scan.png", ".bashrc", "Makefile", "photo.jpeg", "table.csv"}) {
      assertThat(OpenFilePolicy.actionFor(name, false)).as(name).isEqualTo(OPEN);
    }
  }

  @Test
  void disguisesDoNotHelp() {
    assertThat(OpenFilePolicy.actionFor("RUN.JS", false)).isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor("invoice.pdf.js", false)).isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor("invoice.js.", false)).as("Windows drops trailing dots")
        .isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor("invoice.vbs  ", false)).as("and trailing spaces").isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor("invoice.js.pdf", false)).isEqualTo(OPEN);
  }

  @Test
  void anExecutableFileWithoutExtensionIsShownInItsFolder() {
    assertThat(OpenFilePolicy.actionFor("deploy", true)).isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor("deploy", false)).isEqualTo(OPEN);
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void theExecutableBitIsReadFromTheFile() throws Exception {
    Path script = Files.writeString(dir.resolve("deploy"), "#!/bin/sh\necho hello\n");
    Path notes = Files.writeString(dir.resolve("notes"), "plain notes\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-------"));

    assertThat(OpenFilePolicy.actionFor(script)).isEqualTo(SHOW_IN_FOLDER);
    assertThat(OpenFilePolicy.actionFor(notes)).isEqualTo(OPEN);
  }
}
