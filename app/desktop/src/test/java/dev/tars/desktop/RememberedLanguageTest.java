package dev.tars.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.config.AppPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedLanguageTest {
  @TempDir Path home;

  @Test
  void aFirstStartHasNoLanguageYetAndFollowsTheComputer() {
    assertThat(new RememberedLanguage(new AppPaths(home)).read()).isEmpty();
  }

  @Test
  void theSavedLanguageIsReadOnTheNextStart() {
    new RememberedLanguage(new AppPaths(home)).remember("es");
    assertThat(new RememberedLanguage(new AppPaths(home)).read()).isEqualTo("es");

    new RememberedLanguage(new AppPaths(home)).remember("");
    assertThat(new RememberedLanguage(new AppPaths(home)).read()).as("back to the computer's language").isEmpty();
  }

  @Test
  void aFileThatIsNotALanguageTagIsIgnored() throws Exception {
    Files.writeString(home.resolve("language"), "<html>not a language</html>");
    assertThat(new RememberedLanguage(new AppPaths(home)).read()).isEmpty();
  }
}
