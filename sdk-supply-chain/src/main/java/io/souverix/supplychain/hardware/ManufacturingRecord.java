package io.souverix.supplychain.hardware;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.spi.Signer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A node's manufacturing metadata: origin, batch, date and the quality-control signature, the
 * payload of {@code node.manufacturing_origin_recorded}. The QC signature is a {@link
 * DetachedSignature} over the RFC 8785 canonical JSON of the record without {@code qc_signature}.
 *
 * @since 0.1
 */
public final class ManufacturingRecord {
  private static final Pattern BATCH = Pattern.compile("\\S{1,200}");

  private final String origin;
  private final String batchId;
  private final LocalDate date;
  private final @Nullable String qcSignature;

  private ManufacturingRecord(
      String origin, String batchId, LocalDate date, @Nullable String qcSignature) {
    this.origin = origin;
    this.batchId = batchId;
    this.date = date;
    this.qcSignature = qcSignature;
  }

  /**
   * Creates an unsigned record.
   *
   * @param origin the manufacturing site or contract manufacturer, 1 to 200 characters; not null
   * @param batchId the batch, 1 to 200 characters without white space; not null
   * @param date the day of manufacture; not null
   * @return the record
   * @throws IllegalArgumentException if a field is out of bounds
   * @since 0.1
   */
  public static ManufacturingRecord of(String origin, String batchId, LocalDate date) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(date, "date");
    if (origin.isEmpty() || origin.length() > 200) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "origin; expected 1 to 200 characters, but got %d", origin.length()));
    }
    if (!BATCH.matcher(batchId).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "batch_id; expected 1 to 200 characters without white space, but got '%s'",
              batchId));
    }
    return new ManufacturingRecord(origin, batchId, date, null);
  }

  /**
   * Reads a record from a {@code node.manufacturing_origin_recorded} payload.
   *
   * @param payload the payload; not null
   * @return the record
   * @throws HardwareException {@code RECORD_MALFORMED} if a field is missing or malformed
   * @since 0.1
   */
  public static ManufacturingRecord fromPayload(Payload payload) throws HardwareException {
    Objects.requireNonNull(payload, "payload");
    try {
      ManufacturingRecord r =
          of(
              payload.requireText("origin"),
              payload.requireText("batch_id"),
              LocalDate.parse(payload.requireText("date")));
      Optional<String> sig = payload.text("qc_signature");
      return sig.isPresent() ? r.withSignature(sig.get()) : r;
    } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
      throw new HardwareException(
          HardwareException.Code.RECORD_MALFORMED,
          "manufacturing record; expected origin, batch_id and date (YYYY-MM-DD), but got: "
              + e.getMessage(),
          null,
          e);
    }
  }

  private ManufacturingRecord withSignature(String signature) {
    return new ManufacturingRecord(origin, batchId, date, signature);
  }

  /**
   * Signs the record with a factory key.
   *
   * @param factoryKey the factory's signing key; not null
   * @param factoryChain the factory certificate first, then intermediates up to (not necessarily
   *     including) the manufacturer root; not null or empty
   * @return a copy with {@code qc_signature} set
   * @throws HardwareException {@code SIGNING_FAILED} if the signer fails
   * @throws IllegalArgumentException if the chain does not start with the signer's certificate
   * @since 0.1
   */
  public ManufacturingRecord sign(Signer factoryKey, List<X509Certificate> factoryChain)
      throws HardwareException {
    return withSignature(
        DetachedSignature.create(signedBytes(), factoryKey, factoryChain).encoded());
  }

  /**
   * Returns the bytes the QC signature covers: the canonical JSON without {@code qc_signature}.
   *
   * @return UTF-8 bytes of the RFC 8785 canonical JSON
   * @since 0.1
   */
  public byte[] signedBytes() {
    return unsigned().json().getBytes(StandardCharsets.UTF_8);
  }

  private Payload unsigned() {
    return Payload.of("origin", origin, "batch_id", batchId, "date", date.toString());
  }

  /**
   * Returns the event payload.
   *
   * @return the payload of {@code node.manufacturing_origin_recorded}
   * @since 0.1
   */
  public Payload toPayload() {
    Payload p = unsigned();
    return qcSignature == null ? p : p.with("qc_signature", qcSignature);
  }

  /**
   * Returns a {@code node.manufacturing_origin_recorded} event for the node's stream.
   *
   * @param eventId the event id (a UUIDv7); not null
   * @param occurredAt when it was recorded; not null
   * @param actor who records it; not null
   * @return the event
   * @since 0.1
   */
  public NewEvent toEvent(UUID eventId, Instant occurredAt, String actor) {
    return NewEvent.builder(EventType.of("node.manufacturing_origin_recorded", 1))
        .eventId(Objects.requireNonNull(eventId, "eventId"))
        .occurredAt(Objects.requireNonNull(occurredAt, "occurredAt"))
        .actor(Objects.requireNonNull(actor, "actor"))
        .payload(toPayload())
        .build();
  }

  /**
   * Returns the origin.
   *
   * @return the manufacturing site or contract manufacturer
   * @since 0.1
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns the batch.
   *
   * @return the batch id
   * @since 0.1
   */
  public String batchId() {
    return batchId;
  }

  /**
   * Returns the day of manufacture.
   *
   * @return the date
   * @since 0.1
   */
  public LocalDate date() {
    return date;
  }

  /**
   * Returns the QC signature.
   *
   * @return the encoded {@link DetachedSignature}, or empty if unsigned
   * @since 0.1
   */
  public Optional<String> qcSignature() {
    return Optional.ofNullable(qcSignature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManufacturingRecord r && r.toPayload().equals(toPayload());
  }

  @Override
  public int hashCode() {
    return toPayload().hashCode();
  }

  @Override
  public String toString() {
    return unsigned().json();
  }
}
