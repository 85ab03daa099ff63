package dev.tars.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one check of an address a person types for a server Tars talks to (remote engine, alert webhook). */
public final class HttpUrls {
  private HttpUrls() {}

  /** True for an http:// or https:// address that names a host. */
  public static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
