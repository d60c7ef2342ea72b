package io.souverix.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The protocol's constants and small JSON helpers, shared by client and server. */
final class Wire {
  static final String PREFIX = "/v1/channels/";
  static final String SUFFIX = "/envelopes";
  static final String JSON = "application/json";

  /** Most envelopes one GET returns, whatever the client asks: bounds the response size. */
  static final int MAX_PER_RESPONSE = 100;

  /** Largest request body: an envelope with the largest payload in base64, and some room. */
  static final int MAX_BODY_BYTES = 4 * 256 * 1024 / 3 + 16 * 1024;

  static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  private Wire() {}

  static String path(String channel) {
    return PREFIX + channel + SUFFIX;
  }

  static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String string(String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  static byte[] error(TransportException.Code code, String message) {
    return ("{\"code\":" + string(code.name()) + ",\"message\":" + string(message) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode parse(byte[] body) throws TransportException {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw TransportException.of(
          TransportException.Code.MALFORMED,
          "response body; expected JSON, but got: " + e.getMessage(),
          e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  /** The code an error body names, if it names one of ours. */
  static Optional<TransportException.Code> code(byte[] body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n != null && n.path("code").isTextual()) {
        return Optional.of(TransportException.Code.valueOf(n.get("code").textValue()));
      }
    } catch (IOException | IllegalArgumentException e) {
      // Not one of our error bodies (a proxy's page, for instance): the status code decides.
    }
    return Optional.empty();
  }

  static String message(byte[] body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n != null && n.path("message").isTextual()) {
        return n.get("message").textValue();
      }
    } catch (IOException e) {
      // Fall through to the raw text.
    }
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** Retry-After in whole seconds (RFC 9110 §10.2.3), never below one. */
  static String retryAfter(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    return String.format(Locale.ROOT, "%d", s);
  }

  static Optional<Duration> parseRetryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      long s = Long.parseLong(header.get().trim());
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(s, 3600)));
    } catch (NumberFormatException e) {
      // An HTTP-date: not worth a clock dependency; the client's own backoff applies.
      return Optional.empty();
    }
  }

  /** Reads at most {@code limit} bytes; returns null if the stream holds more. */
  static byte @Nullable [] readBounded(java.io.InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    int total = 0;
    for (int n; (n = in.read(buf)) != -1; ) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
