package io.souverix.transport.http;

import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.tck.TckEnvironment;
import io.souverix.tck.TransportBackend;
import io.souverix.tck.TransportVerification;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Transport kit against the HTTP transport on 127.0.0.1 with mutual TLS: the backend is an
 * {@link HttpTransportServer} in front of an in-process log; each connection is a new {@link
 * HttpTransport} client (a reconnect opens new TLS connections).
 */
class HttpTransportConformanceTest extends TransportVerification {
  private static TlsFixture tls;
  private static SSLContext serverTls;
  private static SSLContext clientTls;

  @BeforeAll
  static void issueCertificates() throws Exception {
    tls = TlsFixture.create("Fleet Root");
    serverTls = tls.context("master.region-eu");
    clientTls = tls.context("node-0001");
  }

  @Override
  protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys)
      throws Exception {
    Transport log = Transport.inProcess(keys);
    HttpTransportServer server =
        HttpTransportServer.newBuilder().backend(log).keys(keys).sslContext(serverTls).start();
    return new TransportBackend() {
      @Override
      public Transport connect() {
        return HttpTransport.newBuilder()
            .uri(server.uri())
            .sslContext(clientTls)
            .keys(keys)
            .maxAttempts(2)
            .build();
      }

      @Override
      public void close() throws Exception {
        server.close();
        log.close();
      }
    };
  }
}
