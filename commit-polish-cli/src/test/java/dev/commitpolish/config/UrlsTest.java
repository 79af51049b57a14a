package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080/v1",
        "http://LOCALHOST/v1",
        "http://127.0.0.1:8080/v1",
        "http://127.1.2.3/v1",
        "http://[::1]:8080/v1",
        "https://api.localhost/v1"
      })
  void loopbackUrls(String url) {
    assertThat(Urls.isLoopback(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com/v1",
        "http://127.0.0.1.example.com/v1",
        "http://localhost.example.com/v1",
        "http://0.0.0.0:8080/v1",
        "http://10.0.0.1/v1",
        "http://128.0.0.1/v1",
        "http://127.0.0.256/v1",
        "not a url"
      })
  void nonLoopbackUrls(String url) {
    assertThat(Urls.isLoopback(url)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:8080",
        "ftp://127.0.0.1/v1",
        "http:///v1",
        "http://127.0.0.1:8080/v1/chat/completions",
        "http://127.0.0.1:8080/v1?x=1"
      })
  void unusableApiBases(String url) {
    assertThat(Urls.problem(url)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/v1", "https://api.example.com/v1"})
  void usableApiBases(String url) {
    assertThat(Urls.problem(url)).isNull();
  }
}
