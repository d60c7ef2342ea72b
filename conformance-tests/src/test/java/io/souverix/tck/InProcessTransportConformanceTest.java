package io.souverix.tck;

import io.souverix.lifecycle.spi.SenderKeyResolver;

/** The Transport kit against {@code Transport.inProcess}; a reconnect is a new connection. */
class InProcessTransportConformanceTest extends TransportVerification {
  @Override
  protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
    return new InProcessTransportFactory().start(env.directory(), keys);
  }
}
