package io.souverix.supplychain.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorEntry;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Transparency-log entries in key mode: the entry must record what the bundle carries. */
final class LogEntries {
  private LogEntries() {}

  /** The entry in sigstore-java's form, for its SET, inclusion-proof and checkpoint checks. */
  static RekorEntry toRekorEntry(SigstoreBundle.Entry e) {
    HexFormat hex = HexFormat.of();
    var verification = ImmutableVerification.builder();
    if (e.signedEntryTimestamp() != null) {
      verification.signedEntryTimestamp(e.signedEntryTimestamp());
    }
    SigstoreBundle.Proof p = e.proof();
    if (p != null) {
      var proof =
          ImmutableInclusionProof.builder()
              .logIndex(p.logIndex())
              .rootHash(hex.formatHex(p.rootHash()))
              .treeSize(p.treeSize())
              .checkpoint(p.checkpoint());
      p.hashes().forEach(h -> proof.addHashes(hex.formatHex(h)));
      verification.inclusionProof(proof.build());
    }
    return ImmutableRekorEntry.builder()
        .body(Base64.getEncoder().encodeToString(e.body()))
        .integratedTime(e.integratedTime())
        .logID(hex.formatHex(e.keyId()))
        .logIndex(e.logIndex())
        .verification(verification.build())
        .build();
  }

  /**
   * Checks that the entry's body records this bundle's signature, key and content digest.
   *
   * @return a description of the first difference, or empty when the entry matches
   */
  static Optional<String> mismatch(
      SigstoreBundle.Entry e, SigstoreBundle bundle, PublicKey key, byte[] artifactSha256) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(e.body());
    } catch (IOException ex) {
      return Optional.of("the entry body is not JSON");
    }
    JsonNode spec = body.path("spec");
    String kind = e.kind() + "/" + e.version();
    byte[] digest;
    String signature;
    JsonNode verifier;
    boolean pemVerifier;
    boolean dsse = bundle.isDsse();
    switch (kind) {
      case "hashedrekord/0.0.1":
        if (dsse || !"sha256".equals(spec.path("data").path("hash").path("algorithm").asText())) {
          return Optional.of("the entry is not a sha256 hashedrekord of a message signature");
        }
        digest = hexOrEmpty(spec.path("data").path("hash").path("value").asText());
        signature = spec.path("signature").path("content").asText();
        verifier = spec.path("signature").path("publicKey").path("content");
        pemVerifier = true;
        break;
      case "hashedrekord/0.0.2":
        spec = spec.path("hashedRekordV002");
        if (dsse || !"SHA2_256".equals(spec.path("data").path("algorithm").asText())) {
          return Optional.of("the entry is not a SHA2_256 hashedrekord of a message signature");
        }
        digest = b64OrEmpty(spec.path("data").path("digest").asText());
        signature = spec.path("signature").path("content").asText();
        verifier = spec.path("signature").path("verifier");
        pemVerifier = false;
        break;
      case "dsse/0.0.1":
        if (!dsse || !"sha256".equals(spec.path("payloadHash").path("algorithm").asText())) {
          return Optional.of("the entry is not a sha256 dsse entry of a DSSE envelope");
        }
        digest = hexOrEmpty(spec.path("payloadHash").path("value").asText());
        signature = spec.path("signatures").path(0).path("signature").asText();
        verifier = spec.path("signatures").path(0).path("verifier");
        pemVerifier = true;
        if (spec.path("signatures").size() != 1) {
          return Optional.of("the dsse entry must hold exactly one signature");
        }
        break;
      case "dsse/0.0.2":
        spec = spec.path("dsseV002");
        if (!dsse || !"SHA2_256".equals(spec.path("payloadHash").path("algorithm").asText())) {
          return Optional.of("the entry is not a SHA2_256 dsse entry of a DSSE envelope");
        }
        digest = b64OrEmpty(spec.path("payloadHash").path("digest").asText());
        signature = spec.path("signatures").path(0).path("content").asText();
        verifier = spec.path("signatures").path(0).path("verifier");
        pemVerifier = false;
        if (spec.path("signatures").size() != 1) {
          return Optional.of("the dsse entry must hold exactly one signature");
        }
        break;
      default:
        return Optional.of("unsupported entry kind " + kind);
    }
    byte[] expectedDigest = dsse ? Sha256.digest(bundle.dssePayload()) : artifactSha256;
    if (!MessageDigest.isEqual(digest, expectedDigest)) {
      return Optional.of(
          dsse
              ? "the entry's payload hash differs from the envelope's payload"
              : "the entry's digest differs from the artifact's");
    }
    if (!MessageDigest.isEqual(b64OrEmpty(signature), bundle.signature())) {
      return Optional.of("the entry's signature differs from the bundle's");
    }
    PublicKey recorded = pemVerifier ? fromPemB64(verifier.asText()) : fromV2(verifier);
    if (recorded == null || !MessageDigest.isEqual(recorded.getEncoded(), key.getEncoded())) {
      return Optional.of("the entry's verification key differs from the given key");
    }
    return Optional.empty();
  }

  private static @Nullable PublicKey fromPemB64(String b64) {
    String pem = new String(b64OrEmpty(b64), StandardCharsets.UTF_8);
    try {
      if (pem.contains("BEGIN CERTIFICATE")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey();
      }
      return PublicKeys.fromPem(pem);
    } catch (CertificateException | ProvenanceException e) {
      return null;
    }
  }

  private static @Nullable PublicKey fromV2(JsonNode verifier) {
    try {
      JsonNode key = verifier.path("publicKey").path("rawBytes");
      if (key.isTextual()) {
        return PublicKeys.fromDer(b64OrEmpty(key.asText()));
      }
      JsonNode cert = verifier.path("x509Certificate").path("rawBytes");
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(b64OrEmpty(cert.asText())))
          .getPublicKey();
    } catch (CertificateException | ProvenanceException e) {
      return null;
    }
  }

  private static byte[] hexOrEmpty(String s) {
    try {
      return HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] b64OrEmpty(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
