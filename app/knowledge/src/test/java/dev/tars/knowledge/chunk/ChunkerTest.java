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
  void offsetsPointAtTheChunkTextInTheFullText() {
    List<Block> blocks = List.of(new Block(0, true, "Intro"), new Block(0, false, sentences("intro", 80)),
        new Block(0, true, "Details"), new Block(0, false, sentences("detail", 40)));
    String full = Chunker.fullText(blocks);
    for (Chunk c : chunker.chunk(blocks)) {
      assertThat(full.substring(c.start(), c.end())).isEqualTo(c.text());
    }
  }

  @Test
  void longSectionsAreCutIntoBoundedOverlappingPieces() {
    List<Block> blocks = List.of(new Block(0, false, sentences("river", 200)));
    List<Chunk> chunks = chunker.chunk(blocks);
    assertThat(chunks.size()).isGreaterThan(3);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertThat(c.text().length()).isLessThanOrEqualTo(400 * Chunker.CHARS_PER_TOKEN);
      assertThat(c.ordinal()).isEqualTo(i);
      if (i > 0 && i < chunks.size() - 1) {
        assertThat(c.text().length()).isGreaterThanOrEqualTo(200 * Chunker.CHARS_PER_TOKEN);
        assertThat(c.start()).as("overlaps the previous piece").isLessThan(chunks.get(i - 1).end());
      }
    }
    assertThat(chunks.getLast().end()).isEqualTo(Chunker.fullText(blocks).length());
  }

  @Test
  void headingsAndPagesStartNewChunks() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block(1, true, "Chapter one"));
    blocks.add(new Block(1, false, sentences("apple", 30)));
    blocks.add(new Block(1, true, "Chapter two"));
    blocks.add(new Block(1, false, sentences("pear", 30)));
    blocks.add(new Block(2, false, sentences("plum", 5)));
    List<Chunk> chunks = chunker.chunk(blocks);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 1, 2);
    assertThat(chunks.get(0).text()).startsWith("Chapter one").doesNotContain("pear");
    assertThat(chunks.get(1).text()).startsWith("Chapter two").doesNotContain("plum");
  }
}
