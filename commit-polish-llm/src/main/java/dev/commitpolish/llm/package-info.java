/**
 * A LiteLLM-style client for OpenAI-compatible LLM servers, llamafile first.
 *
 * <p>Models are named {@code provider/model}; the text before the first {@code /} selects the
 * {@link dev.commitpolish.llm.Provider} (llamafile, ollama, lm_studio, hosted_vllm, litellm_proxy,
 * openai) and the rest is sent verbatim.
 *
 * <pre>{@code
 * LlmClient client = LlmClient.builder()
 *     .deadline(Duration.ofSeconds(20))        // total, across retries and fallbacks
 *     .build();                                // reads LLAMAFILE_API_BASE etc. from the env
 *
 * ChatRequest req = ChatRequest.builder("llamafile/gemma-3-3b")
 *     .system("Write one Conventional Commits header.")
 *     .user(diff)
 *     .temperature(0.2).maxTokens(200).seed(42)
 *     .extra("cache_prompt", true)
 *     .build();
 *
 * try {
 *   ChatResponse r = client.chat(req);
 *   System.out.println(r.content() + (r.truncated() ? " [truncated]" : ""));
 * } catch (ContextWindowExceededException e) {
 *   // e.promptTokens(), e.contextSize(): shrink the diff and try again
 * } catch (LlmException e) {
 *   // e.statusCode(), e.serverMessage(), e.isRetryable(), e.litellmName()
 * }
 *
 * try (ChatStream s = client.chatStream(req)) {
 *   for (ChatChunk c : s) System.out.print(c.delta());
 * }
 *
 * ServerProbe probe = client.probe("llamafile/gemma-3-3b", null);
 * if (probe.readiness() == Readiness.READY) {
 *   int nCtx = probe.contextSize().orElse(2048);
 *   int tokens = probe.countTokens(diff).count();
 * }
 * }</pre>
 *
 * <p>Everything else in this package is package-private implementation. The transport is {@link
 * java.net.HttpURLConnection} (cheap JVM start-up); JSON is jackson-jr, loaded on first use.
 */
package dev.commitpolish.llm;
