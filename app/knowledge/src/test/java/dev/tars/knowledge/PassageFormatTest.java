package dev.tars.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageFormatTest {

  @Test
  void numbersSourcesInRetrievalOrderWithFileAndPage() {
    List<Passage> passages = List.of(
        new Passage(1, 1, Path.of("/docs/report.pdf"), 3, 10, 40, "Revenue grew 12%.", 0.03),
        new Passage(2, 1, Path.of("/docs/notes.md"), 0, 0, 20, "Meeting on Friday.\n", 0.02));
    String context = PassageFormat.render(passages);
    assertThat(context).contains("[1] report.pdf, page 3\nRevenue grew 12%.")
        .contains("[2] notes.md\nMeeting on Friday.").endsWith("Meeting on Friday.");
  }

  @Test
  void rendersNothingWithoutPassages() {
    assertThat(PassageFormat.render(List.of())).isEmpty();
  }
}
