package dev.tars.api;

import dev.tars.protocol.openai.OpenAiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Checks made before a request is routed, against web pages that reach the server through the browser:
 * <ul>
 *   <li>{@code Host} must name the address the server listens on ({@code localhost} too when that is loopback),
 *       with its port when a port is given: a page that rebinds its own DNS name to 127.0.0.1 sends its own name
 *       and is refused with 421;</li>
 *   <li>an {@code Origin} header (sent by browsers for cross-site requests) must be in the allow-list set in
 *       Settings, which is empty by default: 403;</li>
 *   <li>a body is only accepted as {@code application/json}: 415 (an HTML form cannot send that type without
 *       the browser asking first, and that preflight is refused for origins not allowed).</li>
 * </ul>
 */
final class RequestGuard {
  private final Set<String> hostNames;
  private final boolean anyAddress;
  private final IntSupplier port;
  private final Set<String> allowedOrigins;

  /**
   * @param boundHost the address the server listens on, as configured
   * @param port the port actually bound (known only once started)
   * @param allowedOrigins web origins such as {@code http://localhost:3000} whose pages may call the API
   */
  RequestGuard(String boundHost, IntSupplier port, List<String> allowedOrigins) {
    this.port = port;
    this.allowedOrigins = allowedOrigins.stream().map(RequestGuard::normalizeOrigin).collect(Collectors.toSet());
    InetAddress address;
    try {
      address = InetAddress.getByName(boundHost);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + boundHost, e);
    }
    this.anyAddress = address.isAnyLocalAddress();
    String literal = address.getHostAddress();
    Set<String> names = new java.util.HashSet<>();
    names.add(boundHost.toLowerCase(Locale.ROOT));
    names.add(literal.contains(":") ? "[" + literal + "]" : literal);
    if (address.isLoopbackAddress() || anyAddress) {
      names.add("localhost");
      names.add("127.0.0.1");
      names.add("[::1]");
    }
    this.hostNames = Set.copyOf(names);
  }

  static String normalizeOrigin(String origin) {
    String trimmed = origin.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** The value an {@code Authorization} header must have for {@code secret}, for {@link #checkBearer}. */
  static byte[] bearer(String secret) {
    return ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
  }

  /** Refuses (401) a request whose {@code Authorization} header is not {@code expected}; compared in constant time. */
  static void checkBearer(Request request, byte[] expected) throws OpenAiException {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given = header == null ? new byte[0] : header.strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw ApiErrors.unauthorized();
    }
  }

  void checkHost(Request request) throws OpenAiException {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      host = request.getHttpURI().getAuthority();
    }
    if (host == null || host.isBlank()) {
      throw ApiErrors.wrongHost("");
    }
    String name;
    String givenPort = null;
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0) {
        throw ApiErrors.wrongHost(host);
      }
      name = h.substring(0, end + 1);
      if (h.length() > end + 1) {
        if (h.charAt(end + 1) != ':') {
          throw ApiErrors.wrongHost(host);
        }
        givenPort = h.substring(end + 2);
      }
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      givenPort = colon < 0 ? null : h.substring(colon + 1);
    }
    boolean nameOk = hostNames.contains(name) || anyAddress && isIpLiteral(name);
    boolean portOk = givenPort == null || givenPort.equals(Integer.toString(port.getAsInt()));
    if (!nameOk || !portOk) {
      throw ApiErrors.wrongHost(host);
    }
  }

  /** An IP address written out (never a name: names are what DNS rebinding abuses). */
  private static boolean isIpLiteral(String name) {
    return name.startsWith("[") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /**
   * Refuses an {@code Origin} that is not allowed; returns the origin to grant in CORS headers, or null when
   * the request came from no web page.
   */
  String checkOrigin(Request request) throws OpenAiException {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      return null;
    }
    if (!allowedOrigins.contains(normalizeOrigin(origin))) {
      throw ApiErrors.originRefused(origin);
    }
    return origin.strip();
  }

  static void checkJsonBody(Request request) throws OpenAiException {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mime.equals("application/json")) {
      throw ApiErrors.wrongContentType(type);
    }
  }
}
