package dev.tars.knowledge.parse;

import java.util.List;

/**
 * The readable content of one file.
 *
 * @param pages page count (0 when the format has no pages)
 * @param ocrPages how many pages (or images) were read by OCR
 */
public record ParsedDocument(String mediaType, List<Block> blocks, int pages, int ocrPages) {

  public int characters() {
    return blocks.stream().mapToInt(b -> b.text().length()).sum();
  }
}
