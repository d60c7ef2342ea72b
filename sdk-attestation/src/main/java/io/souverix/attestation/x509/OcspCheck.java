package io.souverix.attestation.x509;

import io.souverix.attestation.x509.RevocationStatus.Source;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.jspecify.annotations.Nullable;

/**
 * Revocation from OCSP responses supplied offline (RFC 6960 BasicOCSPResponse): the single response
 * whose CertID matches the certificate (issuer name and key hashes, serial number), signed by the
 * issuing CA or by a delegated responder certificate the CA issued with id-kp-OCSPSigning and valid
 * at the validation time, fresh at the validation time. A nonce is neither required nor checked.
 */
final class OcspCheck {
  private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

  /** CertID hash algorithms by OID (SHA-1 is the RFC 6960 default for CertID, not a signature). */
  private static final Map<String, String> HASHES =
      Map.of(
          "1.3.14.3.2.26", "SHA-1",
          "2.16.840.1.101.3.4.2.1", "SHA-256",
          "2.16.840.1.101.3.4.2.2", "SHA-384",
          "2.16.840.1.101.3.4.2.3", "SHA-512");

  private static final Set<String> KNOWN_CRITICAL =
      Set.of(OCSPObjectIdentifiers.id_pkix_ocsp_nonce.getId());

  private final List<BasicOCSPResp> responses;

  private OcspCheck(List<BasicOCSPResp> responses) {
    this.responses = responses;
  }

  /**
   * Parses DER OCSPResponse (or bare BasicOCSPResponse) encodings; non-successful ones are dropped.
   */
  static OcspCheck of(List<byte[]> encodings) {
    List<BasicOCSPResp> out = new ArrayList<>();
    for (byte[] der : encodings) {
      BasicOCSPResp basic;
      try {
        OCSPResp resp = new OCSPResp(OCSPResponse.getInstance(der));
        if (resp.getStatus() != OCSPResponseStatus.SUCCESSFUL) {
          continue; // malformedRequest, tryLater, ...: no certificate status in it
        }
        basic = (BasicOCSPResp) resp.getResponseObject();
      } catch (Exception e) {
        try {
          basic = new BasicOCSPResp(org.bouncycastle.asn1.ocsp.BasicOCSPResponse.getInstance(der));
        } catch (RuntimeException e2) {
          throw new IllegalArgumentException("OCSP response not parseable: " + e.getMessage(), e);
        }
      }
      if (basic != null) {
        out.add(basic);
      }
    }
    return new OcspCheck(List.copyOf(out));
  }

  boolean isEmpty() {
    return responses.isEmpty();
  }

  /**
   * The status of {@code child}, issued by {@code issuer}, from the newest usable single response
   * that matches it; null when no response names the certificate at all.
   */
  @Nullable RevocationStatus status(
      ParsedCert child,
      ParsedCert issuer,
      ContentVerifierProvider issuerVerifier,
      Instant at,
      Duration tolerance,
      Set<SignatureAlgorithm> algorithms) {
    List<String> rejected = new ArrayList<>();
    SingleResp best = null;
    boolean named = false;
    for (BasicOCSPResp resp : responses) {
      List<SingleResp> matching = new ArrayList<>();
      for (SingleResp s : resp.getResponses()) {
        if (matches(s.getCertID(), child, issuer)) {
          matching.add(s);
        }
      }
      if (matching.isEmpty()) {
        continue;
      }
      named = true;
      String why = unusableResponse(resp, issuer, issuerVerifier, at, algorithms);
      for (SingleResp s : matching) {
        String w = why != null ? why : stale(s, at, tolerance);
        if (w != null) {
          rejected.add(w);
        } else if (best == null || s.getThisUpdate().after(best.getThisUpdate())) {
          best = s;
        }
      }
    }
    if (!named) {
      return null;
    }
    if (best == null) {
      return RevocationStatus.unknown(
          child,
          null,
          "no usable OCSP response for '"
              + child.subjectText()
              + "' (rejected: "
              + String.join("; ", rejected)
              + ")");
    }
    CertificateStatus st = best.getCertStatus();
    String when = "OCSP response of " + best.getThisUpdate().toInstant();
    if (st == CertificateStatus.GOOD) {
      return RevocationStatus.good(child, Source.OCSP, when + ": good");
    }
    if (st instanceof RevokedStatus r) {
      Instant time = r.getRevocationTime().toInstant();
      if (time.isAfter(at)) {
        return RevocationStatus.good(
            child,
            Source.OCSP,
            when + ": revoked only from " + time + ", after the validation time");
      }
      String reason =
          r.hasRevocationReason() ? RevocationStatus.reasonName(r.getRevocationReason()) : null;
      return RevocationStatus.revoked(child, Source.OCSP, reason, time, when + ": revoked");
    }
    if (st instanceof UnknownStatus) {
      return RevocationStatus.unknown(
          child, Source.OCSP, when + ": the responder does not know the certificate");
    }
    return RevocationStatus.unknown(child, Source.OCSP, when + ": unrecognised status");
  }

  private static boolean matches(CertificateID id, ParsedCert child, ParsedCert issuer) {
    if (!id.getSerialNumber().equals(child.bc.getSerialNumber().getValue())) {
      return false;
    }
    String hash = HASHES.get(id.getHashAlgOID().getId());
    if (hash == null) {
      return false;
    }
    try {
      byte[] name = MessageDigest.getInstance(hash).digest(issuer.subject.getEncoded("DER"));
      byte[] key =
          MessageDigest.getInstance(hash)
              .digest(issuer.publicKeyInfo().getPublicKeyData().getBytes());
      return MessageDigest.isEqual(name, id.getIssuerNameHash())
          && MessageDigest.isEqual(key, id.getIssuerKeyHash());
    } catch (NoSuchAlgorithmException | java.io.IOException e) {
      return false;
    }
  }

  private static @Nullable String stale(SingleResp s, Instant at, Duration tolerance) {
    Instant thisUpdate = s.getThisUpdate().toInstant();
    if (thisUpdate.isAfter(at.plus(tolerance))) {
      return "thisUpdate " + thisUpdate + " in the future";
    }
    Instant nextUpdate = s.getNextUpdate() == null ? thisUpdate : s.getNextUpdate().toInstant();
    if (nextUpdate.plus(tolerance).isBefore(at)) {
      return s.getNextUpdate() == null
          ? "stale (no nextUpdate, thisUpdate " + thisUpdate + " older than the tolerance)"
          : "stale (nextUpdate " + nextUpdate + " passed)";
    }
    if (s.hasExtensions()) {
      for (Object o : s.getCriticalExtensionOIDs()) {
        return "unsupported critical single-response extension " + o;
      }
    }
    return null;
  }

  /** Why the response as a whole cannot be used (its signer), or null. */
  private static @Nullable String unusableResponse(
      BasicOCSPResp resp,
      ParsedCert issuer,
      ContentVerifierProvider issuerVerifier,
      Instant at,
      Set<SignatureAlgorithm> algorithms) {
    for (Object o : resp.getCriticalExtensionOIDs()) {
      if (!KNOWN_CRITICAL.contains(((ASN1ObjectIdentifier) o).getId())) {
        return "unsupported critical response extension " + o;
      }
    }
    SignatureAlgorithm alg;
    try {
      alg = SignatureAlgorithm.identify(resp.getSignatureAlgorithmID());
    } catch (RuntimeException e) {
      alg = null;
    }
    if (alg == null || !algorithms.contains(alg)) {
      return "response signature algorithm "
          + resp.getSignatureAlgOID().getId()
          + " is not allowed";
    }
    ResponderID rid = resp.getResponderId().toASN1Primitive();
    if (names(rid, issuer)) {
      return verifies(resp, issuerVerifier)
          ? null
          : "response signature does not verify with the key of " + issuer.subjectText();
    }
    List<String> why = new ArrayList<>();
    for (X509CertificateHolder h : resp.getCerts()) {
      ParsedCert d;
      try {
        d = ParsedCert.parse(toX509(h));
      } catch (Exception e) {
        why.add("responder certificate not parseable");
        continue;
      }
      if (!names(rid, d)) {
        continue;
      }
      String w = delegate(d, issuer, issuerVerifier, at, algorithms);
      if (w != null) {
        why.add(w);
        continue;
      }
      try {
        if (verifies(resp, Keys.verifier(d))) {
          return null;
        }
      } catch (Problem p) {
        // falls through to the rejection below
      }
      why.add("response signature does not verify with the key of responder " + d.subjectText());
    }
    return why.isEmpty()
        ? "responder is neither the issuer '"
            + issuer.subjectText()
            + "' nor a certificate in the response"
        : String.join("; ", why);
  }

  /** Why {@code d} is not an authorised delegated responder of {@code issuer}, or null. */
  private static @Nullable String delegate(
      ParsedCert d,
      ParsedCert issuer,
      ContentVerifierProvider issuerVerifier,
      Instant at,
      Set<SignatureAlgorithm> algorithms) {
    String who = "delegated responder '" + d.subjectText() + "'";
    if (!d.issuer.equals(issuer.subject)
        || d.signatureAlgorithm == null
        || !algorithms.contains(d.signatureAlgorithm)
        || !Keys.verifies(d, issuerVerifier)) {
      return who + " is not issued by " + issuer.subjectText();
    }
    if (d.eku == null || !d.eku.contains(OCSP_SIGNING)) {
      return who + " lacks extKeyUsage id-kp-OCSPSigning";
    }
    if (at.isBefore(d.notBefore) || at.isAfter(d.notAfter)) {
      return String.format(
          Locale.ROOT, "%s is valid %s .. %s, not at %s", who, d.notBefore, d.notAfter, at);
    }
    if (d.keyUsageBits >= 0 && !d.hasKeyUsage(KeyUsage.DIGITAL_SIGNATURE)) {
      return who + " keyUsage lacks digitalSignature";
    }
    return null;
  }

  private static boolean names(ResponderID rid, ParsedCert c) {
    if (rid.getName() != null) {
      return rid.getName().equals(c.subject);
    }
    byte[] keyHash = rid.getKeyHash();
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-1")
              .digest(c.publicKeyInfo().getPublicKeyData().getBytes());
      return keyHash != null && Arrays.equals(keyHash, h);
    } catch (NoSuchAlgorithmException e) {
      return false;
    }
  }

  private static boolean verifies(BasicOCSPResp resp, ContentVerifierProvider v) {
    try {
      return resp.isSignatureValid(v);
    } catch (Exception e) {
      return false;
    }
  }

  private static X509Certificate toX509(X509CertificateHolder h) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(h.getEncoded()));
  }
}
