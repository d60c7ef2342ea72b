package io.souverix.attestation.x509;

import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * A certificate or CRL signature algorithm the validator can allow. An open enumeration of
 * constants; {@link #DEFAULTS} excludes MD5 and SHA-1.
 *
 * @since 0.1
 */
public final class SignatureAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  public static final SignatureAlgorithm RSA_SHA256 =
      new SignatureAlgorithm("RSA_SHA256", "1.2.840.113549.1.1.11", null);

  /** RSASSA-PKCS1-v1_5 with SHA-384. */
  public static final SignatureAlgorithm RSA_SHA384 =
      new SignatureAlgorithm("RSA_SHA384", "1.2.840.113549.1.1.12", null);

  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  public static final SignatureAlgorithm RSA_SHA512 =
      new SignatureAlgorithm("RSA_SHA512", "1.2.840.113549.1.1.13", null);

  /** RSASSA-PSS with SHA-256. */
  public static final SignatureAlgorithm RSA_PSS_SHA256 =
      new SignatureAlgorithm("RSA_PSS_SHA256", "1.2.840.113549.1.1.10", "2.16.840.1.101.3.4.2.1");

  /** RSASSA-PSS with SHA-384. */
  public static final SignatureAlgorithm RSA_PSS_SHA384 =
      new SignatureAlgorithm("RSA_PSS_SHA384", "1.2.840.113549.1.1.10", "2.16.840.1.101.3.4.2.2");

  /** RSASSA-PSS with SHA-512. */
  public static final SignatureAlgorithm RSA_PSS_SHA512 =
      new SignatureAlgorithm("RSA_PSS_SHA512", "1.2.840.113549.1.1.10", "2.16.840.1.101.3.4.2.3");

  /** ECDSA with SHA-256. */
  public static final SignatureAlgorithm ECDSA_SHA256 =
      new SignatureAlgorithm("ECDSA_SHA256", "1.2.840.10045.4.3.2", null);

  /** ECDSA with SHA-384. */
  public static final SignatureAlgorithm ECDSA_SHA384 =
      new SignatureAlgorithm("ECDSA_SHA384", "1.2.840.10045.4.3.3", null);

  /** ECDSA with SHA-512. */
  public static final SignatureAlgorithm ECDSA_SHA512 =
      new SignatureAlgorithm("ECDSA_SHA512", "1.2.840.10045.4.3.4", null);

  /** Ed25519 (RFC 8410). */
  public static final SignatureAlgorithm ED25519 =
      new SignatureAlgorithm("ED25519", "1.3.101.112", null);

  /** RSASSA-PKCS1-v1_5 with SHA-1: weak, never allowed by default. */
  public static final SignatureAlgorithm RSA_SHA1 =
      new SignatureAlgorithm("RSA_SHA1", "1.2.840.113549.1.1.5", null);

  /** ECDSA with SHA-1: weak, never allowed by default. */
  public static final SignatureAlgorithm ECDSA_SHA1 =
      new SignatureAlgorithm("ECDSA_SHA1", "1.2.840.10045.4.1", null);

  /** RSASSA-PKCS1-v1_5 with MD5: broken, never allowed by default. */
  public static final SignatureAlgorithm RSA_MD5 =
      new SignatureAlgorithm("RSA_MD5", "1.2.840.113549.1.1.4", null);

  /** The default allow-list: SHA-2 RSA (PKCS#1 v1.5 and PSS), SHA-2 ECDSA and Ed25519. */
  public static final Set<SignatureAlgorithm> DEFAULTS =
      Set.of(
          RSA_SHA256,
          RSA_SHA384,
          RSA_SHA512,
          RSA_PSS_SHA256,
          RSA_PSS_SHA384,
          RSA_PSS_SHA512,
          ECDSA_SHA256,
          ECDSA_SHA384,
          ECDSA_SHA512,
          ED25519);

  private static final List<SignatureAlgorithm> KNOWN =
      List.of(
          RSA_SHA256,
          RSA_SHA384,
          RSA_SHA512,
          RSA_PSS_SHA256,
          RSA_PSS_SHA384,
          RSA_PSS_SHA512,
          ECDSA_SHA256,
          ECDSA_SHA384,
          ECDSA_SHA512,
          ED25519,
          RSA_SHA1,
          ECDSA_SHA1,
          RSA_MD5);

  private static final String PSS_OID = "1.2.840.113549.1.1.10";

  private final String name;
  private final String oid;
  private final @Nullable String pssHash;

  private SignatureAlgorithm(String name, String oid, @Nullable String pssHash) {
    this.name = name;
    this.oid = oid;
    this.pssHash = pssHash;
  }

  /**
   * Returns the algorithm's name, for example {@code ECDSA_SHA256}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** The known algorithm with this {@link #name()}; null when there is none. */
  static @Nullable SignatureAlgorithm byName(String name) {
    for (SignatureAlgorithm a : KNOWN) {
      if (a.name.equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** Identifies a signature AlgorithmIdentifier; null when it is none of the known ones. */
  static @Nullable SignatureAlgorithm identify(AlgorithmIdentifier id) {
    String o = id.getAlgorithm().getId();
    ASN1Encodable params = id.getParameters();
    if (o.equals(PSS_OID)) {
      if (params == null) {
        return null;
      }
      RSASSAPSSparams pss = RSASSAPSSparams.getInstance(params);
      String hash = pss.getHashAlgorithm().getAlgorithm().getId();
      for (SignatureAlgorithm a : KNOWN) {
        if (PSS_OID.equals(a.oid) && hash.equals(a.pssHash)) {
          return a;
        }
      }
      return null;
    }
    for (SignatureAlgorithm a : KNOWN) {
      if (a.oid.equals(o)) {
        boolean ec = o.startsWith("1.2.840.10045") || o.equals("1.3.101.112");
        // ECDSA and EdDSA identifiers have absent parameters; RSA ones NULL (or absent).
        if (ec && params != null) {
          return null;
        }
        if (!ec && params != null && !DERNull.INSTANCE.equals(params.toASN1Primitive())) {
          return null;
        }
        return a;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
