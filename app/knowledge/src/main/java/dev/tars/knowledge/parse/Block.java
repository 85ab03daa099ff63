package dev.tars.knowledge.parse;

/**
 * A run of text with one structural role: a heading or a paragraph-like block, on one page.
 *
 * @param page 1-based page (slide, sheet) number, 0 when the format has no pages
 * @param heading true when this block is itself a heading
 */
public record Block(int page, boolean heading, String text) {}
