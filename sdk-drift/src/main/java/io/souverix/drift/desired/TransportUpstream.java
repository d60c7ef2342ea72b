package io.souverix.drift.desired;

import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.SyncRequest;
import io.souverix.drift.federation.SyncResponse;
import io.souverix.drift.federation.Upstream;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A regional master's {@link Upstream} over a {@link Transport}: each {@link #exchange} sends the
 * request as an envelope signed by the region (sender and key: the region id) on the {@code
 * federation-request} channel, then polls the {@code federation-response} channel for global
 * control's answer to that request (a {@link FederationEndpoint} serves it). Responses to earlier
 * requests (answered after they timed out) are skipped: federation merges are idempotent, so a
 * request answered twice or a lost reply only costs a resend.
 *
 * <p>No response within the wait, or a transport failure, is {@code UNREACHABLE}, which a {@link
 * io.souverix.drift.federation.SyncScheduler} treats as a broken link; global control's refusal
 * comes back with its own code. Thread-safe (one exchange at a time).
 *
 * @since 0.1
 */
public final class TransportUpstream implements Upstream {
  /** The channel regions send their requests on. */
  public static final String REQUEST_CHANNEL = "federation-request";

  /** The channel global control answers on. */
  public static final String RESPONSE_CHANNEL = "federation-response";

  private static final int BATCH = 100;

  private final Transport transport;
  private final String region;
  private final String global;
  private final Signer signer;
  private final Clock clock;
  private final Duration maxWait;
  private final Map<String, Long> sequences = new HashMap<>();
  private TransportCursor cursor;

  private TransportUpstream(
      Transport transport,
      String region,
      String global,
      Signer signer,
      Clock clock,
      Duration maxWait,
      TransportCursor cursor) {
    this.transport = transport;
    this.region = region;
    this.global = global;
    this.signer = signer;
    this.clock = clock;
    this.maxWait = maxWait;
    this.cursor = cursor;
  }

  /**
   * Creates the region's upstream.
   *
   * @param transport the transport to global control; not null
   * @param region the region id: the requests' sender and key; its key must resolve for it
   * @param global global control's sender id; responses from any other sender are skipped
   * @param signer the region's signer; not null
   * @param clock the clock request ids are taken from (they are at least its millis, so a restarted
   *     region never reuses one); not null
   * @param maxWait how long one exchange waits for each poll of the response channel; not negative
   * @param from the response channel cursor to start from (a previous {@link #cursor()}, or {@link
   *     TransportCursor#beginning()}: earlier responses are read and skipped); not null
   * @return the upstream
   * @throws IllegalArgumentException if {@code maxWait} is negative
   * @since 0.1
   */
  public static TransportUpstream create(
      Transport transport,
      String region,
      String global,
      Signer signer,
      Clock clock,
      Duration maxWait,
      TransportCursor from) {
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait; expected >= 0, but got " + maxWait);
    }
    return new TransportUpstream(
        Objects.requireNonNull(transport, "transport"),
        Objects.requireNonNull(region, "region"),
        Objects.requireNonNull(global, "global"),
        Objects.requireNonNull(signer, "signer"),
        Objects.requireNonNull(clock, "clock"),
        maxWait,
        Objects.requireNonNull(from, "from"));
  }

  /**
   * Returns the cursor after the last response read, for the host to keep across restarts.
   *
   * @return the response channel cursor
   * @since 0.1
   */
  public synchronized TransportCursor cursor() {
    return cursor;
  }

  /**
   * Sends the request and waits for global control's response to it.
   *
   * @param request the request; its region must be this upstream's
   * @return global control's response
   * @throws FederationException {@code UNREACHABLE} if the transport failed, signing failed or no
   *     response came within the wait (the request may still be applied: resending is harmless);
   *     {@code INVALID_REQUEST} for another region's request; or global control's refusal ({@code
   *     CLOCK_AHEAD}, {@code AUTHORITY_MISMATCH}, {@code INVALID_REQUEST}), which applied nothing
   */
  @Override
  public synchronized SyncResponse exchange(SyncRequest request) throws FederationException {
    Objects.requireNonNull(request, "request");
    if (!request.region().equals(region)) {
      throw new FederationException(
          FederationException.Code.INVALID_REQUEST,
          String.format(
              Locale.ROOT, "request region; expected %s, but got %s", region, request.region()));
    }
    long id = SyncMessages.next(sequences, region, clock);
    try {
      transport.send(
          TransportEnvelope.sign(
              signer, REQUEST_CHANNEL, region, region, id, SyncMessages.request(id, request)));
      while (true) {
        TransportBatch batch = transport.poll(RESPONSE_CHANNEL, cursor, BATCH, maxWait);
        if (batch.isEmpty()) {
          throw unreachable(
              String.format(
                  Locale.ROOT, "a response to request %d within %s, but got none", id, maxWait),
              null);
        }
        for (Delivery d : batch.deliveries()) {
          cursor = d.cursor();
          TransportEnvelope e = d.envelope();
          if (!e.key().equals(region) || !e.sender().equals(global)) {
            continue;
          }
          SyncMessages.Response r;
          try {
            r = SyncMessages.readResponse(e.payload());
          } catch (IllegalArgumentException ex) {
            continue;
          }
          if (r.request() != id || !r.region().equals(region)) {
            continue;
          }
          if (r.response() == null) {
            throw new FederationException(
                Objects.requireNonNull(r.code(), "code"), "upstream refused: " + r.message());
          }
          return r.response();
        }
        cursor = batch.next();
      }
    } catch (TransportException e) {
      throw unreachable("the transport to work, but got: " + e.getMessage(), e);
    } catch (SignerException e) {
      throw unreachable("a signed request, but got: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable("a response, but got interrupted", e);
    }
  }

  private FederationException unreachable(String detail, @Nullable Exception cause) {
    FederationException f =
        new FederationException(
            FederationException.Code.UNREACHABLE, "upstream of " + region + "; expected " + detail);
    if (cause != null) {
      f.initCause(cause);
    }
    return f;
  }
}
