package dev.tars.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tars.knowledge.parse.Block;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final Chunker chunker = Chunker.standard();

  private static String sentences(String topic, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("The ").append(topic).append(" fact number ").append(i).append(" is worth remembering. ");
    }
    return sb.toString().strip();
  }

  @Test
  void offsetsPointAtTheUnitAndItsContextInTheFullText() {
    List<Block> blocks = List.of(new Block(0, true, "Intro"), new Block(0, false, sentences("intro", 80)),
        new Block(0, true, "Details"), new Block(0, false, sentences("detail", 40)));
    String full = Chunker.fullText(blocks);
    for (Chunk c : chunker.chunk(blocks)) {
      assertThat(full.substring(c.start(), c.end())).isEqualTo(c.text());
      assertThat(full.substring(c.contextStart(), c.contextEnd())).isEqualTo(c.context());
      assertThat(c.contextStart()).isLessThanOrEqualTo(c.start());
      assertThat(c.contextEnd()).isGreaterThanOrEqualTo(c.end());
    }
  }

  @Test
  void unitsAreWholeSentencesThatDoNotOverlapAndCoverTheText() {
    List<Block> blocks = List.of(new Block(0, false, sentences("river", 200)));
    List<Chunk> chunks = chunker.chunk(blocks);
    assertThat(chunks.size()).isGreaterThan(20);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertThat(c.text().length()).isLessThanOrEqualTo(100 * Chunker.CHARS_PER_TOKEN);
      assertThat(c.text()).startsWith("The river").endsWith("remembering.");
      assertThat(c.context().length()).isLessThanOrEqualTo(300 * Chunker.CHARS_PER_TOKEN)
          .isGreaterThan(c.text().length());
      assertThat(c.ordinal()).isEqualTo(i);
      if (i > 0) {
        assertThat(c.start()).as("no overlap, no gap but a space").isEqualTo(chunks.get(i - 1).end() + 1);
      }
    }
    assertThat(chunks.getLast().end()).isEqualTo(Chunker.fullText(blocks).length());
  }

  @Test
  void shortListItemsStayTogetherAndTheContextIsTheirSection() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block(0, true, "Options"));
    for (String item : List.of("-a: all files.", "-l: long listing.", "-h: human sizes.", "-r: reverse order.")) {
      blocks.add(new Block(0, false, item));
    }
    blocks.add(new Block(0, true, "Exit status"));
    blocks.add(new Block(0, false, "Zero when all went well."));
    List<Chunk> chunks = chunker.chunk(blocks);
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).text()).startsWith("Options").contains("-a: all files.").contains("-r: reverse order.");
    assertThat(chunks.get(0).heading()).isEqualTo("Options");
    assertThat(chunks.get(1).context()).isEqualTo("Exit status\n\nZero when all went well.");
    assertThat(chunks.get(1).heading()).isEqualTo("Exit status");
  }

  @Test
  void headingsAndPagesStartNewUnits() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block(1, true, "Chapter one"));
    blocks.add(new Block(1, false, sentences("apple", 3)));
    blocks.add(new Block(1, true, "Chapter two"));
    blocks.add(new Block(1, false, sentences("pear", 3)));
    blocks.add(new Block(2, false, sentences("plum", 3)));
    List<Chunk> chunks = chunker.chunk(blocks);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 1, 2);
    assertThat(chunks.get(0).text()).startsWith("Chapter one").doesNotContain("pear");
    assertThat(chunks.get(0).context()).doesNotContain("pear");
    assertThat(chunks.get(1).text()).startsWith("Chapter two").doesNotContain("plum");
    assertThat(chunks.get(1).context()).doesNotContain("plum");
  }

  @Test
  void aUnitInsideAVeryLongParagraphGetsAWindowAroundIt() {
    List<Block> blocks = List.of(new Block(0, false, sentences("lake", 300)));
    Chunk middle = chunker.chunk(blocks).get(20);
    assertThat(middle.context().length()).isBetween(200 * Chunker.CHARS_PER_TOKEN, 300 * Chunker.CHARS_PER_TOKEN);
    assertThat(middle.context()).startsWith("The lake").endsWith("remembering.");
  }
}
