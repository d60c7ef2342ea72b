package io.souverix.supplychain.firmware;

import io.souverix.supplychain.hardware.ChainValidator;
import io.souverix.supplychain.hardware.HardwareException;
import java.util.Objects;

/**
 * Verifies vendor-signed firmware manifests and images against the host's vendor roots.
 *
 * <h3>Security guarantees</h3>
 *
 * A manifest verifies only if the vendor certificate chain is accepted by the host's {@link
 * ChainValidator}, the certificate's key fits the algorithm, and the signature verifies over the
 * manifest's canonical JSON (RFC 8785); an image verifies only if its SHA-256 digest is the
 * manifest's.
 *
 * @since 0.1
 */
public final class FirmwareVerifier {
  private final ChainValidator vendorChains;

  private FirmwareVerifier(ChainValidator vendorChains) {
    this.vendorChains = vendorChains;
  }

  /**
   * Creates a verifier.
   *
   * @param vendorChains validates vendor certificate chains to the vendor roots; not null
   * @return the verifier
   * @since 0.1
   */
  public static FirmwareVerifier of(ChainValidator vendorChains) {
    return new FirmwareVerifier(Objects.requireNonNull(vendorChains, "vendorChains"));
  }

  /**
   * Verifies a signed manifest.
   *
   * @param signed the signed manifest; not null
   * @return the verified manifest
   * @throws FirmwareException the first failing step: {@code CHAIN_UNTRUSTED}, {@code
   *     KEY_ALGORITHM_MISMATCH} or {@code SIGNATURE_INVALID}
   * @since 0.1
   */
  public VerifiedFirmwareManifest verify(SignedFirmwareManifest signed) throws FirmwareException {
    Objects.requireNonNull(signed, "signed");
    try {
      return new VerifiedFirmwareManifest(
          signed, signed.signature().verify(signed.manifest().canonicalBytes(), vendorChains));
    } catch (HardwareException e) {
      throw translate(e);
    }
  }

  /**
   * Verifies a signed manifest and that an image is the one it describes.
   *
   * @param signed the signed manifest; not null
   * @param image the firmware image; not null
   * @return the verified manifest
   * @throws FirmwareException a failing step of {@link #verify(SignedFirmwareManifest)}, or {@code
   *     DIGEST_MISMATCH}
   * @since 0.1
   */
  public VerifiedFirmwareManifest verify(SignedFirmwareManifest signed, byte[] image)
      throws FirmwareException {
    Objects.requireNonNull(image, "image");
    VerifiedFirmwareManifest v = verify(signed);
    if (!v.manifest().digest().matches(image)) {
      throw new FirmwareException(
          FirmwareException.Code.DIGEST_MISMATCH,
          "firmware image; expected digest " + v.manifest().digest() + ", but it differs");
    }
    return v;
  }

  static FirmwareException translate(HardwareException e) {
    FirmwareException.Code code =
        switch (e.code()) {
          case ALGORITHM_NOT_ALLOWED -> FirmwareException.Code.ALGORITHM_NOT_ALLOWED;
          case CHAIN_UNTRUSTED -> FirmwareException.Code.CHAIN_UNTRUSTED;
          case KEY_ALGORITHM_MISMATCH -> FirmwareException.Code.KEY_ALGORITHM_MISMATCH;
          case SIGNATURE_INVALID -> FirmwareException.Code.SIGNATURE_INVALID;
          case SIGNING_FAILED -> FirmwareException.Code.SIGNING_FAILED;
          default -> FirmwareException.Code.MANIFEST_MALFORMED;
        };
    return new FirmwareException(code, e.getMessage(), e);
  }
}
