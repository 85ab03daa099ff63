package dev.tars.actions.notes;

import dev.tars.search.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns note text into search terms that match across accents and word forms in both languages: Lucene's
 * standard tokenizer, lower case, English and Spanish stop words removed, accents folded ("código" = "codigo"),
 * then each word's English (Porter) and Spanish (light) stem. A note's language is not guessed: both stems are
 * kept, so "notas" finds "nota" and "meetings" finds "meeting" whatever language the rest of the note is in.
 * Thread-safe (Lucene analyzers reuse per-thread components).
 */
public final class NoteTerms {
  private static final CharArraySet STOP_WORDS = stopWords();
  private static final Analyzer ENGLISH = analyzer(false);
  private static final Analyzer SPANISH = analyzer(true);

  private NoteTerms() {}

  /** A word of the text and where it is, with its stems. */
  record Word(int start, int end, Set<String> stems) {}

  /** Every stem of {@code text}, each once, in order of appearance. */
  public static Set<String> of(String text) {
    Set<String> terms = new LinkedHashSet<>();
    for (Word w : words(text)) {
      terms.addAll(w.stems());
    }
    return terms;
  }

  /** The terms as stored in {@code note.search_terms}: single spaces, one at each end. */
  static String column(String text) {
    return " " + String.join(" ", of(text)) + " ";
  }

  /**
   * The words of {@code text} with their English and Spanish stems. The two analyzers see the same tokens
   * (same tokenizer and filters before the stemmer), so their outputs line up one to one.
   */
  static List<Word> words(String text) {
    List<int[]> spans = new ArrayList<>();
    List<String> english = run(ENGLISH, text, spans);
    List<String> spanish = run(SPANISH, text, null);
    List<Word> words = new ArrayList<>(english.size());
    for (int i = 0; i < english.size() && i < spanish.size(); i++) {
      Set<String> stems = new LinkedHashSet<>(List.of(english.get(i), spanish.get(i)));
      words.add(new Word(spans.get(i)[0], spans.get(i)[1], stems));
    }
    return words;
  }

  /**
   * About 160 characters of {@code text} around the first word whose stems meet {@code query}, with every such
   * word marked.
   */
  static Snippet snippet(String text, Set<String> query, int length) {
    String flat = text.replaceAll("\\s+", " ").strip();
    List<Snippet.Highlight> marks = new ArrayList<>();
    for (Word w : words(flat)) {
      if (w.stems().stream().anyMatch(query::contains)) {
        marks.add(new Snippet.Highlight(w.start(), w.end()));
      }
    }
    int start = marks.isEmpty() ? 0 : Math.max(0, marks.get(0).start() - 40);
    if (start > 0) {
      int space = flat.indexOf(' ', start);
      start = space >= 0 && space < marks.get(0).start() ? space + 1 : start;
    }
    int end = Math.min(flat.length(), start + length);
    if (end < flat.length()) {
      int space = flat.lastIndexOf(' ', end);
      end = space > start + length / 2 ? space : end;
    }
    String prefix = start > 0 ? "…" : "";
    List<Snippet.Highlight> inside = new ArrayList<>();
    for (Snippet.Highlight h : marks) {
      if (h.start() >= start && h.end() <= end) {
        inside.add(new Snippet.Highlight(h.start() - start + prefix.length(), h.end() - start + prefix.length()));
      }
    }
    return new Snippet(prefix + flat.substring(start, end) + (end < flat.length() ? "…" : ""), inside);
  }

  private static List<String> run(Analyzer analyzer, String text, List<int[]> spans) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("note", text == null ? "" : text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
        if (spans != null) {
          spans.add(new int[] {offset.startOffset(), offset.endOffset()});
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading text from memory failed", e);
    }
    return out;
  }

  private static Analyzer analyzer(boolean spanish) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = spanish ? new SpanishLightStemFilter(stream) : new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /** English and Spanish stop words, accents folded like the text they are compared with. */
  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(600, true);
    for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      set.add(fold(new String((char[]) w)));
    }
    for (Object w : SpanishAnalyzer.getDefaultStopSet()) {
      set.add(fold(new String((char[]) w)));
    }
    // Question words: "what did I note about the wifi?" is about the wifi.
    for (String w : List.of("what", "which", "who", "when", "where", "how", "why", "did", "does", "do", "my",
        "about", "cual", "cuales", "que", "quien", "donde", "cuando", "como", "sobre", "mi", "mis")) {
      set.add(w);
    }
    return set;
  }

  private static String fold(String word) {
    char[] out = new char[word.length() * 4];
    int n = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, out, 0, word.length());
    return new String(out, 0, n);
  }
}
