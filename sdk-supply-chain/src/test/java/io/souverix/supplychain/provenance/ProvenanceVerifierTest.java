package io.souverix.supplychain.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.supplychain.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProvenanceVerifierTest {
  private static final Instant LOGGED = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock NOW = Clock.fixed(LOGGED.plusSeconds(3600), ZoneOffset.UTC);
  private static final byte[] ARTIFACT = "firmware 1.2.3".getBytes(StandardCharsets.UTF_8);
  private static final String BUILDER =
      "https://github.com/souverix/builder/.github/workflows/b.yml";
  private static final String REPO = "https://github.com/souverix/firmware";

  private final PrivateSigstore sigstore = new PrivateSigstore();

  private ProvenanceVerifier keyVerifier(byte[] root, Clock clock) throws Exception {
    return ProvenanceVerifier.newBuilder()
        .trustedRoot(TrustedRoot.parse(root))
        .publicKey(sigstore.signingKey.getPublic())
        .clock(clock)
        .build();
  }

  private byte[] root() throws Exception {
    return sigstore.trustedRoot(LOGGED.minusSeconds(86400));
  }

  @Test
  void keyMode_ownMessageSignature_valid() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r = keyVerifier(root(), NOW).verify(b, ARTIFACT);
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.OK);
    assertThat(r.signedAt()).contains(LOGGED);
    assertThat(r.identity()).isEmpty();
  }

  @Test
  void keyMode_ownMessageSignatureByDigestOnly_valid() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r = keyVerifier(root(), NOW).verify(b, Digest.sha256(ARTIFACT));
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.OK);
  }

  @Test
  void keyMode_ownDsseInToto_validWithSlsaPolicy() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.dsseBundle(ARTIFACT, BUILDER, REPO, LOGGED));
    ProvenanceResult r =
        ProvenanceVerifier.newBuilder()
            .trustedRoot(TrustedRoot.parse(root()))
            .publicKey(sigstore.signingKey.getPublic())
            .slsaPolicy(SlsaPolicy.newBuilder().builderId(BUILDER).sourceRepository(REPO).build())
            .clock(NOW)
            .build()
            .verify(b, ARTIFACT);
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.OK);
    assertThat(r.statement().orElseThrow().slsaBuilderId()).contains(BUILDER);
  }

  @Test
  void keyMode_dsseFromOtherBuilder_policyViolation() throws Exception {
    SigstoreBundle b =
        SigstoreBundle.parse(sigstore.dsseBundle(ARTIFACT, "https://evil/builder", REPO, LOGGED));
    ProvenanceResult r =
        ProvenanceVerifier.newBuilder()
            .trustedRoot(TrustedRoot.parse(root()))
            .publicKey(sigstore.signingKey.getPublic())
            .slsaPolicy(SlsaPolicy.newBuilder().builderId(BUILDER).build())
            .clock(NOW)
            .build()
            .verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.POLICY_VIOLATION);
    assertThat(r.message()).contains("builder id; expected " + BUILDER);
  }

  @Test
  void keyMode_dsseWrongArtifact_artifactMismatch() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.dsseBundle(ARTIFACT, BUILDER, REPO, LOGGED));
    ProvenanceResult r =
        keyVerifier(root(), NOW).verify(b, "other".getBytes(StandardCharsets.UTF_8));
    assertThat(r.reason()).isEqualTo(Reason.ARTIFACT_MISMATCH);
  }

  @Test
  void keyMode_wrongArtifact_rejected() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r =
        keyVerifier(root(), NOW).verify(b, "other".getBytes(StandardCharsets.UTF_8));
    assertThat(r.reason()).isEqualTo(Reason.ARTIFACT_MISMATCH);
  }

  @Test
  void keyMode_otherKey_signatureInvalid() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r =
        ProvenanceVerifier.newBuilder()
            .trustedRoot(TrustedRoot.parse(root()))
            .publicKey(PrivateSigstore.ec().getPublic())
            .clock(NOW)
            .build()
            .verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void keyMode_integratedTimeInFuture_rejected() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    Clock before = Clock.fixed(LOGGED.minusSeconds(600), ZoneOffset.UTC);
    ProvenanceResult r = keyVerifier(root(), before).verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.TIME_IN_FUTURE);
  }

  @Test
  void keyMode_logKeyWithoutValidityStart_rejected() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r = keyVerifier(sigstore.trustedRoot(null), NOW).verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.OUTSIDE_KEY_VALIDITY);
    assertThat(r.message()).contains("has none");
  }

  @Test
  void keyMode_loggedBeforeLogKeyValid_rejected() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    ProvenanceResult r =
        keyVerifier(sigstore.trustedRoot(LOGGED.plusSeconds(60)), NOW).verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.OUTSIDE_KEY_VALIDITY);
  }

  @Test
  void keyMode_tamperedIntegratedTime_tlogInvalid() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(sigstore.messageBundle(ARTIFACT, LOGGED));
    ((ObjectNode) json.path("verificationMaterial").path("tlogEntries").get(0))
        .put("integratedTime", Long.toString(LOGGED.getEpochSecond() - 60));
    SigstoreBundle b = SigstoreBundle.parse(Json.MAPPER.writeValueAsBytes(json));
    ProvenanceResult r = keyVerifier(root(), NOW).verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.TLOG_INVALID);
  }

  @Test
  void keyMode_untrustedLog_tlogInvalid() throws Exception {
    SigstoreBundle b = SigstoreBundle.parse(sigstore.messageBundle(ARTIFACT, LOGGED));
    byte[] otherRoot = new PrivateSigstore().trustedRoot(LOGGED.minusSeconds(86400));
    ProvenanceResult r = keyVerifier(otherRoot, NOW).verify(b, ARTIFACT);
    assertThat(r.reason()).isEqualTo(Reason.TLOG_INVALID);
  }

  @Test
  void parse_notABundle_throwsBundleUnreadable() {
    assertThatThrownBy(() -> SigstoreBundle.parse("{\"mediaType\":\"x\"}".getBytes()))
        .isInstanceOf(ProvenanceException.class)
        .extracting(e -> ((ProvenanceException) e).code())
        .isEqualTo(ProvenanceException.Code.BUNDLE_UNREADABLE);
    assertThatThrownBy(() -> TrustedRoot.parse("[]".getBytes()))
        .extracting(e -> ((ProvenanceException) e).code())
        .isEqualTo(ProvenanceException.Code.TRUSTED_ROOT_UNREADABLE);
    assertThatThrownBy(() -> PublicKeys.fromPem("nope"))
        .extracting(e -> ((ProvenanceException) e).code())
        .isEqualTo(ProvenanceException.Code.KEY_UNREADABLE);
  }

  @Test
  void build_identityAndKey_throws() throws Exception {
    TrustedRoot root = TrustedRoot.parse(root());
    assertThatThrownBy(
            () ->
                ProvenanceVerifier.newBuilder()
                    .trustedRoot(root)
                    .identity(IdentityPolicy.anyIdentity())
                    .publicKey(sigstore.signingKey.getPublic())
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ProvenanceVerifier.newBuilder().trustedRoot(root).build())
        .isInstanceOf(IllegalStateException.class);
  }

  // Keyless cases on the public vectors (sigstore-java's bundles and roots).

  private static Path vectors() {
    Path dir = SigstoreVectorsTest.vectors();
    assumeTrue(Files.isDirectory(dir), "Sigstore vectors not found at " + dir);
    return dir;
  }

  private static ProvenanceResult keyless(
      Path dir, String bundle, byte[] root, IdentityPolicy identity, byte[] artifact, Clock clock)
      throws Exception {
    return ProvenanceVerifier.newBuilder()
        .trustedRoot(TrustedRoot.parse(root))
        .identity(identity)
        .clock(clock)
        .build()
        .verify(SigstoreBundle.from(dir.resolve("sigstore-java/bundles/" + bundle)), artifact);
  }

  private static byte[] production(Path dir) throws Exception {
    return Files.readAllBytes(
        dir.resolve("trusted_roots/production_trusted_root.sigstore-java-v2.0.0.json"));
  }

  private static byte[] artifact(Path dir) throws Exception {
    return Files.readAllBytes(dir.resolve("sigstore-java/bundles/artifact.txt"));
  }

  @Test
  void keyless_rightIdentity_validWithIdentityAndTime() throws Exception {
    Path dir = vectors();
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            production(dir),
            IdentityPolicy.exact("appu@google.com", "https://accounts.google.com"),
            artifact(dir),
            Clock.systemUTC());
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.OK);
    assertThat(r.identity()).contains("appu@google.com");
    assertThat(r.issuer()).contains("https://accounts.google.com");
    assertThat(r.signedAt()).isPresent();
  }

  @Test
  void keyless_wrongIdentity_identityMismatch() throws Exception {
    Path dir = vectors();
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            production(dir),
            IdentityPolicy.exact("someone@example.com", "https://accounts.google.com"),
            artifact(dir),
            Clock.systemUTC());
    assertThat(r.reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
  }

  @Test
  void keyless_wrongArtifact_artifactMismatch() throws Exception {
    Path dir = vectors();
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            production(dir),
            IdentityPolicy.anyIdentity(),
            "tampered".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());
    assertThat(r.reason()).isEqualTo(Reason.ARTIFACT_MISMATCH);
  }

  @Test
  void keyless_untrustedRoot_certificateUntrusted() throws Exception {
    Path dir = vectors();
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            Files.readAllBytes(
                dir.resolve("trusted_roots/staging_trusted_root.sigstore-java-v2.0.0.json")),
            IdentityPolicy.anyIdentity(),
            artifact(dir),
            Clock.systemUTC());
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).isIn(Reason.CERTIFICATE_UNTRUSTED, Reason.TLOG_INVALID);
  }

  @Test
  void keyless_clockBeforeIntegratedTime_timeInFuture() throws Exception {
    Path dir = vectors();
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            production(dir),
            IdentityPolicy.anyIdentity(),
            artifact(dir),
            Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
    assertThat(r.reason()).isEqualTo(Reason.TIME_IN_FUTURE);
  }

  @Test
  void keyless_logKeyWithoutValidityStart_outsideKeyValidity() throws Exception {
    Path dir = vectors();
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(production(dir));
    root.path("tlogs")
        .forEach(t -> ((ObjectNode) t.path("publicKey").path("validFor")).remove("start"));
    ProvenanceResult r =
        keyless(
            dir,
            "bundle.sigstore",
            Json.MAPPER.writeValueAsBytes(root),
            IdentityPolicy.anyIdentity(),
            artifact(dir),
            Clock.systemUTC());
    assertThat(r.reason()).as(r.message()).isEqualTo(Reason.OUTSIDE_KEY_VALIDITY);
  }

  @Test
  void keyless_tamperedSignature_rejected() throws Exception {
    Path dir = vectors();
    ObjectNode json =
        (ObjectNode)
            Json.MAPPER.readTree(dir.resolve("sigstore-java/bundles/bundle.sigstore").toFile());
    String sig = json.path("messageSignature").path("signature").asText();
    ((ObjectNode) json.path("messageSignature"))
        .put(
            "signature",
            sig.substring(0, 20) + (sig.charAt(20) == 'A' ? 'B' : 'A') + sig.substring(21));
    ProvenanceResult r =
        ProvenanceVerifier.newBuilder()
            .trustedRoot(TrustedRoot.parse(production(dir)))
            .identity(IdentityPolicy.anyIdentity())
            .build()
            .verify(SigstoreBundle.parse(Json.MAPPER.writeValueAsBytes(json)), artifact(dir));
    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).isIn(Reason.SIGNATURE_INVALID, Reason.TLOG_MISMATCH);
  }
}
