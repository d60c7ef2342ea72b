package io.souverix.transport.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the HTTP transport, embeddable in a host application (a regional master): an
 * HTTPS server that requires a client certificate, accepts envelopes into a backing {@link
 * Transport} (which stores and orders them, for example {@link Transport#inProcess}) and serves
 * polls from it.
 *
 * <pre>{@code
 * Transport log = Transport.inProcess(keys);
 * try (HttpTransportServer server = HttpTransportServer.newBuilder()
 *     .backend(log).keys(keys).sslContext(MutualTls.context(key, chain, anchors))
 *     .address(new InetSocketAddress("0.0.0.0", 8443)).start()) {
 *   ...
 * }
 * }</pre>
 *
 * <h3>Security guarantees</h3>
 *
 * Every connection must present a client certificate that chains to the context's trust anchors
 * (TLS client authentication required, {@link SSLParameters#setNeedClientAuth}). Every envelope is
 * verified with the host's {@link SenderKeyResolver} before it reaches the backend; a bad one is
 * answered 403 with its code and never stored. TLS authenticates the connection; the signature
 * authenticates the envelope, so a master may relay envelopes of many nodes. A {@link
 * ClientAuthorization} ({@link Builder#authorization}) decides what each client certificate may do:
 * by default anything; {@link ClientAuthorization#sendersOwnEnvelopes} lets a node send only its
 * own envelopes. A refused request is answered 403 with {@code REFUSED} and changes nothing.
 *
 * <h3>Backpressure</h3>
 *
 * At most {@link Builder#maxPendingSends} sends and {@link Builder#maxPolls} polls are served at
 * once; a request beyond that is answered 503 with {@code Retry-After} at once, so a slow backend
 * never queues unbounded work. Closing the server leaves the backend open (the host owns it).
 *
 * @since 0.1
 */
public final class HttpTransportServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransportServer.class);

  private final Transport backend;
  private final SenderKeyResolver keys;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final Semaphore sends;
  private final Semaphore polls;
  private final Duration maxPollWait;
  private final Duration retryAfter;
  private final ClientAuthorization authorization;

  private HttpTransportServer(Builder b, HttpsServer server, ExecutorService executor) {
    this.backend = Objects.requireNonNull(b.backend, "backend");
    this.keys = Objects.requireNonNull(b.keys, "keys");
    this.server = server;
    this.executor = executor;
    this.sends = new Semaphore(b.maxPendingSends);
    this.polls = new Semaphore(b.maxPolls);
    this.maxPollWait = b.maxPollWait;
    this.retryAfter = b.retryAfter;
    this.authorization = b.authorization;
  }

  /**
   * Starts a builder. {@link Builder#backend}, {@link Builder#keys} and {@link Builder#sslContext}
   * are required.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the address the server listens on (with the port chosen when it was 0).
   *
   * @return the bound address
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Returns the base URI clients use, {@code https://host:port}.
   *
   * @return the URI
   */
  public URI uri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("https://" + host + ":" + a.getPort());
  }

  /** Stops accepting connections and ends the exchanges in progress; the backend stays open. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (!path.startsWith(Wire.PREFIX) || !path.endsWith(Wire.SUFFIX)) {
        respond(exchange, 404, Wire.error(TransportException.Code.MALFORMED, "no such path"));
        return;
      }
      String channel = path.substring(Wire.PREFIX.length(), path.length() - Wire.SUFFIX.length());
      if (!Wire.CHANNEL.matcher(channel).matches()) {
        respond(
            exchange,
            400,
            Wire.error(TransportException.Code.MALFORMED, "channel; expected a channel name"));
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> send(exchange, channel);
        case "GET" -> poll(exchange, channel);
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, POST");
          respond(exchange, 405, Wire.error(TransportException.Code.MALFORMED, "GET or POST"));
        }
      }
    } catch (IOException e) {
      LOG.debug("HTTP transport exchange failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("HTTP transport exchange failed", e);
    }
  }

  private void send(HttpExchange exchange, String channel)
      throws IOException, InterruptedException {
    if (!sends.tryAcquire()) {
      overloaded(exchange, "sends");
      return;
    }
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = Wire.readBounded(in, Wire.MAX_BODY_BYTES);
      }
      if (body == null) {
        respond(
            exchange,
            413,
            Wire.error(
                TransportException.Code.TOO_LARGE,
                "request body; expected at most " + Wire.MAX_BODY_BYTES + " bytes"));
        return;
      }
      TransportEnvelope envelope = TransportEnvelope.parse(body);
      if (!envelope.channel().equals(channel)) {
        throw TransportException.of(
            TransportException.Code.MALFORMED,
            String.format(
                Locale.ROOT,
                "envelope channel; expected %s (the path's), but got %s",
                channel,
                envelope.channel()));
      }
      X509Certificate client = clientCertificate(exchange);
      if (!authorization.maySend(client, envelope)) {
        refuse(exchange, client, "sender", "send for", envelope.sender());
        return;
      }
      Delivery.check(envelope, keys);
      backend.send(envelope);
      respond(exchange, 200, "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8));
    } catch (TransportException e) {
      fail(exchange, e);
    } finally {
      sends.release();
    }
  }

  private void poll(HttpExchange exchange, String channel)
      throws IOException, InterruptedException {
    if (!polls.tryAcquire()) {
      overloaded(exchange, "polls");
      return;
    }
    try {
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      TransportCursor from;
      int max;
      Duration wait;
      try {
        from = TransportCursor.of(q.getOrDefault("cursor", ""));
        max = Integer.parseInt(q.getOrDefault("max", "100"));
        wait = Duration.ofMillis(Long.parseLong(q.getOrDefault("waitMillis", "0")));
        if (max < 1 || wait.isNegative()) {
          throw new IllegalArgumentException("max must be positive and waitMillis not negative");
        }
      } catch (IllegalArgumentException e) {
        throw TransportException.of(
            e.getMessage() != null && e.getMessage().startsWith("cursor")
                ? TransportException.Code.INVALID_CURSOR
                : TransportException.Code.MALFORMED,
            "poll query; " + e.getMessage(),
            e);
      }
      X509Certificate client = clientCertificate(exchange);
      if (!authorization.mayPoll(client, channel)) {
        refuse(exchange, client, "channel", "poll", channel);
        return;
      }
      max = Math.min(max, Wire.MAX_PER_RESPONSE);
      if (wait.compareTo(maxPollWait) > 0) {
        wait = maxPollWait;
      }
      TransportBatch batch = backend.poll(channel, from, max, wait);
      respond(exchange, 200, batchJson(batch));
    } catch (TransportException e) {
      fail(exchange, e);
    } finally {
      polls.release();
    }
  }

  private static byte[] batchJson(TransportBatch batch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"deliveries\":[".getBytes(StandardCharsets.UTF_8));
    String sep = "";
    for (Delivery d : batch.deliveries()) {
      out.write(
          (sep + "{\"cursor\":" + Wire.string(d.cursor().value()) + ",\"envelope\":")
              .getBytes(StandardCharsets.UTF_8));
      out.write(d.envelope().toJson());
      out.write('}');
      sep = ",";
    }
    out.write("],\"rejections\":[".getBytes(StandardCharsets.UTF_8));
    sep = "";
    for (Rejection r : batch.rejections()) {
      out.write(
          (sep
                  + "{\"code\":"
                  + Wire.string(r.code().name())
                  + ",\"cursor\":"
                  + Wire.string(r.cursor().value())
                  + ",\"reason\":"
                  + Wire.string(r.reason())
                  + ",\"envelope\":")
              .getBytes(StandardCharsets.UTF_8));
      out.write(r.envelope().toJson());
      out.write('}');
      sep = ",";
    }
    out.write(
        ("],\"next\":" + Wire.string(batch.next().value()) + "}").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The client's certificate: TLS client authentication is required, so there always is one. */
  private static X509Certificate clientCertificate(HttpExchange exchange) throws IOException {
    Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate c)) {
      throw new SSLPeerUnverifiedException("client certificate; expected an X.509 certificate");
    }
    return c;
  }

  /** Answers 403 {@code REFUSED}: the authorization does not let this client do that. */
  private static void refuse(
      HttpExchange exchange, X509Certificate client, String what, String verb, String got)
      throws IOException {
    String message =
        String.format(
            Locale.ROOT,
            "%s; expected a %s this client's certificate (%s) may %s, but got %s",
            what,
            what,
            client.getSubjectX500Principal().getName(),
            verb,
            got);
    respond(exchange, 403, Wire.error(TransportException.Code.REFUSED, message));
  }

  private void overloaded(HttpExchange exchange, String what) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", Wire.retryAfter(retryAfter));
    respond(
        exchange,
        503,
        Wire.error(
            TransportException.Code.OVERLOADED,
            "server; expected a free slot for " + what + ", but all are taken"));
  }

  private void fail(HttpExchange exchange, TransportException e) throws IOException {
    int status =
        switch (e.code()) {
          case UNSIGNED, UNKNOWN_KEY, SIGNATURE_INVALID -> 403;
          case MALFORMED, INVALID_CURSOR -> 400;
          case TOO_LARGE -> 413;
          case OVERLOADED, CLOSED, UNAVAILABLE, REFUSED -> 503;
        };
    if (status == 503) {
      exchange
          .getResponseHeaders()
          .set("Retry-After", Wire.retryAfter(e.retryAfter().orElse(retryAfter)));
    }
    // The backend's CLOSED is the server's unavailability, not the client's closed transport.
    TransportException.Code code =
        e.code() == TransportException.Code.CLOSED ? TransportException.Code.UNAVAILABLE : e.code();
    respond(exchange, status, Wire.error(code, String.valueOf(e.getMessage())));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (status >= 400) {
      // The request body may be partly unread (refused before or while reading it): the
      // connection is not reusable, so say so rather than let a client's next request hit it.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.getResponseHeaders().set("Content-Type", Wire.JSON);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Configures and starts a server. Not thread-safe. */
  public static final class Builder {
    private @Nullable Transport backend;
    private @Nullable SenderKeyResolver keys;
    private @Nullable SSLContext sslContext;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private int maxPendingSends = 64;
    private int maxPolls = 32;
    private int threads = 16;
    private Duration maxPollWait = Duration.ofSeconds(30);
    private Duration retryAfter = Duration.ofSeconds(1);
    private ClientAuthorization authorization = ClientAuthorization.anyClient();

    private Builder() {}

    /**
     * Sets the transport that stores, orders and serves the envelopes.
     *
     * @param backend the backing transport; not null; the host closes it
     * @return this builder
     */
    public Builder backend(Transport backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * Sets the host's key resolver that verifies envelopes before they are accepted.
     *
     * @param keys the resolver; not null
     * @return this builder
     */
    public Builder keys(SenderKeyResolver keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Sets the server's TLS context: its key and certificate, and the trust anchors client
     * certificates must chain to (see {@link MutualTls#context}).
     *
     * @param sslContext the context; not null
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Sets what each client certificate may do.
     *
     * @param authorization the rules; not null; defaults to {@link ClientAuthorization#anyClient()}
     * @return this builder
     */
    public Builder authorization(ClientAuthorization authorization) {
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      return this;
    }

    /**
     * Sets the address to listen on; port 0 picks a free port.
     *
     * @param address the address; not null; defaults to the loopback address, port 0
     * @return this builder
     */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets how many sends are served at once; more are answered 503.
     *
     * @param max at least 1; defaults to 64
     * @return this builder
     */
    public Builder maxPendingSends(int max) {
      this.maxPendingSends = positive(max, "maxPendingSends");
      return this;
    }

    /**
     * Sets how many polls (long polls included) are served at once; more are answered 503.
     *
     * @param max at least 1; defaults to 32
     * @return this builder
     */
    public Builder maxPolls(int max) {
      this.maxPolls = positive(max, "maxPolls");
      return this;
    }

    /**
     * Sets the number of threads serving requests; should exceed {@code maxPolls}, since a long
     * poll holds its thread.
     *
     * @param threads at least 1; defaults to 16
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = positive(threads, "threads");
      return this;
    }

    /**
     * Sets the longest a poll waits at the head, whatever the client asks.
     *
     * @param wait positive; defaults to 30 seconds
     * @return this builder
     */
    public Builder maxPollWait(Duration wait) {
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("maxPollWait; expected positive, but got " + wait);
      }
      this.maxPollWait = wait;
      return this;
    }

    /**
     * Sets the {@code Retry-After} the server sends with 503.
     *
     * @param retryAfter positive; sent in whole seconds, at least 1; defaults to 1 second
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter.isNegative() || retryAfter.isZero()) {
        throw new IllegalArgumentException("retryAfter; expected positive, but got " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     * @throws NullPointerException if the backend, keys or TLS context are missing
     */
    public HttpTransportServer start() throws IOException {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(keys, "keys");
      SSLContext ctx = Objects.requireNonNull(sslContext, "sslContext");
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(
          new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters p = getSSLContext().getDefaultSSLParameters();
              p.setNeedClientAuth(true);
              p.setProtocols(new String[] {"TLSv1.3"});
              params.setSSLParameters(p);
            }
          });
      AtomicInteger n = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "souverix-http-transport-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      https.setExecutor(executor);
      HttpTransportServer server = new HttpTransportServer(this, https, executor);
      https.createContext(Wire.PREFIX, server::handle);
      https.start();
      return server;
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + "; expected at least 1, but got " + value);
      }
      return value;
    }
  }
}
