package dev.tars.knowledge.index;

import dev.tars.knowledge.lang.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How passage text becomes BM25 terms, per language. Each passage's words go into the field of its document's
 * language, analysed for that language; a question is analysed once per language and each field is asked in
 * its own terms, the question's own language first (see {@link KnowledgeIndex#search}).
 *
 * <ul>
 *   <li>English and any other language: word splitting, lower case and a short English stop list, exactly as
 *       before languages were told apart (the English figures must not get worse).
 *   <li>Spanish: the same splitting, Lucene's Spanish stop words, its light stemmer ("configuraciones" and
 *       "configuración" meet) and accent folding, so a question typed without accents ("configuracion") still
 *       finds them.
 * </ul>
 */
final class Analysis {
  static final String TEXT_DEFAULT = "text";
  static final String TEXT_SPANISH = "text_es";

  private static final CharArraySet ENGLISH_STOP_WORDS = new CharArraySet(List.of("a", "an", "and", "are", "as",
      "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that",
      "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "what", "which", "who",
      "how", "does", "do", "i", "my"), true);

  private final Analyzer english = new StandardAnalyzer(ENGLISH_STOP_WORDS);
  private final Analyzer spanish = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new LowerCaseFilter(source);
      result = new StopFilter(result, SpanishAnalyzer.getDefaultStopSet());
      result = new SpanishLightStemFilter(result);
      result = new ASCIIFoldingFilter(result);
      return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
  };
  private final Analyzer perField = new PerFieldAnalyzerWrapper(english, Map.of(TEXT_SPANISH, spanish));

  /** The analyzer the index writer uses: each text field gets its language's analysis. */
  Analyzer writerAnalyzer() {
    return perField;
  }

  /** The text field holding passages in {@code language}. */
  static String field(Language language) {
    return language == Language.SPANISH ? TEXT_SPANISH : TEXT_DEFAULT;
  }

  /** Every text field, for questions whose language is unknown. */
  static List<String> fields() {
    return List.of(TEXT_DEFAULT, TEXT_SPANISH);
  }

  static Language languageOf(String field) {
    return field.equals(TEXT_SPANISH) ? Language.SPANISH : Language.ENGLISH;
  }

  /** The distinct terms {@code text} gives in {@code field}, in order of first appearance. */
  List<String> terms(String field, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = perField.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(terms);
  }
}
