package io.souverix.drift.desired;

import io.souverix.drift.autonomy.StateDifference;
import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridClock;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.Delivery;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportBatch;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.spi.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The master of record's side of desired state: it sets fields of each node's desired state and
 * publishes every change as a signed envelope on the {@code desired-state} channel, keyed by the
 * node, with a per-node sequence (1, 2, 3 ...) and a hybrid timestamp from its clock; and it
 * collects the nodes' actual-state reports from the {@code actual-state} channel.
 *
 * <p>The channel is the record: {@link #open} rebuilds the sequences and desired states from the
 * master's own envelopes on it, so a restarted master continues each node's sequence. A change the
 * transport did not acknowledge stays queued and is sent again unchanged (same sequence, same
 * signature) before any later change for any node: a receiver removes the duplicates. Thread-safe.
 *
 * @since 0.1
 */
public final class DesiredStateMaster {
  /** The channel desired changes are published on. */
  public static final String DESIRED_CHANNEL = "desired-state";

  /** The channel nodes report their actual state on. */
  public static final String ACTUAL_CHANNEL = "actual-state";

  private static final int RECOVERY_BATCH = 1_000;

  private final Transport transport;
  private final String sender;
  private final Signer signer;
  private final HybridClock clock;
  private final Map<String, Long> sequences = new HashMap<>();
  private final Map<String, SortedMap<FieldKey, DesiredChange>> states = new HashMap<>();
  private final ArrayDeque<TransportEnvelope> pending = new ArrayDeque<>();
  private final Object reportLock = new Object();
  private final Map<String, ActualStateReport> reports = new HashMap<>();
  private TransportCursor reportCursor = TransportCursor.beginning();

  private DesiredStateMaster(Transport transport, String sender, Signer signer, HybridClock clock) {
    this.transport = transport;
    this.sender = sender;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Opens the master: reads its own envelopes on the {@code desired-state} channel from the
   * beginning to rebuild each node's sequence and desired state, and merges their timestamps into
   * the clock.
   *
   * @param transport the transport; not null
   * @param sender the master's sender id; a transport name whose key {@code signer} holds
   * @param signer the master's signer; not null
   * @param clock the master's hybrid clock; not null
   * @return the master
   * @throws DesiredStateException {@code TRANSPORT_FAILED} if the channel cannot be read, {@code
   *     CLOCK_AHEAD} if the master's own past timestamps are beyond the clock's drift bound (the
   *     physical clock stepped back)
   * @throws InterruptedException if interrupted while reading
   * @since 0.1
   */
  public static DesiredStateMaster open(
      Transport transport, String sender, Signer signer, HybridClock clock)
      throws DesiredStateException, InterruptedException {
    DesiredStateMaster m =
        new DesiredStateMaster(
            Objects.requireNonNull(transport, "transport"),
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(signer, "signer"),
            Objects.requireNonNull(clock, "clock"));
    m.recover();
    return m;
  }

  private void recover() throws DesiredStateException, InterruptedException {
    TransportCursor cursor = TransportCursor.beginning();
    while (true) {
      TransportBatch batch = poll(DESIRED_CHANNEL, cursor, RECOVERY_BATCH, Duration.ZERO);
      if (batch.isEmpty()) {
        return;
      }
      for (Delivery d : batch.deliveries()) {
        TransportEnvelope e = d.envelope();
        if (!e.sender().equals(sender)) {
          continue;
        }
        DesiredChange c = DesiredChange.parse(e.payload());
        if (c.sequence() <= sequences.getOrDefault(c.node(), 0L)) {
          continue;
        }
        try {
          clock.receive(c.stamp());
        } catch (FederationException ex) {
          throw new DesiredStateException(
              DesiredStateException.Code.CLOCK_AHEAD, ex.getMessage(), ex);
        }
        sequences.put(c.node(), c.sequence());
        states.computeIfAbsent(c.node(), n -> new TreeMap<>()).put(c.field(), c);
      }
      cursor = batch.next();
    }
  }

  /**
   * Sets a field of a node's desired state and publishes the change.
   *
   * @param node the node; a transport name
   * @param field the field; not null
   * @param value the value; not null
   * @return the change published
   * @throws DesiredStateException {@code SIGNING_FAILED} (nothing changed), or {@code
   *     TRANSPORT_FAILED}: the change is recorded and queued, and the next {@link #set} or {@link
   *     #flush} sends it again
   * @throws InterruptedException if interrupted while sending (the change stays queued)
   * @since 0.1
   */
  public synchronized DesiredChange set(String node, FieldKey field, String value)
      throws DesiredStateException, InterruptedException {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    long seq = sequences.getOrDefault(node, 0L) + 1;
    DesiredChange change = new DesiredChange(node, seq, field, value, clock.now());
    TransportEnvelope envelope;
    try {
      envelope =
          TransportEnvelope.sign(signer, DESIRED_CHANNEL, node, sender, seq, change.toPayload());
    } catch (SignerException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.SIGNING_FAILED,
          "desired change for " + node + "; expected a signature, but got: " + e.getMessage(),
          e);
    }
    sequences.put(node, seq);
    states.computeIfAbsent(node, n -> new TreeMap<>()).put(field, change);
    pending.add(envelope);
    flush();
    return change;
  }

  /**
   * Sets the desired version of a component on a node.
   *
   * @param node the node
   * @param component the component
   * @param version the version
   * @return the change published
   * @throws DesiredStateException as for {@link #set}
   * @throws InterruptedException as for {@link #set}
   * @since 0.1
   */
  public DesiredChange setComponentVersion(String node, String component, String version)
      throws DesiredStateException, InterruptedException {
    return set(node, FieldKey.componentVersion(component), version);
  }

  /**
   * Sets a configuration object of a node; the value published is its canonical JSON (RFC 8785).
   *
   * @param node the node
   * @param object the config object's name
   * @param json the object's JSON text
   * @return the change published
   * @throws DesiredStateException {@code MALFORMED} if {@code json} is not a JSON object; else as
   *     for {@link #set}
   * @throws InterruptedException as for {@link #set}
   * @since 0.1
   */
  public DesiredChange setConfig(String node, String object, String json)
      throws DesiredStateException, InterruptedException {
    Objects.requireNonNull(json, "json");
    String canonical;
    try {
      var tree = Json.MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new IOException("not a JSON object");
      }
      canonical = CanonicalJson.write(tree);
    } catch (IOException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.MALFORMED,
          "config object " + object + "; expected a JSON object, but got: " + e.getMessage(),
          e);
    }
    return set(node, FieldKey.configObject(object), canonical);
  }

  /**
   * Sets the version of a policy set on a node.
   *
   * @param node the node
   * @param policy the policy name
   * @param version the policy version
   * @return the change published
   * @throws DesiredStateException as for {@link #set}
   * @throws InterruptedException as for {@link #set}
   * @since 0.1
   */
  public DesiredChange setPolicyVersion(String node, String policy, String version)
      throws DesiredStateException, InterruptedException {
    return set(node, FieldKey.policyVersion(policy), version);
  }

  /**
   * Sends the changes the transport has not acknowledged yet, oldest first.
   *
   * @return how many were sent
   * @throws DesiredStateException {@code TRANSPORT_FAILED}; the rest stay queued
   * @throws InterruptedException if interrupted while sending
   * @since 0.1
   */
  public synchronized int flush() throws DesiredStateException, InterruptedException {
    int sent = 0;
    while (!pending.isEmpty()) {
      TransportEnvelope e = pending.peek();
      try {
        transport.send(e);
      } catch (TransportException ex) {
        throw new DesiredStateException(
            DesiredStateException.Code.TRANSPORT_FAILED,
            String.format(
                Locale.ROOT,
                "%s; expected the transport to accept it, but got %s (%d change(s) queued; flush()"
                    + " sends them again)",
                e,
                ex.getMessage(),
                pending.size()),
            ex);
      }
      pending.poll();
      sent++;
    }
    return sent;
  }

  /**
   * Returns how many changes wait for the transport to acknowledge them.
   *
   * @return the queue's length
   * @since 0.1
   */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /**
   * Returns a node's desired state.
   *
   * @param node the node; not null
   * @return the value per field; empty for a node never set
   * @since 0.1
   */
  public synchronized SortedMap<FieldKey, String> desired(String node) {
    SortedMap<FieldKey, String> m = new TreeMap<>();
    states
        .getOrDefault(Objects.requireNonNull(node, "node"), Collections.emptySortedMap())
        .forEach((k, v) -> m.put(k, v.value()));
    return Collections.unmodifiableSortedMap(m);
  }

  /**
   * Returns the last sequence published for a node.
   *
   * @param node the node; not null
   * @return the sequence; 0 for a node never set
   * @since 0.1
   */
  public synchronized long sequence(String node) {
    return sequences.getOrDefault(Objects.requireNonNull(node, "node"), 0L);
  }

  /**
   * Polls the {@code actual-state} channel once and records each node's latest report. A report is
   * accepted only from the node it is about (the envelope's sender and key equal the report's
   * node); an older or repeated report is a duplicate.
   *
   * @param maxCount the most envelopes to read, 1 to {@link Transport#MAX_POLL}
   * @param maxWait how long to wait when nothing is there; zero to return at once
   * @return what the poll did
   * @throws DesiredStateException {@code TRANSPORT_FAILED} if the poll failed
   * @throws InterruptedException if interrupted while waiting
   * @since 0.1
   */
  public PollOutcome<ActualStateReport> collectReports(int maxCount, Duration maxWait)
      throws DesiredStateException, InterruptedException {
    synchronized (reportLock) {
      TransportBatch batch = poll(ACTUAL_CHANNEL, reportCursor, maxCount, maxWait);
      List<ActualStateReport> accepted = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      int duplicates = 0;
      int gaps = 0;
      for (Delivery d : batch.deliveries()) {
        TransportEnvelope e = d.envelope();
        ActualStateReport r;
        try {
          r = ActualStateReport.parse(e.payload());
        } catch (DesiredStateException ex) {
          ignored.add(e + ": " + ex.getMessage());
          continue;
        }
        if (!e.sender().equals(e.key())
            || !r.node().equals(e.key())
            || r.sequence() != e.sequence()) {
          ignored.add(
              String.format(
                  Locale.ROOT,
                  "%s; expected a report by node %s about itself with sequence %d, but got one"
                      + " about %s with sequence %d",
                  e,
                  e.key(),
                  e.sequence(),
                  r.node(),
                  r.sequence()));
          continue;
        }
        ActualStateReport last = reports.get(r.node());
        if (last != null && r.sequence() <= last.sequence()) {
          duplicates++;
          continue;
        }
        if (r.sequence() > (last == null ? 0 : last.sequence()) + 1) {
          gaps++;
        }
        reports.put(r.node(), r);
        accepted.add(r);
      }
      reportCursor = batch.next();
      return new PollOutcome<>(accepted, duplicates, gaps, batch.rejections(), ignored);
    }
  }

  /**
   * Returns a node's latest actual-state report.
   *
   * @param node the node; not null
   * @return the report, or empty if none was collected
   * @since 0.1
   */
  public Optional<ActualStateReport> actual(String node) {
    synchronized (reportLock) {
      return Optional.ofNullable(reports.get(Objects.requireNonNull(node, "node")));
    }
  }

  /**
   * Compares a node's desired state with its latest report, field by field.
   *
   * @param node the node; not null
   * @return the fields that differ, sorted by field (a field missing on one side has a null there);
   *     every desired field if the node never reported
   * @since 0.1
   */
  public List<StateDifference> differences(String node) {
    SortedMap<FieldKey, String> desired = desired(node);
    SortedMap<FieldKey, String> actual =
        actual(node).map(ActualStateReport::fields).orElse(Collections.emptySortedMap());
    TreeSet<FieldKey> fields = new TreeSet<>(desired.keySet());
    fields.addAll(actual.keySet());
    List<StateDifference> out = new ArrayList<>();
    for (FieldKey f : fields) {
      String want = desired.get(f);
      String have = actual.get(f);
      if (!Objects.equals(want, have)) {
        out.add(new StateDifference(f, want, have));
      }
    }
    return out;
  }

  private TransportBatch poll(String channel, TransportCursor from, int max, Duration wait)
      throws DesiredStateException, InterruptedException {
    try {
      return transport.poll(channel, from, max, wait);
    } catch (TransportException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.TRANSPORT_FAILED,
          "poll of " + channel + " failed: " + e.getMessage(),
          e);
    }
  }
}
