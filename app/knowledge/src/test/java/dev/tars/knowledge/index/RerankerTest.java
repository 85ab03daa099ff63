package dev.tars.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RerankerTest {

  private static Reranker.Candidate candidate(int docId, String unit, double score, double headingShare) {
    Reranker.Candidate c = new Reranker.Candidate(docId, 0);
    c.unit = unit;
    c.unitTerms = new java.util.HashSet<>(List.of(unit.toLowerCase(java.util.Locale.ROOT).split("\\W+")));
    c.score = score;
    c.headingShare = headingShare;
    return c;
  }

  @Test
  void theCopyOfABoilerplateParagraphOnThePageTheQuestionNamesComesFirst() {
    // As on a dozen pages of the FreedomBox manual: only the application and its ports change.
    String boilerplate = "Port Forwarding If your FreedomBox is behind a router, you will need to set up port "
        + "forwarding on your router. You should forward the following ports for ";
    Reranker.Candidate email = candidate(1, boilerplate + "Email: TCP 25 TCP 465", 1.30, 0.0);
    Reranker.Candidate letsEncrypt = candidate(2, boilerplate + "Let's Encrypt: TCP 80 TCP 443", 1.20, 0.6);
    Reranker.Candidate unrelated = candidate(3, "Backups are stored as Borg archives", 1.25, 0.0);

    Reranker.preferTitledCopies(List.of(email, letsEncrypt, unrelated));

    assertThat(Reranker.sorted(List.of(email, letsEncrypt, unrelated)))
        .containsExactly(letsEncrypt, unrelated, email);
  }

  @Test
  void differentParagraphsKeepTheirScores() {
    Reranker.Candidate a = candidate(1, "Owls hunt at night and see well in the dark", 1.0, 0.0);
    Reranker.Candidate b = candidate(2, "Swifts sleep while flying over the sea", 0.9, 0.5);

    Reranker.preferTitledCopies(List.of(a, b));

    assertThat(a.score).isEqualTo(1.0);
    assertThat(b.score).isEqualTo(0.9);
  }
}
