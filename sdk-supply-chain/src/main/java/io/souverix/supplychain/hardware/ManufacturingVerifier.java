package io.souverix.supplychain.hardware;

import io.souverix.lifecycle.event.Payload;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the QC signature of manufacturing records against the host's manufacturer roots.
 *
 * <h3>Security guarantees</h3>
 *
 * A record verifies only if its {@code qc_signature} is present, names a supported algorithm,
 * carries a factory certificate chain that the host's {@link ChainValidator} accepts, and is a
 * valid signature by that certificate's key over the record's canonical JSON (RFC 8785) without
 * {@code qc_signature}: any change of origin, batch or date breaks it. The failing step is the
 * exception's {@link HardwareException#code()}.
 *
 * @since 0.1
 */
public final class ManufacturingVerifier {
  private final ChainValidator factoryChains;

  private ManufacturingVerifier(ChainValidator factoryChains) {
    this.factoryChains = factoryChains;
  }

  /**
   * Creates a verifier.
   *
   * @param factoryChains validates factory certificate chains to the manufacturer roots; not null
   * @return the verifier
   * @since 0.1
   */
  public static ManufacturingVerifier of(ChainValidator factoryChains) {
    return new ManufacturingVerifier(Objects.requireNonNull(factoryChains, "factoryChains"));
  }

  /**
   * Verifies a record.
   *
   * @param record the record; not null
   * @return the verified record
   * @throws HardwareException the first failing step: {@code SIGNATURE_MISSING}, {@code
   *     SIGNATURE_MALFORMED}, {@code ALGORITHM_NOT_ALLOWED}, {@code CHAIN_UNTRUSTED}, {@code
   *     KEY_ALGORITHM_MISMATCH} or {@code SIGNATURE_INVALID}
   * @since 0.1
   */
  public VerifiedManufacturingRecord verify(ManufacturingRecord record) throws HardwareException {
    Objects.requireNonNull(record, "record");
    Optional<String> sig = record.qcSignature();
    if (sig.isEmpty()) {
      throw new HardwareException(
          HardwareException.Code.SIGNATURE_MISSING,
          "manufacturing record of batch '"
              + record.batchId()
              + "'; expected a qc_signature, but got none");
    }
    DetachedSignature signature = DetachedSignature.parse(sig.get());
    return new VerifiedManufacturingRecord(
        record, signature.verify(record.signedBytes(), factoryChains));
  }

  /**
   * Reads and verifies a {@code node.manufacturing_origin_recorded} payload.
   *
   * @param payload the payload; not null
   * @return the verified record
   * @throws HardwareException {@code RECORD_MALFORMED}, or a failing step of {@link
   *     #verify(ManufacturingRecord)}
   * @since 0.1
   */
  public VerifiedManufacturingRecord verify(Payload payload) throws HardwareException {
    return verify(ManufacturingRecord.fromPayload(payload));
  }
}
