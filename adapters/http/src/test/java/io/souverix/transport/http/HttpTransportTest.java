package io.souverix.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mutual TLS, backpressure, retries and the wire protocol of the HTTP transport. */
class HttpTransportTest {
  private static final String CHANNEL = "desired-state";
  private static TlsFixture fleet;
  private static TlsFixture otherFleet;
  private static SSLContext serverTls;
  private static SSLContext nodeTls;
  private static Signer node;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private SenderKeyResolver keys;
  private Transport log;

  @BeforeAll
  static void issueCertificates() throws Exception {
    fleet = TlsFixture.create("Fleet Root");
    otherFleet = TlsFixture.create("Other Root");
    serverTls = fleet.context("master.region-eu");
    nodeTls = fleet.context("node-0001");
    node = Signer.inMemory(TlsFixture.ec(), SigningAlgorithm.ES256);
  }

  @BeforeEach
  void setUp() {
    keys =
        (sender, keyId) ->
            sender.equals("node-0001") && keyId.equals(node.keyId())
                ? Optional.of(node.publicKey())
                : Optional.empty();
    log = Transport.inProcess(keys);
  }

  @AfterEach
  void tearDown() throws Exception {
    Collections.reverse(closeables);
    for (AutoCloseable c : closeables) {
      c.close();
    }
    log.close();
  }

  private HttpTransportServer start(Transport backend, int maxPendingSends) throws Exception {
    HttpTransportServer s =
        HttpTransportServer.newBuilder()
            .backend(backend)
            .keys(keys)
            .sslContext(serverTls)
            .maxPendingSends(maxPendingSends)
            .retryAfter(Duration.ofSeconds(2))
            .start();
    closeables.add(s);
    return s;
  }

  private HttpTransport client(
      HttpTransportServer s, SSLContext tls, int attempts, Sleeper sleeper) {
    HttpTransport t =
        HttpTransport.newBuilder()
            .uri(s.uri())
            .sslContext(tls)
            .keys(keys)
            .maxAttempts(attempts)
            .sleeper(sleeper)
            .build();
    closeables.add(t);
    return t;
  }

  private static TransportEnvelope envelope(long sequence) throws Exception {
    return TransportEnvelope.sign(
        node,
        CHANNEL,
        "node-0001",
        "node-0001",
        sequence,
        ("{\"version\":" + sequence + "}").getBytes(StandardCharsets.UTF_8));
  }

  private List<TransportEnvelope> stored() throws Exception {
    TransportBatch b = log.poll(CHANNEL, TransportCursor.beginning(), 100, Duration.ZERO);
    return b.deliveries().stream().map(d -> d.envelope()).toList();
  }

  @Test
  void send_clientWithoutCertificate_refusedAndNothingStored() throws Exception {
    HttpTransportServer s = start(log, 8);
    HttpTransport anonymous =
        client(s, MutualTls.trustOnly(List.of(fleet.root)), 1, Sleeper.THREAD);

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> anonymous.send(envelope(1)));

    assertThat(e).isNotNull();
    assertThat(e.code()).isIn(TransportException.Code.REFUSED, TransportException.Code.UNAVAILABLE);
    assertThat(stored()).isEmpty();
  }

  @Test
  void send_clientCertificateOfAnotherCa_refusedAndNothingStored() throws Exception {
    HttpTransportServer s = start(log, 8);
    // Trusts the fleet's server, but presents a certificate of another authority.
    HttpTransport stranger =
        client(s, otherFleet.context("node-0001", List.of(fleet.root)), 1, Sleeper.THREAD);

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> stranger.send(envelope(1)));

    assertThat(e).isNotNull();
    assertThat(e.code()).isIn(TransportException.Code.REFUSED, TransportException.Code.UNAVAILABLE);
    assertThat(stored()).isEmpty();
  }

  @Test
  void send_serverCertificateOfAnotherCa_refusedByTheClient() throws Exception {
    HttpTransportServer s =
        HttpTransportServer.newBuilder()
            .backend(log)
            .keys(keys)
            .sslContext(otherFleet.context("impostor", List.of(fleet.root)))
            .start();
    closeables.add(s);
    HttpTransport t = client(s, nodeTls, 1, Sleeper.THREAD);

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> t.send(envelope(1)));

    assertThat(e.code()).isEqualTo(TransportException.Code.REFUSED);
    assertThat(stored()).isEmpty();
  }

  @Test
  void send_fleetCertificate_accepted() throws Exception {
    HttpTransportServer s = start(log, 8);
    HttpTransport t = client(s, nodeTls, 1, Sleeper.THREAD);

    t.send(envelope(1));

    assertThat(stored()).extracting(TransportEnvelope::sequence).containsExactly(1L);
  }

  /** The subject common names of a certificate: the tests' node identity. */
  private static List<String> commonNames(X509Certificate cert) {
    try {
      return new LdapName(cert.getSubjectX500Principal().getName())
          .getRdns().stream()
              .filter(r -> r.getType().equalsIgnoreCase("CN"))
              .map(r -> r.getValue().toString())
              .toList();
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private HttpTransportServer start(ClientAuthorization authorization) throws Exception {
    HttpTransportServer s =
        HttpTransportServer.newBuilder()
            .backend(log)
            .keys(keys)
            .sslContext(serverTls)
            .authorization(authorization)
            .start();
    closeables.add(s);
    return s;
  }

  @Test
  void send_sendersOwnEnvelopes_anotherNodesCertificateRefusedAndNothingStored() throws Exception {
    HttpTransportServer s =
        start(ClientAuthorization.sendersOwnEnvelopes(HttpTransportTest::commonNames));
    HttpTransport impostor =
        client(
            s,
            fleet.context("node-0002"),
            3,
            d -> {
              throw new AssertionError("a refused envelope is not retried");
            });

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> impostor.send(envelope(1)));

    assertThat(e.code()).isEqualTo(TransportException.Code.REFUSED);
    assertThat(e)
        .hasMessageContaining("expected 200, but got 403")
        .hasMessageContaining("CN=node-0002")
        .hasMessageContaining("node-0001");
    assertThat(stored()).isEmpty();

    client(s, nodeTls, 1, Sleeper.THREAD).send(envelope(1));
    assertThat(stored()).extracting(TransportEnvelope::sequence).containsExactly(1L);
  }

  @Test
  void poll_channelTheClientMayNotPoll_refused() throws Exception {
    log.send(envelope(1));
    HttpTransportServer s =
        start(
            new ClientAuthorization() {
              @Override
              public boolean maySend(X509Certificate client, TransportEnvelope envelope) {
                return true;
              }

              @Override
              public boolean mayPoll(X509Certificate client, String channel) {
                return commonNames(client).contains("node-0001");
              }
            });

    TransportException e =
        catchThrowableOfType(
            TransportException.class,
            () ->
                client(s, fleet.context("node-0002"), 1, Sleeper.THREAD)
                    .poll(CHANNEL, TransportCursor.beginning(), 10, Duration.ZERO));

    assertThat(e.code()).isEqualTo(TransportException.Code.REFUSED);
    assertThat(e).hasMessageContaining("may poll, but got " + CHANNEL);
    assertThat(
            client(s, nodeTls, 1, Sleeper.THREAD)
                .poll(CHANNEL, TransportCursor.beginning(), 10, Duration.ZERO)
                .deliveries())
        .hasSize(1);
  }

  @Test
  void send_serverFull_overloadedWithRetryAfter() throws Exception {
    BlockingBackend blocking = new BlockingBackend(log);
    HttpTransportServer s = start(blocking, 1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> first =
          pool.submit(
              () -> {
                client(s, nodeTls, 1, Sleeper.THREAD).send(envelope(1));
                return null;
              });
      assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();

      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> client(s, nodeTls, 1, Sleeper.THREAD).send(envelope(2)));

      assertThat(e.code()).isEqualTo(TransportException.Code.OVERLOADED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
      blocking.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      assertThat(stored()).extracting(TransportEnvelope::sequence).containsExactly(1L);
    } finally {
      blocking.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void send_serverFullThenFree_retriedAfterRetryAfterAndAccepted() throws Exception {
    BlockingBackend blocking = new BlockingBackend(log);
    HttpTransportServer s = start(blocking, 1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> first =
          pool.submit(
              () -> {
                client(s, nodeTls, 1, Sleeper.THREAD).send(envelope(1));
                return null;
              });
      assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();
      List<Duration> waits = new ArrayList<>();
      // The retry's wait is where the first send finishes and frees the server's only slot.
      Sleeper sleeper =
          d -> {
            waits.add(d);
            blocking.release.countDown();
            try {
              first.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException x) {
              throw new AssertionError(x);
            }
          };

      client(s, nodeTls, 3, sleeper).send(envelope(2));

      assertThat(waits).containsExactly(Duration.ofSeconds(2));
      assertThat(stored()).extracting(TransportEnvelope::sequence).containsExactly(1L, 2L);
    } finally {
      blocking.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void send_forgedEnvelope_forbiddenWithItsCodeAndNotStored() throws Exception {
    HttpTransportServer s = start(log, 8);
    HttpTransport t =
        client(
            s,
            nodeTls,
            3,
            d -> {
              throw new AssertionError("a rejected envelope is not retried");
            });
    TransportEnvelope good = envelope(1);
    TransportEnvelope forged =
        TransportEnvelope.of(
            CHANNEL,
            "node-0001",
            "node-0001",
            1,
            "{\"version\":99}".getBytes(StandardCharsets.UTF_8),
            good.algorithm(),
            good.keyId(),
            good.signature());

    assertThatThrownBy(() -> t.send(forged))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.code()).isEqualTo(TransportException.Code.SIGNATURE_INVALID))
        .hasMessageContaining("expected 200, but got 403");
    assertThat(stored()).isEmpty();
  }

  @Test
  void poll_pagesWithCursorsAndResumesOnANewClient() throws Exception {
    HttpTransportServer s = start(log, 8);
    HttpTransport sender = client(s, nodeTls, 1, Sleeper.THREAD);
    for (int i = 1; i <= 5; i++) {
      sender.send(envelope(i));
    }
    HttpTransport reader = client(s, nodeTls, 1, Sleeper.THREAD);
    TransportBatch page1 = reader.poll(CHANNEL, TransportCursor.beginning(), 2, Duration.ZERO);
    reader.close();
    HttpTransport again = client(s, nodeTls, 1, Sleeper.THREAD);
    TransportBatch page2 =
        again.poll(CHANNEL, TransportCursor.of(page1.next().value()), 100, Duration.ZERO);

    assertThat(page1.deliveries()).extracting(d -> d.envelope().sequence()).containsExactly(1L, 2L);
    assertThat(page2.deliveries())
        .extracting(d -> d.envelope().sequence())
        .containsExactly(3L, 4L, 5L);
  }

  @Test
  void rawRequests_badPathsMethodsAndCursors_answeredWithStatusAndCode() throws Exception {
    HttpTransportServer s = start(log, 8);
    HttpClient raw = HttpClient.newBuilder().sslContext(nodeTls).build();
    URI base = s.uri();

    HttpResponse<String> badCursor =
        raw.send(
            HttpRequest.newBuilder(base.resolve("/v1/channels/desired-state/envelopes?cursor=nope"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> badChannel =
        raw.send(
            HttpRequest.newBuilder(base.resolve("/v1/channels/-bad/envelopes")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> put =
        raw.send(
            HttpRequest.newBuilder(base.resolve("/v1/channels/desired-state/envelopes"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> notJson =
        raw.send(
            HttpRequest.newBuilder(base.resolve("/v1/channels/desired-state/envelopes"))
                .POST(HttpRequest.BodyPublishers.ofString("not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tooLarge =
        raw.send(
            HttpRequest.newBuilder(base.resolve("/v1/channels/desired-state/envelopes"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[Wire.MAX_BODY_BYTES + 1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(badCursor.body()).contains("\"code\":\"INVALID_CURSOR\"");
    assertThat(badChannel.statusCode()).isEqualTo(400);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"code\":\"MALFORMED\"");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("\"code\":\"TOO_LARGE\"");
  }

  /** A backend whose sends wait until released: a slow store behind the server. */
  private static final class BlockingBackend implements Transport {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final Transport delegate;

    BlockingBackend(Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(TransportEnvelope envelope) throws TransportException, InterruptedException {
      entered.countDown();
      release.await();
      delegate.send(envelope);
    }

    @Override
    public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
        throws TransportException, InterruptedException {
      return delegate.poll(channel, from, maxCount, maxWait);
    }

    @Override
    public void close() {}
  }
}
