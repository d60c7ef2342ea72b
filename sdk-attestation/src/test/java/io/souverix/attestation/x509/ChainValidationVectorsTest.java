package io.souverix.attestation.x509;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.x509.TestPki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Generates the conformance kit's chain-validation vectors ({@code
 * conformance-tests/src/main/resources/vectors/x509/chain_validation_v1.json}) from {@link
 * TrustChainValidator}, and checks that the committed file is exactly what it gives today. The kit
 * cannot do this itself (sdk-attestation depends on it); the kit's own test re-checks every vector
 * with the JDK's PKIX. Regenerate with {@code -Dsouverix.regenerateVectors=true}.
 *
 * <p>Keys are Ed25519 from fixed seeds and Ed25519 signatures are deterministic, so the
 * certificates are the same bytes on every run.
 */
class ChainValidationVectorsTest {
  private static final String RESOURCE = "/vectors/x509/chain_validation_v1.json";
  private static final Path SOURCE =
      Path.of("../conformance-tests/src/main/resources/vectors/x509/chain_validation_v1.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String STRICTER = "STRICTER_THAN_PKIX";

  private static KeyPair key(int seed) {
    try {
      byte[] s = new byte[32];
      s[0] = (byte) seed;
      s[31] = 0x5a;
      KeyFactory f = KeyFactory.getInstance("Ed25519");
      byte[] raw = new Ed25519PrivateKeyParameters(s, 0).generatePublicKey().getEncoded();
      byte[] spki = new byte[44];
      System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
      System.arraycopy(raw, 0, spki, 12, 32);
      return new KeyPair(
          f.generatePublic(new X509EncodedKeySpec(spki)),
          f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, s)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestPki.Spec ed(TestPki.Spec spec, int n) {
    return spec.keys(key(n)).sigAlg("Ed25519").serial(BigInteger.valueOf(n));
  }

  /** One vector: what it shows, anchors, leaf, intermediates, the intended result, flags. */
  private record Case(
      String comment,
      List<Issued> anchors,
      Issued leaf,
      List<Issued> intermediates,
      @Nullable ReasonCode intended,
      List<String> flags) {}

  private static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    Issued root = ed(TestPki.root("Vector Root"), 1).issue();
    Issued inter = ed(TestPki.intermediate("Vector Intermediate", root), 2).issue();
    Issued leaf = ed(TestPki.leaf("device-1.example.com", inter), 3).issue();
    c.add(
        new Case("root, intermediate, leaf", List.of(root), leaf, List.of(inter), null, List.of()));
    Issued direct = ed(TestPki.leaf("device-2.example.com", root), 4).issue();
    c.add(new Case("leaf issued by the root", List.of(root), direct, List.of(), null, List.of()));
    Issued expired =
        ed(TestPki.leaf("device-3.example.com", inter), 5)
            .validity(TestPki.NOW.minus(Duration.ofDays(730)), TestPki.NOW.minusSeconds(1))
            .issue();
    c.add(
        new Case(
            "leaf expired one second before the validation time",
            List.of(root),
            expired,
            List.of(inter),
            ReasonCode.EXPIRED,
            List.of("VALIDITY")));
    Issued future =
        ed(TestPki.intermediate("Vector Future Intermediate", root), 6)
            .validity(TestPki.NOW.plusSeconds(1), TestPki.NOW.plus(Duration.ofDays(365)))
            .issue();
    Issued underFuture = ed(TestPki.leaf("device-4.example.com", future), 7).issue();
    c.add(
        new Case(
            "intermediate not valid until one second after the validation time",
            List.of(root),
            underFuture,
            List.of(future),
            ReasonCode.NOT_YET_VALID,
            List.of("VALIDITY")));
    Issued forged =
        ed(TestPki.leaf("device-5.example.com", inter), 8).signedBy(key(99).getPrivate()).issue();
    c.add(
        new Case(
            "leaf names the intermediate but is signed by another key",
            List.of(root),
            forged,
            List.of(inter),
            ReasonCode.SIGNATURE_INVALID,
            List.of("SIGNATURE")));
    Issued notCa =
        ed(TestPki.intermediate("Vector Not A CA", root), 9)
            .notCa()
            .keyUsage(TestPki.Spec.DIGITAL_SIGNATURE)
            .issue();
    Issued underNotCa = ed(TestPki.leaf("device-6.example.com", notCa), 10).issue();
    c.add(
        new Case(
            "issuer is not a CA (basicConstraints cA false)",
            List.of(root),
            underNotCa,
            List.of(notCa),
            ReasonCode.BASIC_CONSTRAINTS,
            List.of("CA_RULES")));
    Issued len0 = ed(TestPki.intermediate("Vector PathLen 0", root), 11).ca(0).issue();
    Issued below = ed(TestPki.intermediate("Vector Below PathLen 0", len0), 12).issue();
    Issued deep = ed(TestPki.leaf("device-7.example.com", below), 13).issue();
    c.add(
        new Case(
            "pathLenConstraint 0 with another intermediate below",
            List.of(root),
            deep,
            List.of(below, len0),
            ReasonCode.PATH_LENGTH_EXCEEDED,
            List.of("CA_RULES")));
    Issued otherRoot = ed(TestPki.root("Vector Other Root"), 14).issue();
    c.add(
        new Case(
            "the chain leads to a root that is not a trust anchor",
            List.of(otherRoot),
            leaf,
            List.of(inter),
            ReasonCode.NO_PATH,
            List.of("PATH")));
    Issued critical =
        ed(TestPki.leaf("device-8.example.com", inter), 15).criticalUnknownExtension().issue();
    c.add(
        new Case(
            "leaf with an unknown critical extension",
            List.of(root),
            critical,
            List.of(inter),
            ReasonCode.UNKNOWN_CRITICAL_EXTENSION,
            List.of("EXTENSIONS")));
    Issued constrained =
        ed(TestPki.intermediate("Vector Constrained", root), 16)
            .permit(GeneralName.dNSName, "example.com")
            .issue();
    Issued outside = ed(TestPki.leaf("device.example.org", constrained), 17).issue();
    c.add(
        new Case(
            "leaf dNSName outside the intermediate's permitted subtree",
            List.of(root),
            outside,
            List.of(constrained),
            ReasonCode.NAME_CONSTRAINT_VIOLATION,
            List.of("NAME_CONSTRAINTS")));
    Issued inside = ed(TestPki.leaf("device-9.example.com", constrained), 18).issue();
    c.add(
        new Case(
            "leaf dNSName inside the intermediate's permitted subtree",
            List.of(root),
            inside,
            List.of(constrained),
            null,
            List.of("NAME_CONSTRAINTS")));
    Issued noCertSign =
        ed(TestPki.intermediate("Vector No keyCertSign", root), 19)
            .keyUsage(TestPki.Spec.CRL_SIGN)
            .issue();
    Issued underNoCertSign = ed(TestPki.leaf("device-10.example.com", noCertSign), 20).issue();
    c.add(
        new Case(
            "CA whose keyUsage lacks keyCertSign",
            List.of(root),
            underNoCertSign,
            List.of(noCertSign),
            ReasonCode.KEY_USAGE_MISMATCH,
            List.of("CA_RULES")));
    Issued expiredRoot =
        ed(TestPki.root("Vector Expired Root"), 21)
            .validity(TestPki.NOW.minus(Duration.ofDays(730)), TestPki.NOW.minusSeconds(1))
            .issue();
    Issued underExpiredRoot = ed(TestPki.leaf("device-11.example.com", expiredRoot), 22).issue();
    c.add(
        new Case(
            "expired trust anchor: the SDK checks anchors as full certificates, PKIX does not",
            List.of(expiredRoot),
            underExpiredRoot,
            List.of(),
            ReasonCode.EXPIRED,
            List.of("VALIDITY", STRICTER)));
    Issued criticalRoot =
        ed(TestPki.root("Vector Critical Root"), 23).criticalUnknownExtension().issue();
    Issued underCriticalRoot = ed(TestPki.leaf("device-12.example.com", criticalRoot), 24).issue();
    c.add(
        new Case(
            "trust anchor with an unknown critical extension: checked by the SDK, not by PKIX",
            List.of(criticalRoot),
            underCriticalRoot,
            List.of(),
            ReasonCode.UNKNOWN_CRITICAL_EXTENSION,
            List.of("EXTENSIONS", STRICTER)));
    Issued serialZero =
        ed(TestPki.leaf("device-13.example.com", inter), 25).serial(BigInteger.ZERO).issue();
    c.add(
        new Case(
            "leaf serial number 0: RFC 5280 4.1.2.2 requires a positive serial; PKIX accepts it",
            List.of(root),
            serialZero,
            List.of(inter),
            ReasonCode.MALFORMED_CERTIFICATE,
            List.of(STRICTER)));
    return c;
  }

  private static String pem(Issued i) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(i.cert().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode generate(List<String> disagreements) {
    ObjectNode file = MAPPER.createObjectNode();
    file.put("schema", "../schema/vector-file.schema.json");
    file.put("suite", "chain-validation");
    file.put("version", 1);
    file.put(
        "description",
        "X.509 certification path validation (docs/trust.md): trust anchors, the leaf and"
            + " untrusted intermediates (PEM, Ed25519 keys), validated at validationTime with no"
            + " required key usages, host name or revocation; the result is valid, or invalid"
            + " with the ReasonCode the SDK reports. Tests flagged STRICTER_THAN_PKIX are"
            + " rejected by the SDK's rules where RFC 5280 path validation as the JDK's PKIX"
            + " implements it accepts the chain.");
    file.put(
        "provenance",
        "Generated by io.souverix.attestation.x509.ChainValidationVectorsTest in sdk-attestation's"
            + " tests (-Dsouverix.regenerateVectors=true): certificates built with Bouncy Castle"
            + " from fixed Ed25519 seeds (deterministic), expected results from"
            + " TrustChainValidator, each also asserted against the result the case was built to"
            + " show. The conformance kit's tests (ChainValidationVectors) re-check every vector"
            + " with the JDK's PKIX CertPathBuilder: same verdict, except STRICTER_THAN_PKIX"
            + " tests, which PKIX must accept.");
    file.put("numberOfTests", 0);
    ObjectNode notes = file.putObject("notes");
    notes.put("CA_RULES", "basicConstraints, pathLenConstraint or keyUsage of an issuer.");
    notes.put("EXTENSIONS", "Critical extensions the validator does not process.");
    notes.put("NAME_CONSTRAINTS", "Name constraints of an issuer (RFC 5280 4.2.1.10).");
    notes.put("PATH", "Building the path to a trust anchor.");
    notes.put("SIGNATURE", "The signature of a certificate by its issuer.");
    notes.put(
        STRICTER,
        "The SDK rejects the chain, the JDK's PKIX (RFC 5280 6.1) accepts it: a deliberate,"
            + " documented difference.");
    notes.put("VALIDITY", "notBefore / notAfter against the validation time.");
    ObjectNode group = file.putArray("testGroups").addObject();
    group.put("type", "ChainValidation");
    group.put("validationTime", TestPki.NOW.toString());
    ArrayNode tests = group.putArray("tests");
    int id = 0;
    for (Case c : cases()) {
      ObjectNode t = tests.addObject();
      t.put("tcId", ++id);
      t.put("comment", c.comment());
      ArrayNode flags = t.putArray("flags");
      c.flags().forEach(flags::add);
      ArrayNode anchors = t.putArray("trustAnchors");
      c.anchors().forEach(a -> anchors.add(pem(a)));
      t.put("leaf", pem(c.leaf()));
      ArrayNode inters = t.putArray("intermediates");
      c.intermediates().forEach(i -> inters.add(pem(i)));
      ChainVerification v =
          TrustChainValidator.newBuilder()
              .trustAnchors(c.anchors().stream().map(Issued::cert).toList())
              .validationTime(TestPki.NOW)
              .build()
              .validate(c.leaf().cert(), c.intermediates().stream().map(Issued::cert).toList());
      ReasonCode got = v.isValid() ? null : v.reason().orElseThrow();
      if (got != c.intended()) {
        disagreements.add(
            "tcId " + id + " (" + c.comment() + "): " + got + " but built for " + c.intended());
      }
      if (got == null) {
        t.put("result", "valid");
      } else {
        t.put("result", "invalid");
        t.put("errorCode", got.name());
      }
    }
    file.put("numberOfTests", id);
    return file;
  }

  @Test
  void chainVectors_committed_equalTheValidatorsResults() throws IOException {
    List<String> disagreements = new ArrayList<>();
    String fresh =
        MAPPER
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(generate(disagreements))
                .replace("\r\n", "\n")
            + "\n";
    assertThat(disagreements).as("validator results against the cases' intent").isEmpty();
    if (Boolean.getBoolean("souverix.regenerateVectors")) {
      Files.createDirectories(SOURCE.getParent());
      Files.writeString(SOURCE, fresh, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = ChainValidationVectorsTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as("%s from conformance-tests on the test class path", RESOURCE).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"))
          .as("%s is stale; regenerate with -Dsouverix.regenerateVectors=true", RESOURCE)
          .isEqualTo(fresh);
    }
  }
}
