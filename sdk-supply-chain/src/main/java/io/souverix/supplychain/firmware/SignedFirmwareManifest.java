package io.souverix.supplychain.firmware;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.supplychain.hardware.DetachedSignature;
import io.souverix.supplychain.hardware.HardwareException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A firmware manifest with the vendor's signature over its canonical JSON and the vendor's
 * certificate chain. As the {@code signature_chain} of an event it is two strings: the base64url
 * canonical JSON of the manifest, then the {@link DetachedSignature} ({@code
 * <alg>.<signature>.<vendor certificate>...}).
 *
 * @since 0.1
 */
public final class SignedFirmwareManifest {
  private final FirmwareManifest manifest;
  private final DetachedSignature signature;

  private SignedFirmwareManifest(FirmwareManifest manifest, DetachedSignature signature) {
    this.manifest = manifest;
    this.signature = signature;
  }

  /**
   * Signs a manifest with a vendor key.
   *
   * @param manifest the manifest; not null
   * @param vendorKey the vendor's signing key; not null
   * @param vendorChain the vendor's certificate first, then intermediates; not null or empty
   * @return the signed manifest
   * @throws FirmwareException {@code SIGNING_FAILED} if the signer fails
   * @throws IllegalArgumentException if the chain does not start with the signer's certificate
   * @since 0.1
   */
  public static SignedFirmwareManifest sign(
      FirmwareManifest manifest, Signer vendorKey, List<X509Certificate> vendorChain)
      throws FirmwareException {
    Objects.requireNonNull(manifest, "manifest");
    try {
      return new SignedFirmwareManifest(
          manifest, DetachedSignature.create(manifest.canonicalBytes(), vendorKey, vendorChain));
    } catch (HardwareException e) {
      throw new FirmwareException(FirmwareException.Code.SIGNING_FAILED, e.getMessage(), e);
    }
  }

  /**
   * Reads a signature chain as written by {@link #signatureChain()}.
   *
   * @param chain the two strings; not null
   * @return the signed manifest, not yet verified
   * @throws FirmwareException {@code MANIFEST_MALFORMED} or {@code ALGORITHM_NOT_ALLOWED}
   * @since 0.1
   */
  public static SignedFirmwareManifest fromSignatureChain(List<String> chain)
      throws FirmwareException {
    Objects.requireNonNull(chain, "chain");
    if (chain.size() != 2) {
      throw new FirmwareException(
          FirmwareException.Code.MANIFEST_MALFORMED,
          "signature chain; expected [manifest, signature], but got " + chain.size() + " entries");
    }
    String json;
    try {
      json = new String(Base64.getUrlDecoder().decode(chain.get(0)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FirmwareException(
          FirmwareException.Code.MANIFEST_MALFORMED,
          "signature chain manifest; expected base64url, but got: " + e.getMessage(),
          e);
    }
    FirmwareManifest manifest = FirmwareManifest.fromJson(json);
    try {
      return new SignedFirmwareManifest(manifest, DetachedSignature.parse(chain.get(1)));
    } catch (HardwareException e) {
      throw FirmwareVerifier.translate(e);
    }
  }

  /**
   * Returns the manifest.
   *
   * @return the manifest
   * @since 0.1
   */
  public FirmwareManifest manifest() {
    return manifest;
  }

  /**
   * Returns the vendor signature.
   *
   * @return the signature with the vendor chain
   * @since 0.1
   */
  public DetachedSignature signature() {
    return signature;
  }

  /**
   * Returns the {@code signature_chain} of a firmware event.
   *
   * @return the base64url manifest and the encoded signature
   * @since 0.1
   */
  public List<String> signatureChain() {
    return List.of(
        Base64.getUrlEncoder().withoutPadding().encodeToString(manifest.canonicalBytes()),
        signature.encoded());
  }
}
