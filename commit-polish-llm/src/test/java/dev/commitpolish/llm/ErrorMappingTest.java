package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one table of ErrorMapper, run over real sockets against the stand-in in both profiles:
 * llamafile's text/plain bodies and llama.cpp's JSON envelope must map alike.
 */
class ErrorMappingTest {

  /**
   * @param fault what the stand-in does (null = connect to a closed port)
   * @param type expected exact class
   * @param litellm expected LiteLLM name
   * @param status expected statusCode()
   * @param retryable expected isRetryable()
   * @param text substring expected in the message
   */
  record Row(
      String name,
      Fault fault,
      Class<? extends LlmException> type,
      String litellm,
      int status,
      boolean retryable,
      String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  static List<Row> rows() {
    return List.of(
        new Row(
            "400",
            Fault.status(400),
            BadRequestException.class,
            "BadRequestError",
            400,
            false,
            "HTTP 400"),
        new Row(
            "401",
            Fault.status(401),
            AuthenticationException.class,
            "AuthenticationError",
            401,
            false,
            "LLAMAFILE_API_KEY"),
        new Row(
            "403",
            Fault.status(403),
            PermissionDeniedException.class,
            "PermissionDeniedError",
            403,
            false,
            "HTTP 403"),
        new Row(
            "404",
            Fault.status(404),
            NotFoundException.class,
            "NotFoundError",
            404,
            false,
            "File Not Found"),
        new Row(
            "408",
            Fault.status(408),
            RequestTimeoutException.class,
            "Timeout",
            408,
            true,
            "HTTP 408"),
        new Row("409", Fault.status(409), ApiException.class, "APIError", 409, true, "HTTP 409"),
        new Row("402", Fault.status(402), ApiException.class, "APIError", 402, false, "HTTP 402"),
        new Row(
            "413 text",
            Fault.raw(413, TEXT, "Payload Too Large"),
            ApiException.class,
            "APIError",
            413,
            false,
            "Payload Too Large"),
        new Row(
            "422",
            Fault.status(422),
            UnprocessableEntityException.class,
            "UnprocessableEntityError",
            422,
            false,
            "HTTP 422"),
        new Row(
            "429",
            Fault.status(429),
            RateLimitException.class,
            "RateLimitError",
            429,
            true,
            "HTTP 429"),
        new Row(
            "429 Retry-After",
            Fault.retryAfter(429, 5),
            RateLimitException.class,
            "RateLimitError",
            429,
            true,
            "retry after 5.0 s"),
        new Row(
            "500",
            Fault.status(500),
            InternalServerException.class,
            "InternalServerError",
            500,
            true,
            "HTTP 500"),
        new Row("501", Fault.status(501), ApiException.class, "APIError", 501, false, "HTTP 501"),
        new Row(
            "502",
            Fault.status(502),
            BadGatewayException.class,
            "BadGatewayError",
            502,
            true,
            "HTTP 502"),
        new Row(
            "503",
            Fault.status(503),
            ServiceUnavailableException.class,
            "ServiceUnavailableError",
            503,
            true,
            "HTTP 503"),
        new Row(
            "504",
            Fault.status(504),
            RequestTimeoutException.class,
            "Timeout",
            504,
            true,
            "HTTP 504"),
        new Row("599", Fault.status(599), ApiException.class, "APIError", 599, true, "HTTP 599"),
        new Row(
            "text: llama.cpp context (newest)",
            Fault.status(
                400,
                "request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it"),
            ContextWindowExceededException.class,
            "ContextWindowExceededError",
            400,
            false,
            "9412 tokens but the server's context is 8192"),
        new Row(
            "text: llama.cpp context (2025)",
            Fault.status(
                400,
                "the request exceeds the available context size, try increasing the context size or enable context shift"),
            ContextWindowExceededException.class,
            "ContextWindowExceededError",
            400,
            false,
            "larger context"),
        new Row(
            "text: context beats status 500",
            Fault.status(500, "This model's maximum context length is 4096 tokens"),
            ContextWindowExceededException.class,
            "ContextWindowExceededError",
            500,
            false,
            "maximum context length"),
        new Row(
            "text: '429 tokens' is context, not rate limit",
            Fault.status(
                400,
                "request (429 tokens) exceeds the available context size (256 tokens), try increasing it"),
            ContextWindowExceededException.class,
            "ContextWindowExceededError",
            400,
            false,
            "429 tokens"),
        new Row(
            "text: exceed_context_size_error envelope",
            Fault.raw(
                400,
                JSON,
                "{\"error\":{\"code\":400,\"message\":\"request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}"),
            ContextWindowExceededException.class,
            "ContextWindowExceededError",
            400,
            false,
            "5000 tokens"),
        new Row(
            "text: rate limit beats status 500",
            Fault.status(500, "Rate limit exceeded, slow down"),
            RateLimitException.class,
            "RateLimitError",
            500,
            true,
            "Rate limit"),
        new Row(
            "text: timeout",
            Fault.status(500, "Request timed out."),
            RequestTimeoutException.class,
            "Timeout",
            500,
            true,
            "Request timed out"),
        new Row(
            "text: content policy",
            Fault.status(400, "Your request was rejected as a result of our safety system"),
            ContentPolicyViolationException.class,
            "ContentPolicyViolationError",
            400,
            false,
            "safety system"),
        new Row(
            "text: model_not_found",
            Fault.raw(
                400,
                JSON,
                "{\"error\":{\"message\":\"The model `x` does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}"),
            NotFoundException.class,
            "NotFoundError",
            400,
            false,
            "does not exist"),
        new Row(
            "text: invalid_request_error on 500",
            Fault.raw(
                500,
                JSON,
                "{\"error\":{\"message\":\"Only one completion choice is allowed\",\"type\":\"invalid_request_error\"}}"),
            BadRequestException.class,
            "BadRequestError",
            500,
            false,
            "Only one completion"),
        new Row(
            "error as plain string",
            Fault.raw(500, JSON, "{\"error\":\"boom\"}"),
            InternalServerException.class,
            "InternalServerError",
            500,
            true,
            "boom"),
        new Row(
            "detail (FastAPI/proxy)",
            Fault.raw(403, JSON, "{\"detail\":\"Key not allowed to access model\"}"),
            PermissionDeniedException.class,
            "PermissionDeniedError",
            403,
            false,
            "Key not allowed"),
        new Row(
            "error object with status 200 (some proxies)",
            Fault.raw(
                200,
                JSON,
                "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\","
                    + "\"type\":\"authentication_error\"}}"),
            AuthenticationException.class,
            "AuthenticationError",
            401,
            false,
            "Invalid API Key"),
        new Row(
            "malformed 200",
            Fault.malformedJson(),
            ApiException.class,
            "APIError",
            200,
            true,
            "not a valid OpenAI-style response"),
        new Row(
            "empty 200", Fault.emptyBody(), ApiException.class, "APIError", 200, true, "(empty)"),
        new Row(
            "connection reset",
            Fault.dropConnection(),
            ApiConnectionException.class,
            "APIConnectionError",
            0,
            true,
            "onnection"),
        new Row(
            "empty reply",
            Fault.emptyReply(),
            ApiConnectionException.class,
            "APIConnectionError",
            0,
            true,
            "onnection"),
        new Row(
            "body cut short",
            Fault.dropMidStream(0),
            ApiConnectionException.class,
            "APIConnectionError",
            0,
            true,
            "onnection"),
        new Row(
            "client request timeout",
            Fault.delay(Duration.ofSeconds(3)),
            RequestTimeoutException.class,
            "Timeout",
            0,
            false,
            "request timeout"),
        new Row(
            "connection refused",
            null,
            ApiConnectionException.class,
            "APIConnectionError",
            0,
            true,
            "Is the server running"));
  }

  static Stream<Arguments> cases() {
    return Fixtures.PROFILES.stream().flatMap(p -> rows().stream().map(r -> Arguments.of(p, r)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void mapsEveryRow(Profile profile, Row row) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      String base =
          row.fault() == null ? "http://127.0.0.1:" + Fixtures.closedPort() + "/v1" : s.baseUrl();
      if (row.fault() != null) {
        s.enqueueFault(row.fault());
      }
      LlmClient client = Fixtures.client().requestTimeout(Duration.ofMillis(1500)).build();
      ChatRequest req =
          ChatRequest.builder("llamafile/gemma-3-3b")
              .user("hi")
              .apiBase(base)
              .apiKey("sk-secret-key")
              .build();

      LlmException e = catchThrowableOfType(LlmException.class, () -> client.chat(req));

      assertThat(e).as("exception").isNotNull().isExactlyInstanceOf(row.type());
      assertThat(e.litellmName()).isEqualTo(row.litellm());
      assertThat(e.statusCode()).isEqualTo(row.status());
      assertThat(e.isRetryable()).as("retryable").isEqualTo(row.retryable());
      assertThat(e.getMessage()).contains(row.text()).doesNotContain("sk-secret-key");
      assertThat(e.provider()).isEqualTo("llamafile");
      assertThat(e.model()).isEqualTo("llamafile/gemma-3-3b");
      assertThat(e.apiBase()).isEqualTo(base);
      assertThat(e.attempts()).isEqualTo(1);
      if (row.status() >= 400 && row.status() != 401) {
        // (HttpURLConnection discards 401 bodies in fixed-length mode; see Exchange)
        assertThat(e.serverMessage()).as("server message").isNotBlank();
      }
      if (row.name().equals("429 Retry-After")) {
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
      }
      if (e instanceof ContextWindowExceededException c && row.text().contains("tokens")) {
        assertThat(c.promptTokens()).isNotEmpty();
        assertThat(c.contextSize()).isNotEmpty();
      }
    }
  }
}
