package dev.tars.knowledge.index;

import dev.tars.knowledge.lang.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
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
  /** Weight of the fields of languages other than the question's: their words rarely mean the same thing. */
  static final float OTHER_LANGUAGE_BOOST = 0.3f;

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

  /** The question's terms in each text field's analysis. */
  Map<String, List<String>> queryTerms(String text) {
    Map<String, List<String>> out = new HashMap<>();
    for (String field : Analysis.fields()) {
      out.put(field, terms(field, text));
    }
    return out;
  }

  /**
   * BM25 over every language's field, each with the question analysed its way; fields of languages other than
   * the question's count less. A question of unknown language weighs all fields alike.
   */
  static Query keywordQuery(Map<String, List<String>> terms, Language language, Query filter) {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    boolean any = false;
    for (Map.Entry<String, List<String>> e : terms.entrySet()) {
      boolean own = language == Language.OTHER || Analysis.languageOf(e.getKey()) == language
          || language != Language.SPANISH && e.getKey().equals(Analysis.TEXT_DEFAULT);
      for (String t : e.getValue()) {
        Query q = new TermQuery(new Term(e.getKey(), t));
        words.add(own ? q : new BoostQuery(q, OTHER_LANGUAGE_BOOST), BooleanClause.Occur.SHOULD);
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    if (filter == null) {
      return words.build();
    }
    return new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER).build();
  }
}
