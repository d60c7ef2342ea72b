package io.souverix.drift.desired;

import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.HybridClock;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A node's side of desired state: it polls the {@code desired-state} channel from the cursor it
 * persisted, applies the changes of its master of record for this node in order through the host's
 * {@link ChangeHandler}, saves a {@link NodeCheckpoint} after each, and reports its actual state on
 * the {@code actual-state} channel.
 *
 * <p>Applying is idempotent: a change whose sequence is at or below the last applied one, or whose
 * hybrid timestamp is not after the one of the value the node holds for the field, is a duplicate
 * and skipped. So a node that stops polling for any time and resumes from its checkpoint ends with
 * exactly the master's desired state, and a redelivered envelope changes nothing. Envelopes the
 * transport rejects are reported, never applied; verified envelopes from another sender than the
 * master of record are ignored. Thread-safe; one poll runs at a time.
 *
 * @since 0.1
 */
public final class DesiredStateNode {
  private final Transport transport;
  private final String node;
  private final String master;
  private final Signer signer;
  private final DesiredStateStore store;
  private final ChangeHandler handler;
  private final HybridClock clock;
  private NodeCheckpoint checkpoint;

  private DesiredStateNode(Builder b, NodeCheckpoint checkpoint) {
    this.transport = Objects.requireNonNull(b.transport, "transport");
    this.node = Objects.requireNonNull(b.node, "node");
    this.master = Objects.requireNonNull(b.master, "masterOfRecord");
    this.signer = Objects.requireNonNull(b.signer, "signer");
    this.store = Objects.requireNonNull(b.store, "store");
    this.handler = Objects.requireNonNull(b.handler, "handler");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.checkpoint = checkpoint;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with nothing set
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DesiredStateNode}; every setter is required. */
  public static final class Builder {
    private @Nullable Transport transport;
    private @Nullable String node;
    private @Nullable String master;
    private @Nullable Signer signer;
    private @Nullable DesiredStateStore store;
    private @Nullable ChangeHandler handler;
    private @Nullable HybridClock clock;

    private Builder() {}

    /**
     * Sets the transport to the master.
     *
     * @param transport the transport; not null
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /**
     * Sets the node's id: the key of its desired changes and the sender of its reports.
     *
     * @param node the id; a transport name
     * @return this builder
     */
    public Builder node(String node) {
      this.node = node;
      return this;
    }

    /**
     * Sets the sender id of the master of record; changes from any other sender are ignored.
     *
     * @param master the master's sender id
     * @return this builder
     */
    public Builder masterOfRecord(String master) {
      this.master = master;
      return this;
    }

    /**
     * Sets the node's signer, for its reports.
     *
     * @param signer the signer; its key must resolve for the node's id
     * @return this builder
     */
    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /**
     * Sets where the node keeps its checkpoint.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(DesiredStateStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets what applies a change on the node.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder handler(ChangeHandler handler) {
      this.handler = handler;
      return this;
    }

    /**
     * Sets the node's hybrid clock, which stamps its reports.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(HybridClock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Loads the node's checkpoint from the store and returns the node.
     *
     * @return the node, at its last checkpoint (or the beginning)
     * @throws DesiredStateException with {@code STORE_FAILED} if the store cannot be read
     * @throws NullPointerException if a setting is missing
     */
    public DesiredStateNode build() throws DesiredStateException {
      Objects.requireNonNull(store, "store");
      NodeCheckpoint loaded;
      try {
        loaded = store.load().orElse(NodeCheckpoint.initial());
      } catch (IOException e) {
        throw new DesiredStateException(
            DesiredStateException.Code.STORE_FAILED,
            "node checkpoint; expected it to load, but got: " + e.getMessage(),
            e);
      }
      return new DesiredStateNode(this, loaded);
    }
  }

  /**
   * Returns the node's id.
   *
   * @return the id
   * @since 0.1
   */
  public String node() {
    return node;
  }

  /**
   * Returns the desired state the node has applied.
   *
   * @return the value per field
   * @since 0.1
   */
  public synchronized SortedMap<FieldKey, String> desired() {
    return checkpoint.desired();
  }

  /**
   * Returns the node's last saved checkpoint.
   *
   * @return the checkpoint
   * @since 0.1
   */
  public synchronized NodeCheckpoint checkpoint() {
    return checkpoint;
  }

  /**
   * Polls the {@code desired-state} channel once from the node's cursor and applies what it brings,
   * saving the checkpoint after each applied change and at the end.
   *
   * @param maxCount the most envelopes to read, 1 to {@link Transport#MAX_POLL}
   * @param maxWait how long to wait when nothing is there; zero to return at once
   * @return what the poll did
   * @throws DesiredStateException {@code TRANSPORT_FAILED} if the poll failed (nothing changed),
   *     {@code APPLY_FAILED} if the handler failed (the checkpoint stays before that change),
   *     {@code STORE_FAILED} if a checkpoint could not be saved (the node stays at the last saved
   *     one)
   * @throws InterruptedException if interrupted while waiting
   * @since 0.1
   */
  public synchronized PollOutcome<DesiredChange> poll(int maxCount, Duration maxWait)
      throws DesiredStateException, InterruptedException {
    TransportBatch batch;
    try {
      batch =
          transport.poll(
              DesiredStateMaster.DESIRED_CHANNEL,
              TransportCursor.of(checkpoint.cursor()),
              maxCount,
              maxWait);
    } catch (TransportException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.TRANSPORT_FAILED,
          "poll of " + DesiredStateMaster.DESIRED_CHANNEL + " failed: " + e.getMessage(),
          e);
    }
    List<DesiredChange> applied = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    int duplicates = 0;
    int gaps = 0;
    String cursor = checkpoint.cursor();
    long sequence = checkpoint.appliedSequence();
    TreeMap<FieldKey, DesiredChange> state = new TreeMap<>(checkpoint.applied());
    for (Delivery d : batch.deliveries()) {
      TransportEnvelope e = d.envelope();
      String after = d.cursor().value();
      if (!e.key().equals(node)) {
        cursor = after;
        continue;
      }
      if (!e.sender().equals(master)) {
        ignored.add(
            String.format(
                Locale.ROOT,
                "%s; expected sender %s (master of record), but got %s",
                e,
                master,
                e.sender()));
        cursor = after;
        continue;
      }
      DesiredChange change;
      try {
        change = DesiredChange.parse(e.payload());
        if (!change.node().equals(node) || change.sequence() != e.sequence()) {
          throw new DesiredStateException(
              DesiredStateException.Code.MALFORMED,
              String.format(
                  Locale.ROOT,
                  "desired change; expected node %s and sequence %d, but got %s and %d",
                  node,
                  e.sequence(),
                  change.node(),
                  change.sequence()),
              null);
        }
      } catch (DesiredStateException ex) {
        ignored.add(e + ": " + ex.getMessage());
        cursor = after;
        continue;
      }
      DesiredChange held = state.get(change.field());
      if (change.sequence() <= sequence
          || (held != null && !change.stamp().isAfter(held.stamp()))) {
        duplicates++;
        sequence = Math.max(sequence, change.sequence());
        cursor = after;
        continue;
      }
      if (change.sequence() > sequence + 1) {
        gaps++;
      }
      try {
        handler.apply(change);
      } catch (Exception ex) {
        if (ex instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        save(new NodeCheckpoint(cursor, sequence, checkpoint.reportSequence(), state));
        throw new DesiredStateException(
            DesiredStateException.Code.APPLY_FAILED,
            String.format(
                Locale.ROOT,
                "change %d of %s (%s = %s); expected it to apply, but got: %s",
                change.sequence(),
                node,
                change.field(),
                change.value(),
                ex),
            ex);
      }
      state.put(change.field(), change);
      sequence = change.sequence();
      cursor = after;
      save(new NodeCheckpoint(cursor, sequence, checkpoint.reportSequence(), state));
      applied.add(change);
    }
    cursor = batch.next().value();
    if (!cursor.equals(checkpoint.cursor()) || sequence != checkpoint.appliedSequence()) {
      save(new NodeCheckpoint(cursor, sequence, checkpoint.reportSequence(), state));
    }
    return new PollOutcome<>(applied, duplicates, gaps, batch.rejections(), ignored);
  }

  /**
   * Reports the node's actual state to the master on the {@code actual-state} channel, signed by
   * the node, keyed by its id, with the next report sequence (saved before sending, so a sequence
   * is never reused).
   *
   * @param actual the actual value of each field the node reports; not null
   * @return the report sent
   * @throws DesiredStateException {@code SIGNING_FAILED}, {@code STORE_FAILED} or {@code
   *     TRANSPORT_FAILED} (report again: the next report supersedes this one)
   * @throws InterruptedException if interrupted while sending
   * @since 0.1
   */
  public synchronized ActualStateReport report(Map<FieldKey, String> actual)
      throws DesiredStateException, InterruptedException {
    Objects.requireNonNull(actual, "actual");
    long seq = checkpoint.reportSequence() + 1;
    ActualStateReport report =
        new ActualStateReport(
            node, seq, clock.now(), checkpoint.appliedSequence(), new TreeMap<>(actual));
    TransportEnvelope envelope;
    try {
      envelope =
          TransportEnvelope.sign(
              signer, DesiredStateMaster.ACTUAL_CHANNEL, node, node, seq, report.toPayload());
    } catch (SignerException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.SIGNING_FAILED,
          "actual-state report of " + node + "; expected a signature, but got: " + e.getMessage(),
          e);
    }
    save(
        new NodeCheckpoint(
            checkpoint.cursor(), checkpoint.appliedSequence(), seq, checkpoint.applied()));
    try {
      transport.send(envelope);
    } catch (TransportException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.TRANSPORT_FAILED,
          "actual-state report of " + node + " not sent: " + e.getMessage(),
          e);
    }
    return report;
  }

  private void save(NodeCheckpoint next) throws DesiredStateException {
    try {
      store.save(next);
    } catch (IOException e) {
      throw new DesiredStateException(
          DesiredStateException.Code.STORE_FAILED,
          "node checkpoint of " + node + "; expected it to save, but got: " + e.getMessage(),
          e);
    }
    checkpoint = next;
  }
}
