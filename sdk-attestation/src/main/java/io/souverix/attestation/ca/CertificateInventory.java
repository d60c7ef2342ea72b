package io.souverix.attestation.ca;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The certificate state of the fleet, built only from {@code certificate.issued}, {@code
 * certificate.revoked} and {@code certificate.crl_published} events: every certificate with its
 * validity, rotation and revocation, per node, and the latest CRL number of every issuer. It
 * answers the rotation-due and expiry-forecast queries.
 *
 * <p>State is keyed by certificate (issuer and serial), and a certificate's events are all in one
 * stream, so partitions merge exactly. Reads are thread-safe; {@link #apply} is called from one
 * thread at a time, as {@link io.souverix.lifecycle.projection.ProjectionRunner} does.
 *
 * @since 0.1
 */
public final class CertificateInventory implements Projection<CertificateInventory.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "certificates";

  private final ConcurrentHashMap<String, CertificateRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<String>> byNode = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CrlState> crls = new ConcurrentHashMap<>();

  private CertificateInventory() {}

  /**
   * Creates an empty inventory.
   *
   * @return a new projection
   */
  public static CertificateInventory create() {
    return new CertificateInventory();
  }

  /** The latest CRL of an issuer. */
  record CrlState(long number, Instant thisUpdate, Instant nextUpdate, String streamId) {}

  /**
   * An immutable snapshot of the inventory.
   *
   * @since 0.1
   */
  public static final class Snapshot {
    private final Map<String, CertificateRecord> records;
    private final Map<String, CrlState> crls;

    private Snapshot(Map<String, CertificateRecord> records, Map<String, CrlState> crls) {
      this.records = Collections.unmodifiableMap(new HashMap<>(records));
      this.crls = Collections.unmodifiableMap(new HashMap<>(crls));
    }

    /**
     * @return how many certificates the snapshot holds
     */
    public int size() {
      return records.size();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && s.records.equals(records) && s.crls.equals(crls);
    }

    @Override
    public int hashCode() {
      return records.hashCode() * 31 + crls.hashCode();
    }

    @Override
    public String toString() {
      return "CertificateInventory.Snapshot[" + records.size() + " certificates]";
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(RecordedEvent event) {
    String type = event.type();
    if (type.equals(EventType.CERTIFICATE_ISSUED.name())) {
      issued(event);
    } else if (type.equals(EventType.CERTIFICATE_REVOKED.name())) {
      revoked(event);
    } else if (type.equals(EventType.CERTIFICATE_CRL_PUBLISHED.name())) {
      Payload p = event.payload();
      String issuer = p.text("issuer").orElse("");
      long number = p.number("crl_number").orElse(0L);
      Instant thisUpdate = instant(p.text("this_update").orElse(null));
      Instant nextUpdate = instant(p.text("next_update").orElse(null));
      CrlState before = crls.get(issuer);
      if (thisUpdate != null
          && nextUpdate != null
          && (before == null || number > before.number())) {
        crls.put(issuer, new CrlState(number, thisUpdate, nextUpdate, event.streamId()));
      }
    }
  }

  private void issued(RecordedEvent e) {
    Payload p = e.payload();
    String serial = p.text("serial").orElse(null);
    String issuer = p.text("issuer").orElse(null);
    Instant notBefore = instant(p.text("not_before").orElse(null));
    Instant notAfter = instant(p.text("not_after").orElse(null));
    CertificateProfile profile;
    try {
      profile = CertificateProfile.fromEventName(p.text("profile").orElse(""));
    } catch (IllegalArgumentException ex) {
      return; // not written by this SDK's schema; nothing to fold
    }
    if (serial == null || issuer == null || notBefore == null || notAfter == null) {
      return;
    }
    String nodeId = p.text("node_id").orElse(null);
    String replaces = p.text("replaces").orElse(null);
    CertificateRecord r =
        new CertificateRecord(
            serial,
            issuer,
            profile,
            p.text("subject").orElse(""),
            e.streamId(),
            nodeId,
            e.region(),
            notBefore,
            notAfter,
            e.sequence(),
            replaces,
            null,
            null,
            null);
    String key = key(issuer, serial);
    if (records.putIfAbsent(key, r) != null) {
      return; // a redelivered event
    }
    if (nodeId != null) {
      byNode.compute(
          nodeId,
          (k, v) -> {
            List<String> out = new ArrayList<>(v == null ? List.of() : v);
            out.add(key);
            return List.copyOf(out);
          });
    }
    if (replaces != null) {
      records.computeIfPresent(key(issuer, replaces), (k, old) -> old.withReplacedBy(serial));
    }
  }

  private void revoked(RecordedEvent e) {
    Payload p = e.payload();
    String serial = p.text("serial").orElse("");
    String issuer = p.text("issuer").orElse("");
    Instant at = instant(p.text("revoked_at").orElse(null));
    RevocationReason reason;
    try {
      reason = RevocationReason.fromRfcName(p.text("reason").orElse(""));
    } catch (IllegalArgumentException ex) {
      return;
    }
    if (at == null) {
      return;
    }
    records.computeIfPresent(
        key(issuer, serial), (k, old) -> old.isRevoked() ? old : old.withRevocation(reason, at));
  }

  static String key(String issuer, String serial) {
    return issuer + '\n' + serial;
  }

  static @Nullable Instant instant(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- queries

  /**
   * Returns a certificate by serial number.
   *
   * @param serial the serial, lower-case hex without leading zeros (other spellings such as {@code
   *     "0A:1B"} are normalised)
   * @return the certificate, or empty if none is known (if several issuers used the serial, any)
   */
  public Optional<CertificateRecord> certificate(String serial) {
    String s = Serials.normalize(serial);
    return records.values().stream().filter(r -> r.serial().equals(s)).findFirst();
  }

  /**
   * Returns a certificate by issuer and serial number.
   *
   * @param issuer the issuer distinguished name (RFC 4514, as in the events)
   * @param serial the serial number
   * @return the certificate, or empty
   */
  public Optional<CertificateRecord> certificate(String issuer, String serial) {
    return Optional.ofNullable(records.get(key(issuer, Serials.normalize(serial))));
  }

  /**
   * Returns a node's certificates.
   *
   * @param nodeId the node id
   * @return the node's certificates; empty if none was issued to it
   */
  public NodeCertificates node(String nodeId) {
    List<String> keys = byNode.getOrDefault(Objects.requireNonNull(nodeId, "nodeId"), List.of());
    List<CertificateRecord> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      CertificateRecord r = records.get(k);
      if (r != null) {
        out.add(r);
      }
    }
    return new NodeCertificates(nodeId, out);
  }

  /**
   * Returns every certificate, in no particular order.
   *
   * @return an unmodifiable list
   */
  public List<CertificateRecord> certificates() {
    return List.copyOf(records.values());
  }

  /**
   * Returns the certificates due for rotation: active at {@code now} (valid, not revoked, not
   * replaced) and ending at or before {@code now + window}.
   *
   * @param now the current time
   * @param window how far ahead of expiry a certificate is due; not negative
   * @return the certificates, soonest expiry first
   * @throws IllegalArgumentException if the window is negative
   */
  public List<CertificateRecord> dueForRotation(Instant now, Duration window) {
    Instant limit = now.plus(nonNegative(window, "window"));
    return records.values().stream()
        .filter(r -> r.status(now) == CertificateRecord.Status.ACTIVE)
        .filter(r -> !r.notAfter().isAfter(limit))
        .sorted(
            Comparator.comparing(CertificateRecord::notAfter)
                .thenComparing(CertificateRecord::serial))
        .toList();
  }

  /**
   * Forecasts expiries: the certificates, neither revoked nor replaced, whose end of validity is
   * after {@code now} and at or before {@code now + horizon}, grouped per region.
   *
   * @param now the current time
   * @param horizon how far ahead to look, for example 30 days; not negative
   * @return the forecast
   * @throws IllegalArgumentException if the horizon is negative
   */
  public ExpiryForecast expiryForecast(Instant now, Duration horizon) {
    Instant until = now.plus(nonNegative(horizon, "horizon"));
    List<CertificateRecord> expiring =
        records.values().stream()
            .filter(r -> !r.isRevoked() && r.replacedBy() == null)
            .filter(r -> r.notAfter().isAfter(now) && !r.notAfter().isAfter(until))
            .toList();
    return ExpiryForecast.of(now, until, expiring);
  }

  /**
   * Returns the number of the latest CRL an issuer published.
   *
   * @param issuer the issuer distinguished name (RFC 4514)
   * @return the cRLNumber, or 0 if the issuer published none
   */
  public long lastCrlNumber(String issuer) {
    CrlState s = crls.get(Objects.requireNonNull(issuer, "issuer"));
    return s == null ? 0 : s.number();
  }

  private static Duration nonNegative(Duration d, String what) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected a duration >= 0, but got %s", what, d));
    }
    return d;
  }

  // ---------------------------------------------------------------- snapshots

  @Override
  public Snapshot snapshot() {
    return new Snapshot(records, crls);
  }

  @Override
  public void restore(@Nullable Snapshot snapshot) {
    records.clear();
    byNode.clear();
    crls.clear();
    if (snapshot == null) {
      return;
    }
    crls.putAll(snapshot.crls);
    List<CertificateRecord> ordered = new ArrayList<>(snapshot.records.values());
    // Index each node's certificates oldest first, as apply does.
    ordered.sort(
        Comparator.comparing(CertificateRecord::streamId)
            .thenComparingLong(CertificateRecord::issuedSequence));
    for (CertificateRecord r : ordered) {
      String key = key(r.issuer(), r.serial());
      records.put(key, r);
      if (r.nodeId() != null) {
        byNode.compute(
            r.nodeId(),
            (k, v) -> {
              List<String> out = new ArrayList<>(v == null ? List.of() : v);
              out.add(key);
              return List.copyOf(out);
            });
      }
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Map<String, CertificateRecord> all = new HashMap<>();
    Map<String, CrlState> latest = new HashMap<>();
    for (Snapshot s : partials) {
      all.putAll(s.records);
      s.crls.forEach((k, v) -> latest.merge(k, v, (a, b) -> a.number() >= b.number() ? a : b));
    }
    return new Snapshot(all, latest);
  }
}
