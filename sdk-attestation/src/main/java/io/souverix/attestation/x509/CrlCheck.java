package io.souverix.attestation.x509;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentVerifierProvider;

/**
 * Revocation from CRLs supplied offline (RFC 5280 sections 5 and 6.3), hard-fail: every certificate
 * on the path below the trust anchor needs a valid, complete CRL from its issuer. Delta CRLs and
 * CRLs scoped by an issuingDistributionPoint are not used.
 */
final class CrlCheck {
  private static final Set<String> KNOWN_CRL_EXTENSIONS =
      Set.of("2.5.29.20", "2.5.29.35", "2.5.29.18"); // cRLNumber, AKI, issuerAltName

  private final List<X509CRLHolder> crls;

  private CrlCheck(List<X509CRLHolder> crls) {
    this.crls = crls;
  }

  static CrlCheck of(List<X509CRL> crls) {
    List<X509CRLHolder> out = new ArrayList<>();
    for (X509CRL c : crls) {
      try {
        out.add(new X509CRLHolder(CertificateList.getInstance(c.getEncoded())));
      } catch (CRLException | RuntimeException e) {
        throw new IllegalArgumentException("CRL not parseable: " + e.getMessage(), e);
      }
    }
    return new CrlCheck(List.copyOf(out));
  }

  boolean isEmpty() {
    return crls.isEmpty();
  }

  /** Checks {@code child}, issued by {@code issuer}, at {@code at}. */
  void check(ParsedCert child, ParsedCert issuer, ContentVerifierProvider verifier, Instant at)
      throws Problem {
    List<String> rejected = new ArrayList<>();
    boolean covered = false;
    BigInteger serial = child.bc.getSerialNumber().getValue();
    for (X509CRLHolder crl : crls) {
      if (!crl.getIssuer().equals(child.issuer)) {
        continue;
      }
      String why = unusable(crl, issuer, verifier, at);
      if (why != null) {
        rejected.add(why);
        continue;
      }
      covered = true;
      X509CRLEntryHolder entry = crl.getRevokedCertificate(serial);
      if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
        throw Problem.of(
            ReasonCode.REVOKED,
            "revocation",
            "'%s' (serial %s) revoked on %s",
            child.subjectText,
            serial.toString(16),
            entry.getRevocationDate().toInstant());
      }
    }
    if (!covered) {
      throw Problem.of(
          ReasonCode.REVOCATION_UNKNOWN,
          "revocation",
          "no valid CRL from '%s' covers '%s'%s",
          issuer.subjectText,
          child.subjectText,
          rejected.isEmpty() ? "" : " (rejected: " + String.join("; ", rejected) + ")");
    }
  }

  private static String unusable(
      X509CRLHolder crl, ParsedCert issuer, ContentVerifierProvider verifier, Instant at) {
    if (issuer.keyUsageBits >= 0 && !issuer.hasKeyUsage(KeyUsage.CRL_SIGN)) {
      return "issuer lacks cRLSign";
    }
    try {
      if (!crl.isSignatureValid(verifier)) {
        return "signature invalid";
      }
    } catch (Exception e) {
      return "signature not verifiable";
    }
    Extensions ext = crl.getExtensions();
    Extension number = ext == null ? null : ext.getExtension(Extension.cRLNumber);
    if (number == null) {
      return "cRLNumber missing";
    }
    if (number.isCritical()) {
      return "cRLNumber critical";
    }
    if (ext != null) {
      for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
        if (!KNOWN_CRL_EXTENSIONS.contains(oid.getId())) {
          return "unsupported CRL extension " + oid.getId();
        }
      }
    }
    Date thisUpdate = crl.getThisUpdate();
    Date nextUpdate = crl.getNextUpdate();
    if (thisUpdate.toInstant().isAfter(at)) {
      return "thisUpdate in the future";
    }
    if (nextUpdate != null && nextUpdate.toInstant().isBefore(at)) {
      return "stale (nextUpdate passed)";
    }
    return null;
  }
}
