package io.souverix.attestation.x509;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Test fixture: builds CA hierarchies with Bouncy Castle (roots, intermediates, leaves) with
 * options for validity, EKU, key usage, name constraints, basic constraints, unknown critical
 * extensions and cross-signing. Every certificate is generated at test time.
 */
final class TestPki {
  /** The validation time of the tests; certificates are valid a year either side by default. */
  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  /** An OID no implementation recognises. */
  static final String UNKNOWN_OID = "1.3.6.1.4.1.55738.666.1";

  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestPki() {}

  /** A certificate with its key pair. */
  record Issued(X509Certificate cert, KeyPair keys, X500Name name) {}

  static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKey(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Spec root(String cn) {
    return new Spec(cn, null).ca(null).keyUsage(Spec.KEY_CERT_SIGN | Spec.CRL_SIGN);
  }

  static Spec intermediate(String cn, Issued issuer) {
    return new Spec(cn, issuer).ca(null).keyUsage(Spec.KEY_CERT_SIGN | Spec.CRL_SIGN);
  }

  static Spec leaf(String cn, Issued issuer) {
    return new Spec(cn, issuer)
        .keyUsage(Spec.DIGITAL_SIGNATURE)
        .eku(KeyPurposeId.id_kp_serverAuth)
        .dns(cn);
  }

  /** A CRL from {@code issuer} revoking the given serial numbers. */
  static X509CRL crl(Issued issuer, BigInteger... revoked) {
    try {
      X509v2CRLBuilder b =
          new X509v2CRLBuilder(issuer.name(), Date.from(NOW.minus(Duration.ofDays(1))));
      b.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(7))));
      for (BigInteger s : revoked) {
        b.addCRLEntry(s, Date.from(NOW.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
      }
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
      return new JcaX509CRLConverter().getCRL(b.build(signer("SHA256withECDSA", issuer.keys())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CRL under construction; signed by {@code issuer} unless told otherwise. */
  static CrlSpec crlSpec(Issued issuer) {
    return new CrlSpec(issuer);
  }

  /**
   * An OCSP response under construction for {@code cert} issued by {@code ca}, signed by the CA.
   */
  static OcspSpec ocsp(Issued ca, Issued cert) {
    return new OcspSpec(ca, cert);
  }

  static ContentSigner signer(String alg, KeyPair keys) throws Exception {
    return new JcaContentSignerBuilder(alg).build(keys.getPrivate());
  }

  /** What to put in one CRL. */
  static final class CrlSpec {
    private final Issued issuer;
    private Instant thisUpdate = NOW.minus(Duration.ofDays(1));
    private Instant nextUpdate = NOW.plus(Duration.ofDays(7));
    private BigInteger number = BigInteger.ONE;
    private BigInteger deltaBase;
    private final List<Object[]> entries = new ArrayList<>();
    private IssuingDistributionPoint idp;

    private CrlSpec(Issued issuer) {
      this.issuer = issuer;
    }

    CrlSpec number(long n) {
      this.number = BigInteger.valueOf(n);
      return this;
    }

    /** Makes this a delta CRL on the base CRL with this cRLNumber. */
    CrlSpec deltaOf(long base) {
      this.deltaBase = BigInteger.valueOf(base);
      return this;
    }

    CrlSpec updates(Instant thisUpdate, Instant nextUpdate) {
      this.thisUpdate = thisUpdate;
      this.nextUpdate = nextUpdate;
      return this;
    }

    CrlSpec revoke(BigInteger serial, int reason) {
      entries.add(new Object[] {serial, reason});
      return this;
    }

    CrlSpec idp(IssuingDistributionPoint p) {
      this.idp = p;
      return this;
    }

    X509CRL build() {
      try {
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.name(), Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        for (Object[] e : entries) {
          b.addCRLEntry(
              (BigInteger) e[0], Date.from(NOW.minus(Duration.ofHours(1))), (Integer) e[1]);
        }
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        if (deltaBase != null) {
          b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(deltaBase));
        }
        if (idp != null) {
          b.addExtension(Extension.issuingDistributionPoint, true, idp);
        }
        return new JcaX509CRLConverter().getCRL(b.build(signer("SHA256withECDSA", issuer.keys())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What to put in one OCSP response. */
  static final class OcspSpec {
    private final Issued ca;
    private final Issued cert;
    private Issued responder;
    private CertificateStatus status = CertificateStatus.GOOD;
    private Instant thisUpdate = NOW.minus(Duration.ofHours(1));
    private Instant nextUpdate = NOW.plus(Duration.ofDays(1));

    private OcspSpec(Issued ca, Issued cert) {
      this.ca = ca;
      this.cert = cert;
      this.responder = ca;
    }

    OcspSpec revoked(int reason) {
      this.status = new RevokedStatus(Date.from(NOW.minus(Duration.ofHours(2))), reason);
      return this;
    }

    OcspSpec unknown() {
      this.status = new UnknownStatus();
      return this;
    }

    OcspSpec updates(Instant thisUpdate, Instant nextUpdate) {
      this.thisUpdate = thisUpdate;
      this.nextUpdate = nextUpdate;
      return this;
    }

    /** Signed by a delegated responder, whose certificate goes into the response. */
    OcspSpec responder(Issued r) {
      this.responder = r;
      return this;
    }

    byte[] build() {
      try {
        DigestCalculator sha1 =
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        CertificateID id =
            new CertificateID(
                sha1,
                new X509CertificateHolder(ca.cert().getEncoded()),
                cert.cert().getSerialNumber());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(responder.name()));
        b.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
        X509CertificateHolder[] chain =
            responder == ca
                ? null
                : new X509CertificateHolder[] {
                  new X509CertificateHolder(responder.cert().getEncoded())
                };
        BasicOCSPResp basic =
            b.build(signer("SHA256withECDSA", responder.keys()), chain, Date.from(thisUpdate));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What to put in one certificate. */
  static final class Spec {
    static final int DIGITAL_SIGNATURE = org.bouncycastle.asn1.x509.KeyUsage.digitalSignature;
    static final int KEY_CERT_SIGN = org.bouncycastle.asn1.x509.KeyUsage.keyCertSign;
    static final int CRL_SIGN = org.bouncycastle.asn1.x509.KeyUsage.cRLSign;

    private X500Name subject;
    private final List<String> policies = new ArrayList<>();
    private final List<String[]> mappings = new ArrayList<>();
    private Integer requireExplicit;
    private Integer inhibitMapping;
    private Integer inhibitAny;
    private String crlDp;
    private final Issued issuer;
    private KeyPair keys = ecKey();
    private PrivateKey signingKey;
    private String sigAlg = "SHA256withECDSA";
    private Instant notBefore = NOW.minus(Duration.ofDays(365));
    private Instant notAfter = NOW.plus(Duration.ofDays(365));
    private BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
    private boolean ca;
    private Integer pathLen;
    private boolean basicConstraints;
    private boolean bcCritical = true;
    private int keyUsage = -1;
    private final List<KeyPurposeId> ekus = new ArrayList<>();
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<GeneralSubtree> permitted = new ArrayList<>();
    private final List<GeneralSubtree> excluded = new ArrayList<>();
    private boolean unknownCritical;
    private boolean garbageSan;

    private Spec(String cn, Issued issuer) {
      this.subject = new X500Name("CN=" + cn);
      this.issuer = issuer;
    }

    Spec keys(KeyPair k) {
      this.keys = k;
      return this;
    }

    /** Signs with this key instead of the issuer's (a forged signature). */
    Spec signedBy(PrivateKey k) {
      this.signingKey = k;
      return this;
    }

    Spec sigAlg(String alg) {
      this.sigAlg = alg;
      return this;
    }

    Spec validity(Instant from, Instant to) {
      this.notBefore = from;
      this.notAfter = to;
      return this;
    }

    Spec serial(BigInteger s) {
      this.serial = s;
      return this;
    }

    /** cA true, with the given pathLenConstraint (null for none). */
    Spec ca(Integer pathLen) {
      this.ca = true;
      this.basicConstraints = true;
      this.pathLen = pathLen;
      return this;
    }

    /** basicConstraints present with cA false. */
    Spec notCa() {
      this.ca = false;
      this.basicConstraints = true;
      this.pathLen = null;
      return this;
    }

    Spec noBasicConstraints() {
      this.basicConstraints = false;
      return this;
    }

    Spec keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    Spec eku(KeyPurposeId... ids) {
      ekus.clear();
      ekus.addAll(List.of(ids));
      return this;
    }

    Spec dns(String... names) {
      for (String n : names) {
        sans.add(new GeneralName(GeneralName.dNSName, n));
      }
      return this;
    }

    Spec ip(String address) {
      sans.add(new GeneralName(GeneralName.iPAddress, address));
      return this;
    }

    Spec email(String address) {
      sans.add(new GeneralName(GeneralName.rfc822Name, address));
      return this;
    }

    Spec noSan() {
      sans.clear();
      return this;
    }

    Spec permit(int tag, String value) {
      permitted.add(new GeneralSubtree(new GeneralName(tag, value)));
      return this;
    }

    Spec exclude(int tag, String value) {
      excluded.add(new GeneralSubtree(new GeneralName(tag, value)));
      return this;
    }

    /** Adds a subject serialNumber attribute (2.5.4.5). */
    Spec subjectSerial(String serial) {
      this.subject = new X500Name(subject + ",SERIALNUMBER=" + serial);
      return this;
    }

    /** Adds a SAN otherName hardwareModuleName (RFC 4108). */
    Spec hardwareModuleName(String hwType, String serial) {
      DERSequence hmn =
          new DERSequence(
              new ASN1Encodable[] {
                new ASN1ObjectIdentifier(hwType),
                new DEROctetString(serial.getBytes(StandardCharsets.UTF_8))
              });
      sans.add(
          new GeneralName(
              GeneralName.otherName,
              new OtherName(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4"), hmn)));
      return this;
    }

    /** certificatePolicies with these OIDs ("2.5.29.32.0" is anyPolicy). */
    Spec policies(String... oids) {
      policies.addAll(List.of(oids));
      return this;
    }

    Spec policyMapping(String issuerDomain, String subjectDomain) {
      mappings.add(new String[] {issuerDomain, subjectDomain});
      return this;
    }

    Spec policyConstraints(Integer requireExplicitPolicy, Integer inhibitPolicyMapping) {
      this.requireExplicit = requireExplicitPolicy;
      this.inhibitMapping = inhibitPolicyMapping;
      return this;
    }

    Spec inhibitAnyPolicy(int skipCerts) {
      this.inhibitAny = skipCerts;
      return this;
    }

    Spec crlDistributionPoint(String uri) {
      this.crlDp = uri;
      return this;
    }

    Spec criticalUnknownExtension() {
      this.unknownCritical = true;
      return this;
    }

    /** A non-critical subjectAltName whose value is not GeneralNames. */
    Spec garbageSan() {
      this.garbageSan = true;
      return this;
    }

    Issued issue() {
      try {
        X500Name issuerName = issuer == null ? subject : issuer.name();
        KeyPair issuerKeys = issuer == null ? keys : issuer.keys();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        X509v3CertificateBuilder b =
            new X509v3CertificateBuilder(
                issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, spki);
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        if (basicConstraints) {
          b.addExtension(
              Extension.basicConstraints,
              bcCritical,
              ca
                  ? (pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen))
                  : new BasicConstraints(false));
        }
        if (keyUsage >= 0) {
          b.addExtension(
              Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(keyUsage));
        }
        if (!ekus.isEmpty()) {
          b.addExtension(
              Extension.extendedKeyUsage,
              false,
              new org.bouncycastle.asn1.x509.ExtendedKeyUsage(ekus.toArray(new KeyPurposeId[0])));
        }
        if (garbageSan) {
          b.addExtension(Extension.subjectAlternativeName, false, new DERUTF8String("nonsense"));
        } else if (!sans.isEmpty()) {
          b.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        if (!permitted.isEmpty() || !excluded.isEmpty()) {
          b.addExtension(
              Extension.nameConstraints,
              true,
              new NameConstraints(
                  permitted.isEmpty() ? null : permitted.toArray(new GeneralSubtree[0]),
                  excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0])));
        }
        b.addExtension(
            Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuer != null) {
          b.addExtension(
              Extension.authorityKeyIdentifier,
              false,
              u.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        }
        if (!policies.isEmpty()) {
          PolicyInformation[] pi = new PolicyInformation[policies.size()];
          for (int i = 0; i < pi.length; i++) {
            pi[i] = new PolicyInformation(new ASN1ObjectIdentifier(policies.get(i)));
          }
          b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(pi));
        }
        if (!mappings.isEmpty()) {
          ASN1EncodableVector v = new ASN1EncodableVector();
          for (String[] m : mappings) {
            v.add(
                new DERSequence(
                    new ASN1Encodable[] {
                      new ASN1ObjectIdentifier(m[0]), new ASN1ObjectIdentifier(m[1])
                    }));
          }
          b.addExtension(Extension.policyMappings, false, new DERSequence(v));
        }
        if (requireExplicit != null || inhibitMapping != null) {
          ASN1EncodableVector v = new ASN1EncodableVector();
          if (requireExplicit != null) {
            v.add(new DERTaggedObject(false, 0, new ASN1Integer(requireExplicit)));
          }
          if (inhibitMapping != null) {
            v.add(new DERTaggedObject(false, 1, new ASN1Integer(inhibitMapping)));
          }
          b.addExtension(Extension.policyConstraints, true, new DERSequence(v));
        }
        if (inhibitAny != null) {
          b.addExtension(Extension.inhibitAnyPolicy, true, new ASN1Integer(inhibitAny));
        }
        if (crlDp != null) {
          b.addExtension(
              Extension.cRLDistributionPoints,
              false,
              new CRLDistPoint(
                  new DistributionPoint[] {
                    new DistributionPoint(
                        new DistributionPointName(
                            new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, crlDp))),
                        null,
                        null)
                  }));
        }
        if (unknownCritical) {
          b.addExtension(new ASN1ObjectIdentifier(UNKNOWN_OID), true, new DERSequence());
        }
        PrivateKey k = signingKey != null ? signingKey : issuerKeys.getPrivate();
        X509Certificate cert =
            new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(k)));
        return new Issued(cert, keys, subject);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
