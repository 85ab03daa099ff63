package dev.tars.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpUrlsTest {

  @Test
  void onlyHttpAndHttpsAddressesWithAHostPass() {
    assertThat(HttpUrls.isHttpUrl("http://127.0.0.1:8080/v1")).isTrue();
    assertThat(HttpUrls.isHttpUrl("HTTPS://hooks.example.com/tars")).isTrue();
    assertThat(HttpUrls.isHttpUrl("ftp://example.com")).isFalse();
    assertThat(HttpUrls.isHttpUrl("https://")).isFalse();
    assertThat(HttpUrls.isHttpUrl("localhost:8080")).isFalse();
    assertThat(HttpUrls.isHttpUrl("http://exa mple.com")).isFalse();
    assertThat(HttpUrls.isHttpUrl("")).isFalse();
  }
}
