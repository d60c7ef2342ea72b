package io.souverix.tck;

import io.souverix.lifecycle.internal.InProcessTransport;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;

/** The Transport kit against {@code Transport.inProcess}; a reconnect is a new connection. */
class InProcessTransportConformanceTest extends TransportVerification {
  @Override
  protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
    InProcessTransport log = InProcessTransport.create(keys);
    return new TransportBackend() {
      @Override
      public Transport connect() throws Exception {
        return log.connect();
      }

      @Override
      public void close() {
        log.close();
      }
    };
  }
}
