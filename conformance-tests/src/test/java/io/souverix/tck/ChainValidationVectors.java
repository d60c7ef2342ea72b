package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The chain-validation vectors ({@code vectors/x509/chain_validation_v1.json}), generated in
 * sdk-attestation's tests from its {@code TrustChainValidator} (this module cannot depend on it).
 * {@link #check(JsonNode)} re-checks every vector with the JDK's PKIX {@code CertPathBuilder} (RFC
 * 5280 path building and validation, revocation off): the same verdict, except for tests flagged
 * {@code STRICTER_THAN_PKIX}, which PKIX must accept while the vector says invalid.
 */
final class ChainValidationVectors {
  static final String FILE = "x509/chain_validation_v1.json";
  static final String STRICTER = "STRICTER_THAN_PKIX";

  private ChainValidationVectors() {}

  private static X509Certificate cert(JsonNode pem) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII)));
  }

  /** Whether the JDK's PKIX builds and validates a path from the leaf to one of the anchors. */
  static boolean pkixAccepts(JsonNode test, Instant at) throws GeneralSecurityException {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (JsonNode a : test.get("trustAnchors")) {
      anchors.add(new TrustAnchor(cert(a), null));
    }
    X509Certificate leaf = cert(test.get("leaf"));
    List<X509Certificate> pool = new ArrayList<>(List.of(leaf));
    for (JsonNode i : test.get("intermediates")) {
      pool.add(cert(i));
    }
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
    params.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    try {
      CertPathBuilder.getInstance("PKIX").build(params);
      return true;
    } catch (CertPathBuilderException e) {
      return false;
    }
  }

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      Instant at = Instant.parse(group.get("validationTime").asText());
      for (JsonNode t : group.get("tests")) {
        boolean valid = t.get("result").asText().equals("valid");
        boolean stricter = false;
        for (JsonNode f : t.get("flags")) {
          stricter |= f.asText().equals(STRICTER);
        }
        try {
          boolean pkix = pkixAccepts(t, at);
          if (stricter && (valid || !pkix)) {
            mismatches.add(
                VectorFiles.label(t)
                    + ": flagged "
                    + STRICTER
                    + ", so expected invalid here and accepted by PKIX, but the vector says "
                    + t.get("result").asText()
                    + " and PKIX "
                    + (pkix ? "accepts" : "rejects"));
          } else if (!stricter && pkix != valid) {
            mismatches.add(
                VectorFiles.label(t)
                    + ": the vector says "
                    + t.get("result").asText()
                    + " but PKIX "
                    + (pkix ? "accepts" : "rejects"));
          }
        } catch (GeneralSecurityException e) {
          mismatches.add(VectorFiles.label(t) + ": " + e);
        }
      }
    }
    return mismatches;
  }
}
