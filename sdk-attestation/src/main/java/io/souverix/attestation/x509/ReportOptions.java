package io.souverix.attestation.x509;

import io.souverix.lifecycle.internal.Sha256;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TrustChainValidator} was configured with, as a {@link VerificationReport} records
 * it: the SHA-256 of the DER of every trust anchor and CRL and of every OCSP response (in the order
 * given) and the options that decide the outcome: path, key and name options, the revocation
 * policy, the certificate-policy inputs and the device-identity expectation. Frozen when the
 * validator is built.
 */
final class ReportOptions {
  final List<String> anchorDigests;
  final List<String> crlDigests;
  final int maxDepth;
  final List<String> signatureAlgorithms; // names, sorted
  final int minRsaBits;
  final List<String> ekus; // OIDs, sorted
  final List<String> keyUsages; // RFC 5280 names, in bit order
  final @Nullable String hostname;
  final List<String> emails; // in the order given
  final List<String> ocspDigests; // in the order given
  final @Nullable RevocationPolicy revocationPolicy; // null: checked only when sources are given
  final Duration revocationTolerance;
  final List<String> initialPolicies; // dotted OIDs, sorted
  final boolean explicitPolicy;
  final boolean policyMappingInhibit;
  final boolean anyPolicyInhibit;
  final @Nullable String deviceSerial;
  final @Nullable String deviceFactory;

  ReportOptions(
      Collection<X509Certificate> anchors,
      Collection<X509CRL> crls,
      int maxDepth,
      Collection<SignatureAlgorithm> algorithms,
      int minRsaBits,
      Collection<ExtendedKeyUsage> ekus,
      Collection<KeyUsage> keyUsages,
      @Nullable String hostname,
      List<String> emails,
      List<byte[]> ocspResponses,
      @Nullable RevocationPolicy revocationPolicy,
      Duration revocationTolerance,
      Collection<String> initialPolicies,
      boolean explicitPolicy,
      boolean policyMappingInhibit,
      boolean anyPolicyInhibit,
      @Nullable String deviceSerial,
      @Nullable String deviceFactory) {
    List<String> a = new ArrayList<>();
    for (X509Certificate c : anchors) {
      a.add(digest(c));
    }
    this.anchorDigests = List.copyOf(a);
    List<String> r = new ArrayList<>();
    for (X509CRL c : crls) {
      try {
        r.add(Sha256.hex(c.getEncoded()));
      } catch (CRLException e) {
        throw new IllegalArgumentException("CRL not encodable: " + e.getMessage(), e);
      }
    }
    this.crlDigests = List.copyOf(r);
    this.maxDepth = maxDepth;
    this.signatureAlgorithms = algorithms.stream().map(SignatureAlgorithm::name).sorted().toList();
    this.minRsaBits = minRsaBits;
    this.ekus = ekus.stream().map(ExtendedKeyUsage::oid).distinct().sorted().toList();
    this.keyUsages = keyUsages.stream().sorted().distinct().map(KeyUsage::rfcName).toList();
    this.hostname = hostname;
    this.emails = List.copyOf(emails);
    this.ocspDigests = ocspResponses.stream().map(Sha256::hex).toList();
    this.revocationPolicy = revocationPolicy;
    this.revocationTolerance = revocationTolerance;
    this.initialPolicies = initialPolicies.stream().distinct().sorted().toList();
    this.explicitPolicy = explicitPolicy;
    this.policyMappingInhibit = policyMappingInhibit;
    this.anyPolicyInhibit = anyPolicyInhibit;
    this.deviceSerial = deviceSerial;
    this.deviceFactory = deviceFactory;
  }

  /** The lower-case hex SHA-256 of a certificate's DER; of nothing if it cannot be encoded. */
  static String digest(X509Certificate c) {
    try {
      return Sha256.hex(c.getEncoded());
    } catch (CertificateEncodingException e) {
      return Sha256.hex(new byte[0]);
    }
  }

  /**
   * Options as a report recorded them, to configure a validator again for re-verification.
   *
   * @param maxDepth the maximum number of intermediates
   * @param signatureAlgorithms the allowed algorithms' names
   * @param minRsaBits the minimum RSA modulus size
   * @param ekus the required extended key usages' OIDs
   * @param keyUsages the required key usages' RFC 5280 names
   * @param hostname the expected host name, or null
   * @param emails the expected e-mail addresses
   * @param revocationPolicy the explicit revocation policy, or null (schema version 1: null)
   * @param revocationTolerance the freshness tolerance (version 1: zero)
   * @param initialPolicies the user-initial-policy-set (version 1: anyPolicy)
   * @param explicitPolicy initial-explicit-policy (version 1: false)
   * @param policyMappingInhibit initial-policy-mapping-inhibit (version 1: false)
   * @param anyPolicyInhibit initial-any-policy-inhibit (version 1: false)
   * @param deviceSerial the expected device serial number, or null
   * @param deviceFactory the factory the device claimed, or null
   */
  record Recorded(
      int maxDepth,
      List<String> signatureAlgorithms,
      int minRsaBits,
      List<String> ekus,
      List<String> keyUsages,
      @Nullable String hostname,
      List<String> emails,
      @Nullable RevocationPolicy revocationPolicy,
      Duration revocationTolerance,
      List<String> initialPolicies,
      boolean explicitPolicy,
      boolean policyMappingInhibit,
      boolean anyPolicyInhibit,
      @Nullable String deviceSerial,
      @Nullable String deviceFactory) {
    /** A validator with exactly these options, validating at {@code at}. */
    TrustChainValidator validator(
        List<X509Certificate> anchors, List<X509CRL> crls, List<byte[]> ocsp, Instant at) {
      TrustChainValidator.Builder b =
          TrustChainValidator.newBuilder()
              .trustAnchors(anchors)
              .crls(crls)
              .ocspResponses(ocsp)
              .revocationFreshnessTolerance(revocationTolerance)
              .validationTime(at)
              .maxDepth(maxDepth)
              .minimumRsaModulusBits(minRsaBits)
              .expectedEmails(emails);
      Set<SignatureAlgorithm> algs = new HashSet<>();
      for (String n : signatureAlgorithms) {
        SignatureAlgorithm a = SignatureAlgorithm.byName(n);
        if (a == null) {
          throw new IllegalArgumentException("unknown signature algorithm " + n);
        }
        algs.add(a);
      }
      b.allowedSignatureAlgorithms(algs);
      b.requiredExtendedKeyUsages(ekus.stream().map(ExtendedKeyUsage::of).toList());
      List<KeyUsage> kus = new ArrayList<>();
      for (String n : keyUsages) {
        kus.add(
            KeyUsage.fromRfcName(n)
                .orElseThrow(() -> new IllegalArgumentException("unknown key usage " + n)));
      }
      b.requiredKeyUsages(kus);
      if (hostname != null) {
        b.expectedHostname(hostname);
      }
      if (revocationPolicy != null) {
        b.revocationPolicy(revocationPolicy);
      }
      if (!initialPolicies.equals(List.of(PolicyCheck.ANY_POLICY))) {
        b.initialPolicySet(initialPolicies);
      }
      if (explicitPolicy) {
        b.requireExplicitPolicy();
      }
      if (policyMappingInhibit) {
        b.inhibitPolicyMapping();
      }
      if (anyPolicyInhibit) {
        b.inhibitAnyPolicy();
      }
      if (deviceSerial != null) {
        b.expectedDeviceSerialNumber(deviceSerial);
      }
      if (deviceFactory != null) {
        b.deviceFactory(deviceFactory);
      }
      return b.build();
    }
  }
}
