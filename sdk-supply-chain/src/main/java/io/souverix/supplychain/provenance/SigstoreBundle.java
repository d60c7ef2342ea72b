package io.souverix.supplychain.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import io.souverix.lifecycle.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Sigstore bundle ({@code application/vnd.dev.sigstore.bundle} v0.1 to v0.3): a message signature
 * or DSSE envelope with its verification material (a Fulcio certificate or a public-key hint),
 * transparency-log entries and RFC 3161 timestamps. Parsing checks the shape only; {@link
 * ProvenanceVerifier} decides whether it is trustworthy.
 *
 * @since 0.1
 */
public final class SigstoreBundle {
  private static final Set<String> MEDIA_TYPES =
      Set.of(
          "application/vnd.dev.sigstore.bundle+json;version=0.1",
          "application/vnd.dev.sigstore.bundle+json;version=0.2",
          "application/vnd.dev.sigstore.bundle+json;version=0.3",
          "application/vnd.dev.sigstore.bundle.v0.3+json");

  /** What the bundle signs. */
  enum Content {
    MESSAGE_SIGNATURE,
    DSSE_ENVELOPE
  }

  /** One transparency-log entry as the bundle carries it. */
  record Entry(
      byte[] keyId,
      long logIndex,
      String kind,
      String version,
      long integratedTime,
      @Nullable String signedEntryTimestamp,
      @Nullable Proof proof,
      byte[] body) {}

  /** An inclusion proof with its checkpoint. */
  record Proof(
      long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {}

  private final JsonNode json;
  private final String mediaType;
  private final Content content;
  private final @Nullable X509Certificate leaf;
  private final List<Entry> entries;
  private final List<byte[]> timestamps;
  private final @Nullable Bundle sigstore;

  private SigstoreBundle(
      JsonNode json,
      String mediaType,
      Content content,
      @Nullable X509Certificate leaf,
      List<Entry> entries,
      List<byte[]> timestamps,
      @Nullable Bundle sigstore) {
    this.json = json;
    this.mediaType = mediaType;
    this.content = content;
    this.leaf = leaf;
    this.entries = entries;
    this.timestamps = timestamps;
    this.sigstore = sigstore;
  }

  /**
   * Reads a bundle file.
   *
   * @param file the bundle; not null
   * @return the bundle
   * @throws ProvenanceException with {@code BUNDLE_UNREADABLE} if it cannot be read or is not a
   *     Sigstore bundle
   * @since 0.1
   */
  public static SigstoreBundle from(Path file) throws ProvenanceException {
    Objects.requireNonNull(file, "file");
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw unreadable(String.format(Locale.ROOT, "cannot read %s: %s", file, e.getMessage()), e);
    }
  }

  /**
   * Parses bundle JSON.
   *
   * @param json the bundle bytes; not null
   * @return the bundle
   * @throws ProvenanceException with {@code BUNDLE_UNREADABLE} if it is not a Sigstore bundle of a
   *     supported media type, or a required part is missing or malformed (a certificate-based
   *     bundle must carry an inclusion proof, as in sigstore-java)
   * @since 0.1
   */
  public static SigstoreBundle parse(byte[] json) throws ProvenanceException {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw unreadable("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw unreadable("expected a JSON object", null);
    }
    String mediaType = root.path("mediaType").asText("");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw unreadable(
          String.format(
              Locale.ROOT,
              "mediaType; expected a Sigstore bundle v0.1 to v0.3, but got '%s'",
              mediaType),
          null);
    }
    boolean message = root.has("messageSignature");
    boolean dsse = root.has("dsseEnvelope");
    if (message == dsse) {
      throw unreadable("expected exactly one of messageSignature and dsseEnvelope", null);
    }
    JsonNode material = root.path("verificationMaterial");
    try {
      X509Certificate leaf = leaf(material);
      if (leaf == null && !material.path("publicKey").isObject()) {
        throw unreadable("verificationMaterial; expected a certificate or a public key", null);
      }
      List<Entry> entries = new ArrayList<>();
      for (JsonNode e : material.path("tlogEntries")) {
        entries.add(entry(e));
      }
      List<byte[]> timestamps = new ArrayList<>();
      for (JsonNode t : material.path("timestampVerificationData").path("rfc3161Timestamps")) {
        timestamps.add(b64(t, "signedTimestamp"));
      }
      if (message) {
        b64(root.path("messageSignature"), "signature");
      } else {
        JsonNode env = root.path("dsseEnvelope");
        b64(env, "payload");
        text(env, "payloadType");
        if (env.path("signatures").size() != 1) {
          throw unreadable("dsseEnvelope; expected exactly one signature", null);
        }
        b64(env.path("signatures").get(0), "sig");
      }
      Bundle sigstore = null;
      if (leaf != null) {
        try (var r =
            new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8)) {
          sigstore = Bundle.from(r);
        } catch (BundleParseException | IOException | RuntimeException e) {
          throw unreadable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
      }
      return new SigstoreBundle(
          root,
          mediaType,
          message ? Content.MESSAGE_SIGNATURE : Content.DSSE_ENVELOPE,
          leaf,
          List.copyOf(entries),
          List.copyOf(timestamps),
          sigstore);
    } catch (IllegalArgumentException | CertificateException e) {
      throw unreadable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static @Nullable X509Certificate leaf(JsonNode material) throws CertificateException {
    JsonNode der = material.path("certificate").path("rawBytes");
    if (der.isMissingNode()) {
      der = material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes");
    }
    if (der.isMissingNode()) {
      return null;
    }
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(der.asText())));
  }

  private static Entry entry(JsonNode e) throws ProvenanceException {
    JsonNode proof = e.get("inclusionProof");
    Proof p = null;
    if (proof != null) {
      List<byte[]> hashes = new ArrayList<>();
      for (JsonNode h : proof.path("hashes")) {
        hashes.add(Base64.getDecoder().decode(h.asText()));
      }
      p =
          new Proof(
              number(proof, "logIndex"),
              b64(proof, "rootHash"),
              number(proof, "treeSize"),
              List.copyOf(hashes),
              text(proof.path("checkpoint"), "envelope"));
    }
    JsonNode set = e.path("inclusionPromise").get("signedEntryTimestamp");
    return new Entry(
        b64(e.path("logId"), "keyId"),
        number(e, "logIndex"),
        text(e.path("kindVersion"), "kind"),
        text(e.path("kindVersion"), "version"),
        e.has("integratedTime") ? number(e, "integratedTime") : 0L,
        set == null ? null : set.asText(),
        p,
        b64(e, "canonicalizedBody"));
  }

  private static long number(JsonNode n, String field) throws ProvenanceException {
    JsonNode v = n.get(field);
    try {
      if (v != null && (v.isTextual() || v.isIntegralNumber())) {
        return Long.parseLong(v.asText());
      }
    } catch (NumberFormatException ignored) {
      // falls through to the typed error
    }
    throw unreadable(String.format(Locale.ROOT, "%s; expected an integer", field), null);
  }

  private static String text(JsonNode n, String field) throws ProvenanceException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw unreadable(String.format(Locale.ROOT, "%s; expected a string", field), null);
    }
    return v.asText();
  }

  private static byte[] b64(JsonNode n, String field) throws ProvenanceException {
    try {
      return Base64.getDecoder().decode(text(n, field));
    } catch (IllegalArgumentException e) {
      throw unreadable(String.format(Locale.ROOT, "%s; expected base64", field), e);
    }
  }

  private static ProvenanceException unreadable(String why, @Nullable Throwable cause) {
    String m = "bundle; " + why;
    return cause == null
        ? new ProvenanceException(ProvenanceException.Code.BUNDLE_UNREADABLE, m)
        : new ProvenanceException(ProvenanceException.Code.BUNDLE_UNREADABLE, m, cause);
  }

  /**
   * Returns the bundle's media type.
   *
   * @return the media type, such as {@code application/vnd.dev.sigstore.bundle.v0.3+json}
   * @since 0.1
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Returns whether the bundle signs a DSSE envelope (rather than a message digest).
   *
   * @return true for a DSSE envelope
   * @since 0.1
   */
  public boolean isDsse() {
    return content == Content.DSSE_ENVELOPE;
  }

  /**
   * Returns whether the bundle carries a signing certificate (keyless) rather than a public-key
   * hint.
   *
   * @return true for a certificate
   * @since 0.1
   */
  public boolean hasCertificate() {
    return leaf != null;
  }

  JsonNode json() {
    return json;
  }

  Content content() {
    return content;
  }

  @Nullable X509Certificate leaf() {
    return leaf;
  }

  List<Entry> entries() {
    return entries;
  }

  List<byte[]> timestamps() {
    return timestamps;
  }

  @Nullable Bundle sigstore() {
    return sigstore;
  }

  byte[] signature() {
    String s =
        content == Content.MESSAGE_SIGNATURE
            ? json.path("messageSignature").path("signature").asText()
            : json.path("dsseEnvelope").path("signatures").path(0).path("sig").asText();
    return Base64.getDecoder().decode(s);
  }

  byte[] dssePayload() {
    return Base64.getDecoder().decode(json.path("dsseEnvelope").path("payload").asText());
  }

  String dssePayloadType() {
    return json.path("dsseEnvelope").path("payloadType").asText();
  }

  /** The message digest the bundle states (SHA2_256 only), or null when absent. */
  byte @Nullable [] messageDigest() {
    JsonNode d = json.path("messageSignature").path("messageDigest");
    if (!d.isObject() || !"SHA2_256".equals(d.path("algorithm").asText())) {
      return null;
    }
    return Base64.getDecoder().decode(d.path("digest").asText());
  }
}
