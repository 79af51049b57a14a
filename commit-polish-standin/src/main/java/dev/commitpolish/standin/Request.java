package dev.commitpolish.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fields of a completion request the stand-in honours, parsed per profile (§3.1). */
final class Request {

  String prompt = "";
  String model = "unknown";
  boolean stream;
  boolean includeUsage;
  int maxTokens = -1;
  final List<String> stops = new ArrayList<>();
  String error;
  int errorStatus;

  private Request() {}

  @SuppressWarnings("unchecked")
  static Request parse(Map<String, Object> body, Routes.Kind kind, boolean llamafile) {
    var r = new Request();
    Object model = body.get("model");
    if (model instanceof String) {
      r.model = (String) model;
    }
    r.stream = Boolean.TRUE.equals(body.get("stream"));
    // llamafile ignores stream_options entirely (no usage in streams).
    if (!llamafile && body.get("stream_options") instanceof Map) {
      r.includeUsage =
          Boolean.TRUE.equals(
              ((Map<String, Object>) body.get("stream_options")).get("include_usage"));
    }
    r.maxTokens = maxTokens(body, kind, llamafile);
    Object stop = body.get("stop");
    if (stop instanceof String) {
      r.stops.add((String) stop);
    } else if (stop instanceof List) {
      for (Object s : (List<Object>) stop) {
        if (s instanceof String && !((String) s).isEmpty()) {
          r.stops.add((String) s);
        }
      }
    }
    if (!llamafile && body.get("response_format") instanceof Map) {
      // llama.cpp validates response_format (llamafile 0.9 silently ignores it).
      Object type = ((Map<String, Object>) body.get("response_format")).get("type");
      if (!"text".equals(type) && !"json_object".equals(type) && !"json_schema".equals(type)) {
        return r.fail(
            400,
            "response_format type must be one of \"text\" or \"json_object\", but got: " + type);
      }
    }
    if (kind == Routes.Kind.CHAT) {
      if (llamafile) {
        r.stops.add("<|im_end|>"); // oai.h always appends the ChatML end marker
      }
      Object msgs = body.get("messages");
      if (!(msgs instanceof List)) {
        if (llamafile) {
          return r.fail(
              500,
              "[json.exception.type_error.302] type must be array, but is "
                  + (msgs == null ? "null" : "object"));
        }
        return r.fail(400, "'messages' is required and must be an array");
      }
      List<Map<String, Object>> messages = new ArrayList<>();
      for (Object m : (List<Object>) msgs) {
        if (!(m instanceof Map)) {
          return llamafile
              ? r.fail(500, "[json.exception.type_error.302] type must be object, but is string")
              : r.fail(400, "each message must be an object");
        }
        Map<String, Object> msg = (Map<String, Object>) m;
        Object content = msg.get("content");
        if (llamafile && !(content instanceof String)) {
          // llamafile 0.9.x only accepts string content (array parts arrived after 0.9.3).
          return r.fail(
              500,
              "[json.exception.type_error.302] type must be string, but is "
                  + (content == null ? "null" : content instanceof List ? "array" : "object"));
        }
        messages.add(msg);
      }
      r.prompt = Prompts.render(messages);
    } else {
      Object p = body.get("prompt");
      if (p instanceof String) {
        r.prompt = (String) p;
      } else if (p instanceof List && !((List<Object>) p).isEmpty()) {
        Object first = ((List<Object>) p).get(0);
        r.prompt = first instanceof String ? (String) first : String.valueOf(first);
      } else if (!llamafile) {
        return r.fail(400, "\"prompt\" must be provided");
      }
    }
    return r;
  }

  private static int maxTokens(Map<String, Object> body, Routes.Kind kind, boolean llamafile) {
    Object v;
    if (kind == Routes.Kind.NATIVE) {
      v = body.get("n_predict");
    } else if (llamafile) {
      v = body.get("max_tokens"); // n_predict is dropped on llamafile's OpenAI route
    } else if (body.get("n_predict") instanceof Number) {
      v = body.get("n_predict");
    } else if (body.get("max_completion_tokens") instanceof Number) {
      v = body.get("max_completion_tokens");
    } else {
      v = body.get("max_tokens");
    }
    return v instanceof Number ? Math.max(-1, ((Number) v).intValue()) : -1;
  }

  private Request fail(int status, String message) {
    this.errorStatus = status;
    this.error = message;
    return this;
  }
}
