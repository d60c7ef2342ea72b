package io.souverix.supplychain.firmware;

import io.souverix.lifecycle.event.Payload;
import io.souverix.supplychain.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * What a firmware vendor states about one image: its digest, version and monotonic security
 * version. Vendors sign its RFC 8785 canonical JSON {@code {"digest","security_version",
 * "version"}}.
 *
 * @param version the firmware version, 1 to 128 characters
 * @param digest the image digest
 * @param securityVersion the security version, 0 to 2^31-1; it only grows across a vendor's
 *     releases, and anti-rollback compares it
 * @since 0.1
 */
public record FirmwareManifest(String version, Digest digest, long securityVersion) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the version is empty or too long or the security version is
   *     out of range
   */
  public FirmwareManifest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(digest, "digest");
    if (version.isEmpty() || version.length() > 128) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "version; expected 1 to 128 characters, but got %d", version.length()));
    }
    if (securityVersion < 0 || securityVersion > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "security_version; expected 0 to %d, but got %d",
              Integer.MAX_VALUE,
              securityVersion));
    }
  }

  /**
   * Returns the canonical JSON the vendor signs.
   *
   * @return UTF-8 bytes of the RFC 8785 canonical JSON
   * @since 0.1
   */
  public byte[] canonicalBytes() {
    return Payload.of(
            "digest", digest.toString(), "security_version", securityVersion, "version", version)
        .json()
        .getBytes(StandardCharsets.UTF_8);
  }

  static FirmwareManifest fromJson(String json) throws FirmwareException {
    try {
      Payload p = Payload.parse(json);
      long svn =
          p.number("security_version")
              .orElseThrow(() -> new IllegalArgumentException("no security_version"));
      if (p.toMap().size() != 3) {
        throw new IllegalArgumentException("expected exactly digest, security_version, version");
      }
      return new FirmwareManifest(
          p.requireText("version"), Digest.parse(p.requireText("digest")), svn);
    } catch (RuntimeException e) {
      throw new FirmwareException(
          FirmwareException.Code.MANIFEST_MALFORMED,
          "firmware manifest; expected {digest, security_version, version}, but got: "
              + e.getMessage(),
          e);
    }
  }
}
