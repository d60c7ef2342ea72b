package io.souverix.tck;

import io.souverix.lifecycle.internal.InProcessTransport;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.SenderKeyResolver;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * Deliberately broken transports, each breaking one promise of the SPI, with the verification
 * subclass that runs the kit against it. {@link BrokenAdapterTest} asserts that the kit fails each
 * of them on the rules it breaks.
 */
final class BrokenTransports {
  /** Rules that wait for envelopes a broken transport never returns give up after this. */
  static final Duration FAIL_FAST = Duration.ofSeconds(5);

  private BrokenTransports() {}

  /** Swallows envelopes that fail verification at send: not delivered, but not reported either. */
  @Tag(BrokenStores.BROKEN)
  static final class DropsForgeriesSilently extends TransportVerification {
    @Override
    TckEnvironment newEnvironment() {
      return new TckEnvironment(FAIL_FAST);
    }

    @Override
    protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
      return backend(
          keys,
          t ->
              new Forwarding(t) {
                @Override
                public void send(TransportEnvelope envelope)
                    throws TransportException, InterruptedException {
                  try {
                    super.send(envelope);
                  } catch (TransportException e) {
                    if (e.code() == TransportException.Code.CLOSED) {
                      throw e;
                    }
                  }
                }
              });
    }
  }

  /** Resumes one envelope early: the last acknowledged envelope comes back after every poll. */
  @Tag(BrokenStores.BROKEN)
  static final class RewindsCursorByOne extends TransportVerification {
    @Override
    TckEnvironment newEnvironment() {
      return new TckEnvironment(FAIL_FAST);
    }

    @Override
    protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
      return backend(
          keys,
          t ->
              new Forwarding(t) {
                @Override
                public TransportBatch poll(
                    String channel, TransportCursor from, int maxCount, Duration maxWait)
                    throws TransportException, InterruptedException {
                  TransportCursor earlier = from;
                  String v = from.value();
                  if (v.startsWith("ip1.") && !v.equals("ip1.0")) {
                    earlier =
                        TransportCursor.of(
                            String.format(
                                Locale.ROOT, "ip1.%d", Integer.parseInt(v.substring(4)) - 1));
                  }
                  return super.poll(channel, earlier, maxCount, maxWait);
                }
              });
    }
  }

  /** Delivers each batch backwards: per-key order is lost. */
  @Tag(BrokenStores.BROKEN)
  static final class ReversesBatches extends TransportVerification {
    @Override
    TckEnvironment newEnvironment() {
      return new TckEnvironment(FAIL_FAST);
    }

    @Override
    protected TransportBackend createBackend(TckEnvironment env, SenderKeyResolver keys) {
      return backend(
          keys,
          t ->
              new Forwarding(t) {
                @Override
                public TransportBatch poll(
                    String channel, TransportCursor from, int maxCount, Duration maxWait)
                    throws TransportException, InterruptedException {
                  TransportBatch b = super.poll(channel, from, maxCount, maxWait);
                  List<Delivery> reversed = new ArrayList<>(b.deliveries());
                  Collections.reverse(reversed);
                  return new TransportBatch(reversed, b.rejections(), b.next());
                }
              });
    }
  }

  private static TransportBackend backend(
      SenderKeyResolver keys, UnaryOperator<Transport> breaker) {
    InProcessTransport log = InProcessTransport.create(keys);
    return new TransportBackend() {
      @Override
      public Transport connect() throws Exception {
        return breaker.apply(log.connect());
      }

      @Override
      public void close() {
        log.close();
      }
    };
  }

  /** Passes every call on. */
  private abstract static class Forwarding implements Transport {
    private final Transport delegate;

    Forwarding(Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(TransportEnvelope envelope) throws TransportException, InterruptedException {
      delegate.send(envelope);
    }

    @Override
    public TransportBatch poll(String channel, TransportCursor from, int maxCount, Duration maxWait)
        throws TransportException, InterruptedException {
      return delegate.poll(channel, from, maxCount, maxWait);
    }

    @Override
    public void close() throws TransportException {
      delegate.close();
    }
  }
}
