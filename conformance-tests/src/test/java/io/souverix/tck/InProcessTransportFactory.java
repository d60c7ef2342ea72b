package io.souverix.tck;

import io.souverix.lifecycle.internal.InProcessTransport;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import java.nio.file.Path;

/**
 * {@code Transport.inProcess} for the runner ({@code --transport}); a reconnect is a new
 * connection.
 */
public final class InProcessTransportFactory implements TransportFactory {
  @Override
  public TransportBackend start(Path directory, SenderKeyResolver keys) {
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

  /** The same back-end declared without re-verification at delivery: TR-3.4 is skipped. */
  public static final class WithoutReverification implements TransportFactory {
    private final InProcessTransportFactory backends = new InProcessTransportFactory();

    @Override
    public TransportBackend start(Path directory, SenderKeyResolver keys) {
      return backends.start(directory, keys);
    }

    @Override
    public boolean verifiesOnReceive() {
      return false;
    }
  }
}
