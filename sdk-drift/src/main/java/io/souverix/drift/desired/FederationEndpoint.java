package io.souverix.drift.desired;

import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.GlobalControl;
import io.souverix.drift.federation.SyncResponse;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Rejection;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Global control's side of federation over a {@link Transport}: it polls the {@code
 * federation-request} channel, runs each request through {@link GlobalControl#exchange} and sends
 * the response (or the refusal, with its code) on the {@code federation-response} channel, signed
 * by global control and keyed by the region. A request is accepted only from the region it names
 * (sender, key and request region equal), so a region cannot sync in another's name. The host calls
 * {@link #serve} in a loop (a long poll waits for requests). Thread-safe (one serve at a time).
 *
 * @since 0.1
 */
public final class FederationEndpoint {
  private final Transport transport;
  private final GlobalControl global;
  private final String sender;
  private final Signer signer;
  private final Clock clock;
  private final Map<String, Long> sequences = new HashMap<>();
  private TransportCursor cursor;

  private FederationEndpoint(
      Transport transport,
      GlobalControl global,
      String sender,
      Signer signer,
      Clock clock,
      TransportCursor cursor) {
    this.transport = transport;
    this.global = global;
    this.sender = sender;
    this.signer = signer;
    this.clock = clock;
    this.cursor = cursor;
  }

  /**
   * Creates the endpoint.
   *
   * @param transport the transport; not null
   * @param global global control; not null
   * @param sender global control's sender id; its key must resolve for it
   * @param signer global control's signer; not null
   * @param clock the clock response sequences are taken from; not null
   * @param from the request channel cursor to start from (a previous {@link #cursor()}; from {@link
   *     TransportCursor#beginning()} old requests are answered again, which is harmless)
   * @return the endpoint
   * @since 0.1
   */
  public static FederationEndpoint create(
      Transport transport,
      GlobalControl global,
      String sender,
      Signer signer,
      Clock clock,
      TransportCursor from) {
    return new FederationEndpoint(
        Objects.requireNonNull(transport, "transport"),
        Objects.requireNonNull(global, "global"),
        Objects.requireNonNull(sender, "sender"),
        Objects.requireNonNull(signer, "signer"),
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(from, "from"));
  }

  /**
   * Returns the cursor after the last request served, for the host to keep across restarts.
   *
   * @return the request channel cursor
   * @since 0.1
   */
  public synchronized TransportCursor cursor() {
    return cursor;
  }

  /**
   * Polls the request channel once and answers every request found.
   *
   * @param maxCount the most envelopes to read, 1 to {@link Transport#MAX_POLL}
   * @param maxWait how long to wait for a request when none is there
   * @return what the poll did: the requests answered (as the response sent for each), the rejected
   *     envelopes and the ignored ones
   * @throws DesiredStateException {@code TRANSPORT_FAILED} if the poll or a send failed (the cursor
   *     stays before the request whose answer was not sent), {@code SIGNING_FAILED} likewise
   * @throws InterruptedException if interrupted while waiting
   * @since 0.1
   */
  public synchronized PollOutcome<SyncResponse> serve(int maxCount, Duration maxWait)
      throws DesiredStateException, InterruptedException {
    TransportBatch batch;
    try {
      batch = transport.poll(TransportUpstream.REQUEST_CHANNEL, cursor, maxCount, maxWait);
    } catch (TransportException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.TRANSPORT_FAILED,
          "poll of " + TransportUpstream.REQUEST_CHANNEL + " failed: " + e.getMessage(),
          e);
    }
    List<SyncResponse> answered = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (Delivery d : batch.deliveries()) {
      TransportEnvelope e = d.envelope();
      SyncMessages.Request req;
      try {
        req = SyncMessages.readRequest(e.payload());
      } catch (IllegalArgumentException ex) {
        ignored.add(e + ": sync request; " + ex.getMessage());
        cursor = d.cursor();
        continue;
      }
      String region = e.key();
      byte[] answer;
      SyncResponse response = null;
      if (!e.sender().equals(region) || !req.request().region().equals(region)) {
        answer =
            SyncMessages.refusal(
                region,
                req.id(),
                FederationException.Code.INVALID_REQUEST,
                String.format(
                    Locale.ROOT,
                    "request of %s; expected it sent by the region it names, but got sender %s"
                        + " naming %s",
                    region,
                    e.sender(),
                    req.request().region()));
        ignored.add(e + ": sent by " + e.sender() + " for " + req.request().region());
      } else {
        try {
          response = global.exchange(req.request());
          answer = SyncMessages.response(region, req.id(), response);
        } catch (FederationException ex) {
          answer = SyncMessages.refusal(region, req.id(), ex.code(), ex.getMessage());
        }
      }
      send(region, answer);
      if (response != null) {
        answered.add(response);
      }
      cursor = d.cursor();
    }
    cursor = batch.next();
    List<Rejection> rejections = batch.rejections();
    return new PollOutcome<>(answered, 0, 0, rejections, ignored);
  }

  private void send(String region, byte[] payload)
      throws DesiredStateException, InterruptedException {
    long seq = SyncMessages.next(sequences, region, clock);
    try {
      transport.send(
          TransportEnvelope.sign(
              signer, TransportUpstream.RESPONSE_CHANNEL, region, sender, seq, payload));
    } catch (SignerException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.SIGNING_FAILED,
          "sync response to " + region + "; expected a signature, but got: " + e.getMessage(),
          e);
    } catch (TransportException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.TRANSPORT_FAILED,
          "sync response to " + region + " not sent: " + e.getMessage(),
          e);
    }
  }
}
