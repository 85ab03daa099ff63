package dev.tars.embedding;

/** Arithmetic on embedding vectors. */
public final class Vectors {
  private Vectors() {}

  /** Cosine similarity of two vectors; 0 when their lengths differ or either is all zeros. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
