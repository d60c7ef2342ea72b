package io.souverix.supplychain.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A private Sigstore: our own transparency-log key and signing key, producing real trusted roots
 * and key-mode bundles (hashedrekord and DSSE entries with SET, inclusion proof and checkpoint).
 */
final class PrivateSigstore {
  static final String ORIGIN = "log.souverix.test";
  final KeyPair logKey = ec();
  final KeyPair signingKey = ec();
  final byte[] logId = Sha256.digest(logKey.getPublic().getEncoded());

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sign(PrivateKey key, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  String signingKeyPem() {
    return PublicKeys.toPem(signingKey.getPublic());
  }

  /** A trusted root holding our log key, valid from {@code start} (null: no start stated). */
  byte[] trustedRoot(Instant start) throws Exception {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    ObjectNode log = root.putArray("tlogs").addObject();
    log.put("baseUrl", "https://" + ORIGIN);
    log.put("hashAlgorithm", "SHA2_256");
    ObjectNode pk = log.putObject("publicKey");
    pk.put("rawBytes", b64(logKey.getPublic().getEncoded()));
    pk.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    ObjectNode validFor = pk.putObject("validFor");
    if (start != null) {
      validFor.put("start", start.toString());
    }
    log.putObject("logId").put("keyId", b64(logId));
    root.putArray("certificateAuthorities");
    root.putArray("ctlogs");
    root.putArray("timestampAuthorities");
    return Json.MAPPER.writeValueAsBytes(root);
  }

  /** A key-mode message-signature bundle over the artifact, logged at {@code integrated}. */
  byte[] messageBundle(byte[] artifact, Instant integrated) throws Exception {
    byte[] sig = sign(signingKey.getPrivate(), artifact);
    byte[] digest = Sha256.digest(artifact);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("apiVersion", "0.0.1").put("kind", "hashedrekord");
    ObjectNode spec = body.putObject("spec");
    spec.putObject("data")
        .putObject("hash")
        .put("algorithm", "sha256")
        .put("value", HexFormat.of().formatHex(digest));
    ObjectNode s = spec.putObject("signature");
    s.put("content", b64(sig));
    s.putObject("publicKey")
        .put("content", b64(signingKeyPem().getBytes(StandardCharsets.US_ASCII)));
    ObjectNode bundle = bundle(Json.MAPPER.writeValueAsBytes(body), "hashedrekord", integrated);
    ObjectNode ms = bundle.putObject("messageSignature");
    ms.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", b64(digest));
    ms.put("signature", b64(sig));
    return Json.MAPPER.writeValueAsBytes(bundle);
  }

  /** A key-mode DSSE bundle carrying an in-toto SLSA v1 statement about the artifact. */
  byte[] dsseBundle(byte[] artifact, String builderId, String repo, Instant integrated)
      throws Exception {
    ObjectNode st = Json.MAPPER.createObjectNode();
    st.put("_type", InTotoStatement.TYPE);
    st.putArray("subject")
        .addObject()
        .put("name", "artifact.bin")
        .putObject("digest")
        .put("sha256", HexFormat.of().formatHex(Sha256.digest(artifact)));
    st.put("predicateType", SlsaPolicy.SLSA_PROVENANCE_V1);
    ObjectNode pred = st.putObject("predicate");
    pred.putObject("buildDefinition")
        .put("buildType", "https://actions.github.io/buildtypes/workflow/v1")
        .putObject("externalParameters")
        .putObject("workflow")
        .put("repository", repo)
        .put("ref", "refs/heads/main");
    pred.putObject("runDetails").putObject("builder").put("id", builderId);
    byte[] payload = Json.MAPPER.writeValueAsBytes(st);
    byte[] sig =
        sign(signingKey.getPrivate(), Signatures.pae(InTotoStatement.PAYLOAD_TYPE, payload));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("apiVersion", "0.0.1").put("kind", "dsse");
    ObjectNode spec = body.putObject("spec");
    spec.putObject("payloadHash")
        .put("algorithm", "sha256")
        .put("value", HexFormat.of().formatHex(Sha256.digest(payload)));
    spec.putArray("signatures")
        .addObject()
        .put("signature", b64(sig))
        .put("verifier", b64(signingKeyPem().getBytes(StandardCharsets.US_ASCII)));
    ObjectNode bundle = bundle(Json.MAPPER.writeValueAsBytes(body), "dsse", integrated);
    ObjectNode env = bundle.putObject("dsseEnvelope");
    env.put("payload", b64(payload));
    env.put("payloadType", InTotoStatement.PAYLOAD_TYPE);
    env.putArray("signatures").addObject().put("sig", b64(sig)).put("keyid", "");
    return Json.MAPPER.writeValueAsBytes(bundle);
  }

  /** The bundle skeleton: public-key hint and one log entry (tree of size 1) with SET. */
  private ObjectNode bundle(byte[] body, String kind, Instant integrated) throws Exception {
    long t = integrated.getEpochSecond();
    String logIdHex = HexFormat.of().formatHex(logId);
    String set =
        String.format(
            "{\"body\":\"%s\",\"integratedTime\":%d,\"logID\":\"%s\",\"logIndex\":0}",
            b64(body), t, logIdHex);
    byte[] leaf = new byte[body.length + 1];
    System.arraycopy(body, 0, leaf, 1, body.length);
    byte[] rootHash = Sha256.digest(leaf);
    String note = ORIGIN + "\n1\n" + b64(rootHash) + "\n";
    byte[] noteSig = sign(logKey.getPrivate(), note.getBytes(StandardCharsets.UTF_8));
    byte[] hintAndSig = new byte[4 + noteSig.length];
    System.arraycopy(Arrays.copyOf(logId, 4), 0, hintAndSig, 0, 4);
    System.arraycopy(noteSig, 0, hintAndSig, 4, noteSig.length);
    String checkpoint = note + "\n\u2014 " + ORIGIN + " " + b64(hintAndSig) + "\n";

    ObjectNode bundle = Json.MAPPER.createObjectNode();
    bundle.put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
    ObjectNode vm = bundle.putObject("verificationMaterial");
    vm.putObject("publicKey").put("hint", "souverix-test");
    ArrayNode entries = vm.putArray("tlogEntries");
    ObjectNode e = entries.addObject();
    e.put("logIndex", "0");
    e.putObject("logId").put("keyId", b64(logId));
    e.putObject("kindVersion").put("kind", kind).put("version", "0.0.1");
    e.put("integratedTime", Long.toString(t));
    e.putObject("inclusionPromise")
        .put(
            "signedEntryTimestamp",
            b64(sign(logKey.getPrivate(), set.getBytes(StandardCharsets.UTF_8))));
    ObjectNode proof = e.putObject("inclusionProof");
    proof.put("logIndex", "0").put("rootHash", b64(rootHash)).put("treeSize", "1");
    proof.putArray("hashes");
    proof.putObject("checkpoint").put("envelope", checkpoint);
    e.put("canonicalizedBody", b64(body));
    return bundle;
  }
}
