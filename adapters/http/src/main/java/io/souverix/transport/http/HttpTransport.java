package io.souverix.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The client side of the HTTP transport: sends envelopes to and polls channels of an {@link
 * HttpTransportServer} over HTTPS with a client certificate, on {@code java.net.http}.
 *
 * <pre>{@code
 * Transport toMaster = HttpTransport.newBuilder()
 *     .uri(URI.create("https://master.eu.example:8443"))
 *     .sslContext(MutualTls.context(nodeKey, nodeChain, List.of(fleetRoot)))
 *     .keys(keys)
 *     .build();
 * toMaster.send(TransportEnvelope.sign(signer, "actual-state", "node-0042", "node-0042", 7, json));
 * }</pre>
 *
 * <p>Retries: a send or poll answered 503 or 429, or that failed to connect, is retried up to
 * {@link Builder#maxAttempts} times in all, waiting the longer of the server's {@code Retry-After}
 * and an exponential backoff. A retried send may be stored twice (at-least-once); receivers
 * deduplicate by (sender, key, sequence). A refused TLS handshake ({@code REFUSED}) and a rejected
 * envelope are not retried.
 *
 * <p>Every envelope a poll returns is verified again here, with this side's {@link
 * SenderKeyResolver}, before it becomes a {@link Delivery}: the client does not take the server's
 * word for it.
 *
 * @since 0.1
 */
public final class HttpTransport implements Transport {
  private final URI base;
  private final HttpClient client;
  private final SenderKeyResolver keys;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private volatile boolean closed;

  private HttpTransport(Builder b) {
    this.base = Objects.requireNonNull(b.uri, "uri");
    this.keys = Objects.requireNonNull(b.keys, "keys");
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.client =
        HttpClient.newBuilder()
            .sslContext(Objects.requireNonNull(b.sslContext, "sslContext"))
            .connectTimeout(b.connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Starts a builder. {@link Builder#uri}, {@link Builder#sslContext} and {@link Builder#keys} are
   * required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void send(TransportEnvelope envelope) throws TransportException, InterruptedException {
    Objects.requireNonNull(envelope, "envelope");
    checkOpen();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(Wire.path(envelope.channel())))
            .timeout(requestTimeout)
            .header("Content-Type", Wire.JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.toJson()))
            .build();
    exchange(request, "send of " + envelope);
  }

  @Override
  public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
      throws TransportException, InterruptedException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxCount < 1 || maxCount > MAX_POLL) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "maxCount; expected 1 to %d, but got %d", MAX_POLL, maxCount));
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait; expected zero or more, but got " + maxWait);
    }
    if (!Wire.CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel; expected a channel name, but got " + channel);
    }
    checkOpen();
    String query =
        Wire.query("cursor", from.value())
            + "&"
            + Wire.query("max", Integer.toString(maxCount))
            + "&"
            + Wire.query("waitMillis", Long.toString(maxWait.toMillis()));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(Wire.path(channel) + "?" + query))
            .timeout(requestTimeout.plus(maxWait))
            .header("Accept", Wire.JSON)
            .GET()
            .build();
    byte[] body = exchange(request, "poll of channel " + channel);
    return readBatch(body, from);
  }

  private TransportBatch readBatch(byte[] body, TransportCursor from) throws TransportException {
    JsonNode root = Wire.parse(body);
    JsonNode deliveries = root.path("deliveries");
    JsonNode rejections = root.path("rejections");
    JsonNode next = root.path("next");
    if (!deliveries.isArray() || !rejections.isArray() || !next.isTextual()) {
      throw TransportException.of(
          TransportException.Code.MALFORMED,
          "poll response; expected deliveries, rejections and next");
    }
    List<Delivery> verified = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    try {
      for (JsonNode d : deliveries) {
        TransportEnvelope e = TransportEnvelope.parse(Wire.bytes(d.path("envelope")));
        TransportCursor cursor = TransportCursor.of(d.path("cursor").asText());
        try {
          verified.add(Delivery.verify(e, cursor, keys));
        } catch (TransportException x) {
          rejected.add(Rejection.of(e, cursor, x));
        }
      }
      for (JsonNode r : rejections) {
        rejected.add(
            new Rejection(
                TransportEnvelope.parse(Wire.bytes(r.path("envelope"))),
                TransportCursor.of(r.path("cursor").asText()),
                TransportException.Code.valueOf(r.path("code").asText()),
                r.path("reason").asText()));
      }
      TransportCursor after = TransportCursor.of(next.textValue());
      return new TransportBatch(
          verified, rejected, verified.isEmpty() && rejected.isEmpty() ? from : after);
    } catch (IllegalArgumentException e) {
      throw TransportException.of(
          TransportException.Code.MALFORMED, "poll response; " + e.getMessage(), e);
    }
  }

  /** Sends a request, retrying what may succeed later; returns the body of a 200. */
  private byte[] exchange(HttpRequest request, String what)
      throws TransportException, InterruptedException {
    TransportException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
        if (backoff.compareTo(maxBackoff) > 0) {
          backoff = maxBackoff;
        }
        Duration asked = last == null ? Duration.ZERO : last.retryAfter().orElse(Duration.ZERO);
        sleeper.sleep(asked.compareTo(backoff) > 0 ? asked : backoff);
        checkOpen();
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        last = unavailable(what, e);
        continue;
      } catch (IOException e) {
        if (isTlsFailure(e)) {
          throw TransportException.of(
              TransportException.Code.REFUSED,
              what
                  + "; expected the server to accept this side's certificate and to present one"
                  + " this side trusts, but the TLS handshake failed: "
                  + e.getMessage(),
              e);
        }
        last = unavailable(what, e);
        continue;
      }
      int status = response.statusCode();
      byte[] body = response.body();
      if (status == 200) {
        return body;
      }
      String message =
          String.format(
              Locale.ROOT, "%s; expected 200, but got %d: %s", what, status, Wire.message(body));
      if (status == 503 || status == 429) {
        Optional<Duration> retryAfter =
            Wire.parseRetryAfter(response.headers().firstValue("Retry-After"));
        Optional<TransportException.Code> code = Wire.code(body);
        last =
            code.isPresent() && code.get() != TransportException.Code.OVERLOADED
                ? TransportException.of(code.get(), message)
                : TransportException.overloaded(message, retryAfter.orElse(null));
        continue;
      }
      TransportException.Code code =
          Wire.code(body)
              .orElse(
                  switch (status) {
                    case 401, 403 -> TransportException.Code.REFUSED;
                    case 413 -> TransportException.Code.TOO_LARGE;
                    case 400, 404, 405 -> TransportException.Code.MALFORMED;
                    default -> TransportException.Code.UNAVAILABLE;
                  });
      throw TransportException.of(code, message);
    }
    throw Objects.requireNonNull(last, "last failure");
  }

  private static boolean isTlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static TransportException unavailable(String what, IOException e) {
    return TransportException.of(
        TransportException.Code.UNAVAILABLE,
        what + "; expected an answer from the server, but got " + e,
        e);
  }

  private void checkOpen() throws TransportException {
    if (closed) {
      throw TransportException.of(
          TransportException.Code.CLOSED, "HTTP transport; expected open, but got closed");
    }
  }

  /** Marks the transport closed; requests in flight finish, new ones fail with CLOSED. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "HttpTransport[" + base + "]";
  }

  /** Configures a client. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI uri;
    private @Nullable SSLContext sslContext;
    private @Nullable SenderKeyResolver keys;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Sleeper sleeper = Sleeper.THREAD;

    private Builder() {}

    /**
     * Sets the server's base URI.
     *
     * @param uri an {@code https} URI such as {@code https://master.eu.example:8443}; not null
     * @return this builder
     * @throws IllegalArgumentException if the scheme is not {@code https}
     */
    public Builder uri(URI uri) {
      Objects.requireNonNull(uri, "uri");
      if (!"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("uri; expected an https URI, but got " + uri);
      }
      this.uri = uri;
      return this;
    }

    /**
     * Sets the TLS context: this side's key and certificate, and the anchors the server's
     * certificate must chain to (see {@link MutualTls#context}).
     *
     * @param sslContext the context; not null
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Sets the host's key resolver, which verifies every envelope a poll returns.
     *
     * @param keys the resolver; not null
     * @return this builder
     */
    public Builder keys(SenderKeyResolver keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param timeout positive; defaults to 10 seconds
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for an answer (a poll adds its own wait).
     *
     * @param timeout positive; defaults to 30 seconds
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how many attempts a request gets in all, retries included.
     *
     * @param attempts at least 1 (no retry); defaults to 5
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts; expected at least 1, but got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the exponential backoff between attempts: the first wait, doubling up to the largest.
     *
     * @param initial the first wait; positive; defaults to 100 ms
     * @param max the largest wait; at least {@code initial}; defaults to 10 seconds
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = positive(initial, "initial backoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "max backoff; expected at least " + initial + ", but got " + max);
      }
      this.maxBackoff = max;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Creates the client. No connection is made until the first request.
     *
     * @return the transport
     * @throws NullPointerException if the URI, TLS context or keys are missing
     */
    public HttpTransport build() {
      return new HttpTransport(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + "; expected positive, but got " + d);
      }
      return d;
    }
  }
}
