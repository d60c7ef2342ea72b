package io.souverix.attestation.x509;

import io.souverix.attestation.x509.RevocationStatus.Source;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.jspecify.annotations.Nullable;

/**
 * Revocation from CRLs supplied offline (RFC 5280 sections 5 and 6.3): complete CRLs, delta CRLs
 * applied on their base, and CRLs scoped by an issuingDistributionPoint (user/CA certificates only,
 * distribution point name). Indirect CRLs and CRLs partitioned by reason are rejected as
 * unsupported. Gives a status; the caller decides what an unknown status means.
 */
final class CrlCheck {
  /**
   * CRL extensions understood: cRLNumber, AKI, issuerAltName, deltaCRLIndicator, IDP, freshestCRL.
   */
  private static final Set<String> KNOWN_CRL_EXTENSIONS =
      Set.of("2.5.29.20", "2.5.29.35", "2.5.29.18", "2.5.29.27", "2.5.29.28", "2.5.29.46");

  /** CRL entry extensions understood: reasonCode, invalidityDate, holdInstructionCode. */
  private static final Set<String> KNOWN_ENTRY_EXTENSIONS =
      Set.of("2.5.29.21", "2.5.29.24", "2.5.29.23");

  private static final int REMOVE_FROM_CRL = CRLReason.removeFromCRL;

  /** One parsed CRL with the facts that do not depend on the certificate. */
  private record Crl(
      X509CRLHolder holder,
      @Nullable BigInteger number,
      @Nullable BigInteger deltaBase,
      @Nullable IssuingDistributionPoint idp,
      @Nullable String problem) {
    boolean isDelta() {
      return deltaBase != null;
    }
  }

  private final List<Crl> crls;

  private CrlCheck(List<Crl> crls) {
    this.crls = crls;
  }

  static CrlCheck of(List<X509CRL> crls) {
    List<Crl> out = new ArrayList<>();
    for (X509CRL c : crls) {
      X509CRLHolder h;
      try {
        h = new X509CRLHolder(CertificateList.getInstance(c.getEncoded()));
      } catch (CRLException | RuntimeException e) {
        throw new IllegalArgumentException("CRL not parseable: " + e.getMessage(), e);
      }
      out.add(parse(h));
    }
    return new CrlCheck(List.copyOf(out));
  }

  private static Crl parse(X509CRLHolder h) {
    Extensions ext = h.getExtensions();
    BigInteger number = null;
    BigInteger base = null;
    IssuingDistributionPoint idp = null;
    String problem = null;
    try {
      Extension n = ext == null ? null : ext.getExtension(Extension.cRLNumber);
      if (n == null) {
        problem = "cRLNumber missing";
      } else if (n.isCritical()) {
        problem = "cRLNumber critical";
      } else {
        number = CRLNumber.getInstance(n.getParsedValue()).getCRLNumber();
      }
      Extension d = ext == null ? null : ext.getExtension(Extension.deltaCRLIndicator);
      if (d != null) {
        base = CRLNumber.getInstance(d.getParsedValue()).getCRLNumber();
      }
      Extension i = ext == null ? null : ext.getExtension(Extension.issuingDistributionPoint);
      if (i != null) {
        idp = IssuingDistributionPoint.getInstance(i.getParsedValue());
        if (idp.isIndirectCRL()) {
          problem = "indirect CRL (unsupported)";
        } else if (idp.getOnlySomeReasons() != null) {
          problem = "CRL partitioned by onlySomeReasons (unsupported)";
        }
      }
      if (ext != null && problem == null) {
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
          if (ext.getExtension(oid).isCritical() && !KNOWN_CRL_EXTENSIONS.contains(oid.getId())) {
            problem = "unsupported critical CRL extension " + oid.getId();
          }
        }
      }
      if (problem == null) {
        for (Object o : h.getRevokedCertificates()) {
          Extensions ee = ((X509CRLEntryHolder) o).getExtensions();
          if (ee == null) {
            continue;
          }
          if (ee.getExtension(Extension.certificateIssuer) != null) {
            problem = "entry with certificateIssuer: indirect CRL (unsupported)";
            break;
          }
          for (ASN1ObjectIdentifier oid : ee.getCriticalExtensionOIDs()) {
            if (!KNOWN_ENTRY_EXTENSIONS.contains(oid.getId())) {
              problem = "unsupported critical CRL entry extension " + oid.getId();
            }
          }
        }
      }
    } catch (RuntimeException e) {
      problem = "CRL extension not parseable: " + e.getMessage();
    }
    return new Crl(h, number, base, idp, problem);
  }

  boolean isEmpty() {
    return crls.isEmpty();
  }

  /**
   * The status of {@code child}, issued by {@code issuer}, at {@code at}, from the newest usable
   * complete CRL and the newest usable delta CRL on top of it.
   */
  RevocationStatus status(
      ParsedCert child,
      ParsedCert issuer,
      ContentVerifierProvider verifier,
      Instant at,
      Duration tolerance) {
    List<String> rejected = new ArrayList<>();
    List<Crl> complete = new ArrayList<>();
    List<Crl> deltas = new ArrayList<>();
    for (Crl crl : crls) {
      if (!crl.holder.getIssuer().equals(child.issuer)) {
        continue;
      }
      String why = unusable(crl, child, issuer, verifier, at, tolerance);
      if (why != null) {
        rejected.add(why);
      } else if (crl.isDelta()) {
        deltas.add(crl);
      } else {
        complete.add(crl);
      }
    }
    Crl base = null;
    for (Crl c : complete) {
      if (base == null || c.number.compareTo(base.number) > 0) {
        base = c;
      }
    }
    if (base == null) {
      if (!deltas.isEmpty()) {
        rejected.add("delta CRL without a usable complete CRL");
      }
      return RevocationStatus.unknown(
          child,
          null,
          String.format(
              java.util.Locale.ROOT,
              "no usable CRL from '%s' covers '%s'%s",
              issuer.subjectText(),
              child.subjectText(),
              rejected.isEmpty() ? "" : " (rejected: " + String.join("; ", rejected) + ")"));
    }
    Crl delta = null;
    for (Crl d : deltas) {
      boolean fits =
          d.deltaBase.compareTo(base.number) <= 0
              && d.number.compareTo(base.number) > 0
              && java.util.Objects.equals(d.idp, base.idp);
      if (fits && (delta == null || d.number.compareTo(delta.number) > 0)) {
        delta = d;
      }
    }
    BigInteger serial = child.bc.getSerialNumber().getValue();
    if (delta != null) {
      X509CRLEntryHolder e = delta.holder.getRevokedCertificate(serial);
      if (e != null) {
        int reason = reason(e);
        if (reason == REMOVE_FROM_CRL) {
          return RevocationStatus.good(
              child,
              Source.DELTA_CRL,
              "removed from CRL by delta CRL " + delta.number + " on base CRL " + base.number);
        }
        if (!e.getRevocationDate().toInstant().isAfter(at)) {
          return revoked(child, Source.DELTA_CRL, e, reason, "delta CRL " + delta.number);
        }
      }
    }
    X509CRLEntryHolder e = base.holder.getRevokedCertificate(serial);
    Source source = delta == null ? Source.CRL : Source.DELTA_CRL;
    if (e != null
        && reason(e) != REMOVE_FROM_CRL
        && !e.getRevocationDate().toInstant().isAfter(at)) {
      return revoked(child, source, e, reason(e), "CRL " + base.number);
    }
    return RevocationStatus.good(
        child,
        source,
        "not on CRL "
            + base.number
            + (delta == null ? "" : " nor delta CRL " + delta.number)
            + " of "
            + issuer.subjectText());
  }

  private static RevocationStatus revoked(
      ParsedCert child, Source source, X509CRLEntryHolder e, int reason, String where) {
    Instant time = e.getRevocationDate().toInstant();
    return RevocationStatus.revoked(
        child,
        source,
        reason < 0 ? null : RevocationStatus.reasonName(reason),
        time,
        where + " revokes serial " + child.bc.getSerialNumber().getValue().toString(16));
  }

  /** The entry's reasonCode value, -1 when absent. */
  private static int reason(X509CRLEntryHolder e) {
    Extension r =
        e.getExtensions() == null ? null : e.getExtensions().getExtension(Extension.reasonCode);
    if (r == null) {
      return -1;
    }
    try {
      return CRLReason.getInstance(r.getParsedValue()).getValue().intValue();
    } catch (RuntimeException ex) {
      return -1;
    }
  }

  private static @Nullable String unusable(
      Crl crl,
      ParsedCert child,
      ParsedCert issuer,
      ContentVerifierProvider verifier,
      Instant at,
      Duration tolerance) {
    String name = (crl.isDelta() ? "delta CRL " : "CRL ") + (crl.number == null ? "" : crl.number);
    if (crl.problem != null) {
      return name + ": " + crl.problem;
    }
    Extensions ext = crl.holder.getExtensions();
    Extension akiExt = ext == null ? null : ext.getExtension(Extension.authorityKeyIdentifier);
    if (akiExt != null && issuer.ski != null) {
      byte[] id = AuthorityKeyIdentifier.getInstance(akiExt.getParsedValue()).getKeyIdentifier();
      if (id != null && !Arrays.equals(id, issuer.ski)) {
        return name + ": authorityKeyIdentifier names another key of the issuer";
      }
    }
    if (issuer.keyUsageBits >= 0 && !issuer.hasKeyUsage(KeyUsage.CRL_SIGN)) {
      return name + ": issuer lacks cRLSign";
    }
    try {
      if (!crl.holder.isSignatureValid(verifier)) {
        return name + ": signature invalid";
      }
    } catch (Exception e) {
      return name + ": signature not verifiable";
    }
    Date thisUpdate = crl.holder.getThisUpdate();
    Date nextUpdate = crl.holder.getNextUpdate();
    if (thisUpdate.toInstant().isAfter(at.plus(tolerance))) {
      return name + ": thisUpdate in the future";
    }
    if (nextUpdate != null && nextUpdate.toInstant().plus(tolerance).isBefore(at)) {
      return name + ": stale (nextUpdate " + nextUpdate.toInstant() + " passed)";
    }
    IssuingDistributionPoint idp = crl.idp;
    if (idp != null) {
      if (idp.onlyContainsUserCerts() && child.isCa()) {
        return name + ": scope onlyContainsUserCerts excludes a CA certificate";
      }
      if (idp.onlyContainsCACerts() && !child.isCa()) {
        return name + ": scope onlyContainsCACerts excludes an end-entity certificate";
      }
      if (idp.onlyContainsAttributeCerts()) {
        return name + ": scope onlyContainsAttributeCerts";
      }
      DistributionPointName dp = idp.getDistributionPoint();
      List<GeneralName> certDps = certDistributionPoints(child);
      if (dp != null && !certDps.isEmpty()) {
        List<GeneralName> idpNames = names(dp, crl.holder.getIssuer());
        boolean match = false;
        for (GeneralName g : idpNames) {
          match |= certDps.contains(g);
        }
        if (!match) {
          return name
              + ": issuingDistributionPoint matches none of the certificate's CRL distribution points";
        }
      }
    }
    return null;
  }

  /** The full names of the certificate's CRL distribution points that have no cRLIssuer. */
  private static List<GeneralName> certDistributionPoints(ParsedCert c) {
    List<GeneralName> out = new ArrayList<>();
    Extensions ext = c.bc.getTBSCertificate().getExtensions();
    Extension e = ext == null ? null : ext.getExtension(Extension.cRLDistributionPoints);
    if (e == null) {
      return out;
    }
    try {
      for (DistributionPoint dp :
          CRLDistPoint.getInstance(e.getParsedValue()).getDistributionPoints()) {
        if (dp.getCRLIssuer() == null && dp.getDistributionPoint() != null) {
          out.addAll(names(dp.getDistributionPoint(), c.issuer));
        }
      }
    } catch (RuntimeException ex) {
      // An unparseable cRLDistributionPoints gives no names to match.
    }
    return out;
  }

  /** A distribution point name as full names; a relative name is appended to the CRL issuer. */
  private static List<GeneralName> names(DistributionPointName dp, X500Name crlIssuer) {
    if (dp.getType() == DistributionPointName.FULL_NAME) {
      return List.of(GeneralNames.getInstance(dp.getName()).getNames());
    }
    RDN[] rdns = crlIssuer.getRDNs();
    RDN[] all = Arrays.copyOf(rdns, rdns.length + 1);
    all[rdns.length] = RDN.getInstance(org.bouncycastle.asn1.ASN1Set.getInstance(dp.getName()));
    return List.of(new GeneralName(new X500Name(all)));
  }
}
