package io.souverix.supplychain.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.souverix.lifecycle.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Sigstore {@code trusted_root.json} supplied by the host: the Fulcio CAs, transparency-log keys,
 * CT-log keys and timestamp authorities that verification trusts, each with its validity period.
 * Nothing is fetched; keeping the file current (through TUF or otherwise) is the host's job.
 *
 * @since 0.1
 */
public final class TrustedRoot {
  private final JsonNode json;
  private final SigstoreTrustedRoot sigstore;
  private final byte[] bytes;

  private TrustedRoot(JsonNode json, SigstoreTrustedRoot sigstore, byte[] bytes) {
    this.json = json;
    this.sigstore = sigstore;
    this.bytes = bytes;
  }

  /**
   * Reads a trusted root file.
   *
   * @param file the {@code trusted_root.json}; not null
   * @return the trusted root
   * @throws ProvenanceException with {@code TRUSTED_ROOT_UNREADABLE} if the file cannot be read or
   *     is not a trusted root
   * @since 0.1
   */
  public static TrustedRoot from(Path file) throws ProvenanceException {
    Objects.requireNonNull(file, "file");
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ProvenanceException(
          ProvenanceException.Code.TRUSTED_ROOT_UNREADABLE,
          String.format(Locale.ROOT, "trusted root; cannot read %s: %s", file, e.getMessage()),
          e);
    }
  }

  /**
   * Parses trusted root JSON.
   *
   * @param json the bytes of a {@code trusted_root.json}; not null
   * @return the trusted root
   * @throws ProvenanceException with {@code TRUSTED_ROOT_UNREADABLE} if it is not a trusted root
   * @since 0.1
   */
  public static TrustedRoot parse(byte[] json) throws ProvenanceException {
    Objects.requireNonNull(json, "json");
    byte[] copy = json.clone();
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(copy);
    } catch (IOException e) {
      throw unreadable("not JSON: " + e.getMessage(), e);
    }
    if (node == null
        || !node.isObject()
        || !node.path("mediaType")
            .asText()
            .startsWith("application/vnd.dev.sigstore.trustedroot")) {
      throw unreadable(
          "expected an object with mediaType application/vnd.dev.sigstore.trustedroot+json", null);
    }
    try {
      return new TrustedRoot(node, SigstoreTrustedRoot.from(new ByteArrayInputStream(copy)), copy);
    } catch (SigstoreConfigurationException | RuntimeException e) {
      throw unreadable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static ProvenanceException unreadable(String why, @Nullable Throwable cause) {
    String m = "trusted root; " + why;
    return cause == null
        ? new ProvenanceException(ProvenanceException.Code.TRUSTED_ROOT_UNREADABLE, m)
        : new ProvenanceException(ProvenanceException.Code.TRUSTED_ROOT_UNREADABLE, m, cause);
  }

  SigstoreTrustedRoot sigstore() {
    return sigstore;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** A key's validity as the file states it; {@code start} is null when the file omits it. */
  record Validity(@Nullable Instant start, @Nullable Instant end) {
    boolean contains(Instant t) {
      return start != null && !t.isBefore(start) && (end == null || !t.isAfter(end));
    }
  }

  /**
   * The validity of the transparency log with this key id, or empty if the root has no such log.
   */
  Optional<Validity> tlogValidity(byte[] keyId) {
    String want = Base64.getEncoder().encodeToString(keyId);
    for (JsonNode log : json.path("tlogs")) {
      if (want.equals(log.path("logId").path("keyId").asText())) {
        return Optional.of(validity(log.path("publicKey").path("validFor")));
      }
    }
    return Optional.empty();
  }

  /** The validity of the CA whose first chain certificate issued (and signed) this leaf. */
  Optional<Validity> caValidity(X509Certificate leaf) {
    for (JsonNode ca : json.path("certificateAuthorities")) {
      JsonNode first = ca.path("certChain").path("certificates").path(0).path("rawBytes");
      try {
        X509Certificate issuer =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(first.asText())));
        if (issuer.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
          leaf.verify(issuer.getPublicKey());
          return Optional.of(validity(ca.path("validFor")));
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // not this CA
      }
    }
    return Optional.empty();
  }

  private static Validity validity(JsonNode validFor) {
    return new Validity(instant(validFor.get("start")), instant(validFor.get("end")));
  }

  private static @Nullable Instant instant(@Nullable JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
