package io.souverix.attestation.audit;

import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.Guard;
import io.souverix.lifecycle.GuardResult;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Anchors lifecycle events in an {@link AuditLog} and proves that a component's whole event stream
 * is in the log under a signed tree head.
 *
 * <p>{@link #anchor(RecordedEvent)} appends the event's hash (the 32 bytes of {@code
 * RecordedEvent.hash()}, which already chains the whole stream) as one log entry and records the
 * entry's index; anchoring the same event again returns the same anchor. The index is rebuilt from
 * the log's leaf hashes when the trail is created, so a reopened log keeps its anchors. {@link
 * #verifyIncluded(List, PublicKey)} checks every event of a stream with an inclusion proof against
 * the latest signed head, and {@link #completedGuard(PublicKey)} makes that a decommission guard.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class AuditTrail {
  private static final HexFormat HEX = HexFormat.of();

  private final AuditLog log;
  private final Map<ByteBuffer, Long> indexByLeaf = new HashMap<>();

  private AuditTrail(AuditLog log) {
    this.log = log;
  }

  /**
   * Creates a trail over a log, indexing the entries it already holds.
   *
   * @param log the open log; not null
   * @return the trail
   */
  public static AuditTrail create(AuditLog log) {
    AuditTrail t = new AuditTrail(Objects.requireNonNull(log, "log"));
    synchronized (log) {
      long size = log.size();
      for (long i = 0; i < size; i++) {
        t.indexByLeaf.putIfAbsent(ByteBuffer.wrap(log.leafHash(i)), i);
      }
    }
    return t;
  }

  /**
   * Returns the log.
   *
   * @return the log this trail appends to
   */
  public AuditLog log() {
    return log;
  }

  /**
   * Appends an event's hash to the log, unless it is anchored already.
   *
   * @param event the event; not null
   * @return where the event's hash is
   * @throws AuditLogException if the log cannot append ({@code WRITE_FAILED}, {@code
   *     SIGNING_FAILED})
   */
  public synchronized AuditAnchor anchor(RecordedEvent event) throws AuditLogException {
    Objects.requireNonNull(event, "event");
    byte[] hash = HEX.parseHex(event.hash());
    ByteBuffer leaf = ByteBuffer.wrap(MerkleProofs.leafHash(hash));
    Long index = indexByLeaf.get(leaf);
    if (index == null) {
      index = log.append(hash);
      indexByLeaf.put(leaf, index);
    }
    return new AuditAnchor(event.hash(), index);
  }

  /**
   * Anchors events in order (for example a stream's history, or a batch from a subscription).
   *
   * @param events the events; not null
   * @return their anchors, in the same order
   * @throws AuditLogException if the log cannot append; the events before the failing one stay
   *     anchored
   */
  public List<AuditAnchor> anchorAll(List<RecordedEvent> events) throws AuditLogException {
    List<AuditAnchor> anchors = new ArrayList<>(events.size());
    for (RecordedEvent e : events) {
      anchors.add(anchor(e));
    }
    return anchors;
  }

  /**
   * Looks up where an event hash is anchored.
   *
   * @param eventHash the event's hash, lower-case hex; not null
   * @return the anchor, or empty if the log does not hold it
   */
  public synchronized Optional<AuditAnchor> anchorOf(String eventHash) {
    Objects.requireNonNull(eventHash, "eventHash");
    byte[] hash;
    try {
      hash = HEX.parseHex(eventHash);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Long index = indexByLeaf.get(ByteBuffer.wrap(MerkleProofs.leafHash(hash)));
    return index == null ? Optional.empty() : Optional.of(new AuditAnchor(eventHash, index));
  }

  /**
   * Verifies that every event of a stream is in the log under its latest signed tree head: the
   * head's signature with {@code trustedKey}, and an RFC 9162 inclusion proof of each event's
   * stored hash against the head's root. That an event's content matches its hash is the hash
   * chain's check ({@code ChainVerifier}), not this one: events read through upcasters keep their
   * stored hash but not their stored content.
   *
   * @param events the stream's events (for example {@code Lifecycle.history(id)}); not null
   * @param trustedKey the key the head must be signed with; not null
   * @return the head every event is included under
   * @throws AuditLogException {@code HEAD_SIGNATURE_INVALID} if the latest head does not verify,
   *     {@code EVENT_NOT_INCLUDED} if an event's hash is not in the log under that head, {@code
   *     EVENT_INCLUSION_INVALID} if a proof fails; the message names the first such event
   */
  public SignedTreeHead verifyIncluded(List<RecordedEvent> events, PublicKey trustedKey)
      throws AuditLogException {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(trustedKey, "trustedKey");
    SignedTreeHead head = log.latestHead();
    if (!head.verifySignature(trustedKey)) {
      throw AuditLogException.of(
          Code.HEAD_SIGNATURE_INVALID,
          String.format(
              Locale.ROOT,
              "latest tree head (size %d) signature; expected valid under the trusted key, but it"
                  + " does not verify",
              head.size()),
          null);
    }
    for (RecordedEvent e : events) {
      byte[] leaf = MerkleProofs.leafHash(HEX.parseHex(e.hash()));
      Long index;
      synchronized (this) {
        index = indexByLeaf.get(ByteBuffer.wrap(leaf));
      }
      if (index == null || index >= head.size()) {
        throw eventError(
            Code.EVENT_NOT_INCLUDED,
            e,
            String.format(
                Locale.ROOT,
                "anchor; expected an entry under the latest signed tree head (size %d), but got %s",
                head.size(),
                index == null ? "none" : "entry " + index + ", not covered yet"));
      }
      if (!log.proveInclusion(index, head.size()).verify(leaf, head)) {
        throw eventError(
            Code.EVENT_INCLUSION_INVALID,
            e,
            String.format(
                Locale.ROOT,
                "inclusion proof of entry %d; expected it to verify against the root %s, but it"
                    + " does not",
                index,
                head.rootHex()));
      }
    }
    return head;
  }

  private static AuditLogException eventError(Code code, RecordedEvent e, String what) {
    return AuditLogException.of(
        code,
        String.format(
            Locale.ROOT, "event %s #%d (%s) %s", e.streamId(), e.sequence(), e.type(), what),
        null);
  }

  /**
   * Returns the decommission guard "audit trail completed", to register in place of the default
   * {@link Guards#AUDIT_COMPLETED} guard ({@code Guards.defaults().toBuilder().replace(...)}).
   *
   * <p>It passes when the default guard passes (a {@code decommission.audit_completed} recorded in
   * the current state whose {@code head_hash} matches the stream) and {@link #verifyIncluded(List,
   * PublicKey)} holds for the component's whole stream, that audit event included. The guard does
   * not write: anchor the stream and sign a head ({@link AuditLog#signTreeHead()}) before executing
   * {@code COMPLETE_DECOMMISSION}.
   *
   * @param trustedKey the key the log's heads must be signed with; not null
   * @return the guard, with id {@link Guards#AUDIT_COMPLETED}
   */
  public Guard completedGuard(PublicKey trustedKey) {
    Objects.requireNonNull(trustedKey, "trustedKey");
    Guard evidence =
        Guards.defaults()
            .get(Guards.AUDIT_COMPLETED)
            .orElseThrow(() -> new IllegalStateException("no default audit-completed guard"));
    return Guard.of(
        Guards.AUDIT_COMPLETED,
        evidence.description()
            + " Every event of the stream is included, by a verified RFC 9162 inclusion proof,"
            + " under the audit log's latest signed tree head.",
        c -> {
          GuardResult r = evidence.check(c);
          if (!r.passed()) {
            return r;
          }
          try {
            verifyIncluded(c.history(), trustedKey);
            return GuardResult.pass();
          } catch (AuditLogException e) {
            return GuardResult.fail(e.code() + ": " + e.getMessage());
          }
        });
  }
}
