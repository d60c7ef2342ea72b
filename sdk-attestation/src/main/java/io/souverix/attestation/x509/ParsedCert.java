package io.souverix.attestation.x509;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * A certificate parsed once with Bouncy Castle, with the extensions the validator uses decoded and
 * the position-independent RFC 5280 profile checks already run.
 */
final class ParsedCert {
  /** Extensions the validator processes, or knows to be safe to ignore when critical. */
  private static final Set<String> CRITICAL_OK =
      Set.of(
          "2.5.29.15", // keyUsage
          "2.5.29.17", // subjectAltName
          "2.5.29.19", // basicConstraints
          "2.5.29.30", // nameConstraints
          "2.5.29.37", // extKeyUsage
          "2.5.29.32", // certificatePolicies (initial policy set anyPolicy)
          "2.5.29.33", // policyMappings
          "2.5.29.36", // policyConstraints
          "2.5.29.54"); // inhibitAnyPolicy

  /** Extensions RFC 5280 says MUST be non-critical. */
  private static final Set<String> MUST_BE_NONCRITICAL =
      Set.of(
          "2.5.29.35", // authorityKeyIdentifier
          "2.5.29.14", // subjectKeyIdentifier
          "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
          "1.3.6.1.5.5.7.1.11", // subjectInfoAccess
          "2.5.29.46"); // freshestCRL

  final X509Certificate x509;
  final byte[] der;
  final Certificate bc;
  final X500Name subject;
  final X500Name issuer;
  final DnKey subjectDn;
  final DnKey issuerDn;
  private volatile @Nullable String subjectText;
  private volatile @Nullable KeyVerdict keyVerdict;
  final boolean selfIssued;
  final Instant notBefore;
  final Instant notAfter;
  final @Nullable BasicConstraints basicConstraints;
  final boolean basicConstraintsCritical;
  final int keyUsageBits; // -1 when absent
  final @Nullable List<String> eku; // null when absent
  final boolean ekuCritical;
  final GeneralName[] san; // empty when absent
  final boolean sanPresent;
  final boolean sanCritical;
  final @Nullable NameConstraints nameConstraints;
  final byte @Nullable [] ski;
  final @Nullable AuthorityKeyIdentifier aki;
  final @Nullable SignatureAlgorithm signatureAlgorithm;
  final @Nullable Problem profileProblem;

  /**
   * Serial-number and authorityKeyIdentifier rules, which bind a certificate to its issuer; not
   * applied to trust anchors, which are trusted by configuration rather than by their issuer.
   */
  final @Nullable Problem linkProblem;

  private ParsedCert(X509Certificate x509) throws Problem {
    this.x509 = x509;
    try {
      this.der = x509.getEncoded();
      this.bc = Certificate.getInstance(der);
    } catch (CertificateEncodingException | RuntimeException e) {
      throw Problem.of(ReasonCode.PARSE_ERROR, "parse", "certificate not parseable: %s", e);
    }
    this.subject = bc.getSubject();
    this.issuer = bc.getIssuer();
    this.subjectDn = new DnKey(subject);
    this.issuerDn = new DnKey(issuer);
    this.selfIssued = subjectDn.matches(issuerDn);
    // The certificate object has decoded its validity already; Bouncy Castle would again, slowly.
    this.notBefore = x509.getNotBefore().toInstant();
    this.notAfter = x509.getNotAfter().toInstant();
    Extensions ext;
    try {
      ext = bc.getTBSCertificate().getExtensions();
    } catch (RuntimeException e) {
      throw Problem.of(ReasonCode.PARSE_ERROR, "parse", "extensions not parseable: %s", e);
    }
    Extension e;
    try {
      e = ext == null ? null : ext.getExtension(Extension.basicConstraints);
      this.basicConstraints = e == null ? null : BasicConstraints.getInstance(e.getParsedValue());
      this.basicConstraintsCritical = e != null && e.isCritical();
      e = ext == null ? null : ext.getExtension(Extension.keyUsage);
      if (e == null) {
        this.keyUsageBits = -1;
      } else {
        org.bouncycastle.asn1.x509.KeyUsage ku =
            org.bouncycastle.asn1.x509.KeyUsage.getInstance(e.getParsedValue());
        byte[] b = ku.getBytes();
        this.keyUsageBits =
            (b.length > 0 ? b[0] & 0xff : 0) | (b.length > 1 ? (b[1] & 0xff) << 8 : 0);
      }
      e = ext == null ? null : ext.getExtension(Extension.extendedKeyUsage);
      if (e == null) {
        this.eku = null;
        this.ekuCritical = false;
      } else {
        ASN1Sequence seq = ASN1Sequence.getInstance(e.getParsedValue());
        List<String> oids = new ArrayList<>();
        for (ASN1Encodable o : seq) {
          oids.add(KeyPurposeId.getInstance(o).toOID().getId());
        }
        this.eku = List.copyOf(oids);
        this.ekuCritical = e.isCritical();
      }
      e = ext == null ? null : ext.getExtension(Extension.subjectAlternativeName);
      this.sanPresent = e != null;
      this.sanCritical = e != null && e.isCritical();
      this.san =
          e == null ? new GeneralName[0] : GeneralNames.getInstance(e.getParsedValue()).getNames();
      e = ext == null ? null : ext.getExtension(Extension.nameConstraints);
      this.nameConstraints = e == null ? null : NameConstraints.getInstance(e.getParsedValue());
      e = ext == null ? null : ext.getExtension(Extension.subjectKeyIdentifier);
      this.ski =
          e == null
              ? null
              : SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
      e = ext == null ? null : ext.getExtension(Extension.authorityKeyIdentifier);
      this.aki = e == null ? null : AuthorityKeyIdentifier.getInstance(e.getParsedValue());
      e = ext == null ? null : ext.getExtension(Extension.authorityInfoAccess);
      if (e != null
          && AuthorityInformationAccess.getInstance(e.getParsedValue())
                  .getAccessDescriptions()
                  .length
              == 0) {
        throw Problem.of(
            ReasonCode.MALFORMED_CERTIFICATE, "profile", "authorityInfoAccess holds no entry");
      }
    } catch (RuntimeException ex) {
      throw Problem.of(ReasonCode.PARSE_ERROR, "parse", "extension not parseable: %s", ex);
    }
    SignatureAlgorithm alg;
    try {
      alg = SignatureAlgorithm.identify(bc.getSignatureAlgorithm());
    } catch (RuntimeException ex) {
      alg = null;
    }
    this.signatureAlgorithm = alg;
    this.profileProblem = profile(ext);
    this.linkProblem = link();
  }

  static ParsedCert parse(X509Certificate x509) throws Problem {
    return new ParsedCert(x509);
  }

  /** The subject as RFC 2253 text ({@code X500Principal.getName()}), rendered on first use. */
  String subjectText() {
    String s = subjectText;
    if (s == null) {
      s = x509.getSubjectX500Principal().getName();
      subjectText = s;
    }
    return s;
  }

  /** True if this certificate's subject is {@code child}'s issuer name (RFC 5280 name matching). */
  boolean issued(ParsedCert child) {
    return subjectDn.matches(child.issuerDn);
  }

  /**
   * The public-key policy's verdict on this certificate's key ({@link Keys#check}); kept for the
   * last minimum RSA size asked, so a trust anchor's key is judged once per validator, not once per
   * validation.
   */
  @Nullable Problem keyProblem(int minRsaBits) {
    KeyVerdict v = keyVerdict;
    if (v == null || v.minRsaBits != minRsaBits) {
      v = new KeyVerdict(minRsaBits, Keys.check(publicKeyInfo(), minRsaBits));
      keyVerdict = v;
    }
    return v.problem;
  }

  private record KeyVerdict(int minRsaBits, @Nullable Problem problem) {}

  boolean isCa() {
    return basicConstraints != null && basicConstraints.isCA();
  }

  boolean hasKeyUsage(KeyUsage u) {
    return keyUsageBits >= 0 && (keyUsageBits & u.bcMask()) != 0;
  }

  /** The key identifier of the authorityKeyIdentifier, or null. */
  byte @Nullable [] akiKeyId() {
    return aki == null ? null : aki.getKeyIdentifier();
  }

  SubjectPublicKeyInfo publicKeyInfo() {
    return bc.getSubjectPublicKeyInfo();
  }

  /** Position-independent RFC 5280 profile checks; null when the certificate conforms. */
  private @Nullable Problem profile(@Nullable Extensions ext) {
    if (bc.getVersionNumber() != 3) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "version; expected v3, but got v%d",
          bc.getVersionNumber());
    }
    if (!bc.getSignatureAlgorithm().equals(bc.getTBSCertificate().getSignature())) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "signature algorithm differs between certificate and tbsCertificate");
    }
    if (issuer.getRDNs().length == 0) {
      return Problem.of(ReasonCode.MALFORMED_CERTIFICATE, "profile", "empty issuer name");
    }
    if (ext != null) {
      for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
        Extension x = ext.getExtension(oid);
        if (x.isCritical() && !CRITICAL_OK.contains(oid.getId())) {
          return Problem.of(
              MUST_BE_NONCRITICAL.contains(oid.getId())
                  ? ReasonCode.MALFORMED_CERTIFICATE
                  : ReasonCode.UNKNOWN_CRITICAL_EXTENSION,
              "extensions",
              "critical extension %s",
              oid.getId());
        }
        if (oid.getId().equals("2.5.29.36") && !x.isCritical()) {
          return Problem.of(
              ReasonCode.MALFORMED_CERTIFICATE, "extensions", "policyConstraints not critical");
        }
      }
    }
    if (eku != null && eku.isEmpty()) {
      return Problem.of(ReasonCode.MALFORMED_CERTIFICATE, "profile", "extKeyUsage is empty");
    }
    if (subject.getRDNs().length == 0 && !(sanPresent && sanCritical)) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "empty subject requires a critical subjectAltName");
    }
    if (hasKeyUsage(KeyUsage.KEY_CERT_SIGN) && !isCa()) {
      return Problem.of(
          ReasonCode.KEY_USAGE_MISMATCH, "key-usage", "keyCertSign asserted but cA is false");
    }
    if (isCa() && keyUsageBits >= 0 && !hasKeyUsage(KeyUsage.KEY_CERT_SIGN)) {
      return Problem.of(
          ReasonCode.KEY_USAGE_MISMATCH, "key-usage", "cA is true but keyCertSign not asserted");
    }
    if (nameConstraints != null && !isCa()) {
      return Problem.of(
          ReasonCode.NAME_CONSTRAINT_VIOLATION,
          "name-constraints",
          "nameConstraints on a certificate that is not a CA");
    }
    return sanSyntax();
  }

  private @Nullable Problem link() {
    BigInteger serial = bc.getSerialNumber().getValue();
    if (serial.signum() <= 0) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "serial number; expected positive, but got %s",
          serial);
    }
    if (serial.toByteArray().length > 20) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "serial number; expected at most 20 octets, but got %d",
          serial.toByteArray().length);
    }
    if (!selfIssued && akiKeyId() == null) {
      return Problem.of(
          ReasonCode.MALFORMED_CERTIFICATE,
          "profile",
          "authorityKeyIdentifier keyIdentifier missing on a certificate that is not self-issued");
    }
    return null;
  }

  private @Nullable Problem sanSyntax() {
    for (GeneralName n : san) {
      String bad = null;
      switch (n.getTagNo()) {
        case GeneralName.dNSName -> {
          String s = n.getName().toString();
          if (!Names.isDnsSan(s)) {
            bad = "dNSName '" + s + "'";
          }
        }
        case GeneralName.iPAddress -> {
          int len = ((org.bouncycastle.asn1.ASN1OctetString) n.getName()).getOctets().length;
          if (len != 4 && len != 16) {
            bad = "iPAddress of " + len + " octets";
          }
        }
        case GeneralName.rfc822Name -> {
          String s = n.getName().toString();
          if (!Names.isMailbox(s)) {
            bad = "rfc822Name '" + s + "'";
          }
        }
        default -> {}
      }
      if (bad != null) {
        return Problem.of(
            ReasonCode.MALFORMED_CERTIFICATE, "subject-alt-name", "malformed SAN %s", bad);
      }
    }
    return null;
  }

  /** The common names in the subject. */
  List<String> commonNames() {
    List<String> out = new ArrayList<>();
    for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
      out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
    }
    return out;
  }

  /** The e-mail addresses in the subject (PKCS #9 emailAddress attributes). */
  List<String> subjectEmails() {
    List<String> out = new ArrayList<>();
    for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
      out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
    }
    return out;
  }

  /** True if the certificates have identical encodings. */
  boolean sameAs(ParsedCert o) {
    return Arrays.equals(der, o.der);
  }

  /** True if the certificates have the same subject and public key (the same logical CA). */
  boolean sameSubjectAndKey(ParsedCert o) {
    return subjectDn.matches(o.subjectDn) && publicKeyInfo().equals(o.publicKeyInfo());
  }
}
