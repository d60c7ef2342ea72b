package io.souverix.attestation.x509;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.jspecify.annotations.Nullable;

/**
 * RFC 5280 section 4.2.1.10 name constraints: dNSName, iPAddress, rfc822Name and directoryName are
 * processed; a constraint of any other name type rejects a certificate that carries a name of that
 * type (it cannot be processed, so it cannot be honoured).
 */
final class NameConstraintsCheck {
  /** Name-versus-constraint comparisons allowed per validation (quadratic blow-up guard). */
  static final int MAX_COMPARISONS = 250_000;

  private NameConstraintsCheck() {}

  private static GeneralSubtree[] orEmpty(GeneralSubtree @Nullable [] s) {
    return s == null ? new GeneralSubtree[0] : s;
  }

  /** Checks the syntax of a CA's constraints; null when well-formed. */
  static @Nullable Problem syntax(NameConstraints nc) {
    GeneralSubtree[] permitted = orEmpty(nc.getPermittedSubtrees());
    GeneralSubtree[] excluded = orEmpty(nc.getExcludedSubtrees());
    if (permitted.length == 0 && excluded.length == 0) {
      return Problem.of(
          ReasonCode.NAME_CONSTRAINT_VIOLATION,
          "name-constraints",
          "nameConstraints has neither permitted nor excluded subtrees");
    }
    for (GeneralSubtree[] list : List.of(permitted, excluded)) {
      for (GeneralSubtree t : list) {
        GeneralName b = t.getBase();
        String bad = null;
        switch (b.getTagNo()) {
          case GeneralName.dNSName -> {
            String s = b.getName().toString();
            if (!s.isEmpty() && !Names.isDnsName(s)) {
              bad = "dNSName '" + s + "'";
            }
          }
          case GeneralName.iPAddress -> {
            byte[] o = ASN1OctetString.getInstance(b.getName()).getOctets();
            if ((o.length != 8 && o.length != 32) || !contiguousMask(o)) {
              bad = "iPAddress constraint of " + o.length + " octets or a non-contiguous mask";
            }
          }
          case GeneralName.rfc822Name -> {
            String s = b.getName().toString();
            boolean ok =
                s.indexOf('@') >= 0
                    ? Names.isMailbox(s)
                    : Names.isDnsName(s.startsWith(".") ? s.substring(1) : s);
            if (!ok) {
              bad = "rfc822Name '" + s + "'";
            }
          }
          default -> {}
        }
        if (bad != null) {
          return Problem.of(
              ReasonCode.NAME_CONSTRAINT_VIOLATION,
              "name-constraints",
              "malformed constraint %s",
              bad);
        }
      }
    }
    return null;
  }

  private static boolean contiguousMask(byte[] o) {
    int half = o.length / 2;
    boolean zeroSeen = false;
    for (int i = half; i < o.length; i++) {
      for (int bit = 7; bit >= 0; bit--) {
        boolean one = (o[i] & (1 << bit)) != 0;
        if (one && zeroSeen) {
          return false;
        }
        zeroSeen |= !one;
      }
    }
    return true;
  }

  /** A mutable comparison budget shared by all checks of one validation. */
  static final class Budget {
    int left = MAX_COMPARISONS;

    void spend(int n) throws Problem {
      left -= n;
      if (left < 0) {
        throw Problem.of(
            ReasonCode.RESOURCE_LIMIT,
            "name-constraints",
            "more than %d name-constraint comparisons",
            MAX_COMPARISONS);
      }
    }
  }

  /** Checks every name of {@code cert} against the constraints of {@code ca}. */
  static void check(ParsedCert ca, ParsedCert cert, Budget budget) throws Problem {
    NameConstraints nc = ca.nameConstraints;
    if (nc == null) {
      return;
    }
    GeneralSubtree[] permitted = orEmpty(nc.getPermittedSubtrees());
    GeneralSubtree[] excluded = orEmpty(nc.getExcludedSubtrees());
    List<GeneralName> names = new ArrayList<>(List.of(cert.san));
    if (cert.subject.getRDNs().length > 0) {
      names.add(new GeneralName(cert.subject));
    }
    for (String email : cert.subjectEmails()) {
      names.add(new GeneralName(GeneralName.rfc822Name, email));
    }
    budget.spend(names.size() * (permitted.length + excluded.length));
    for (GeneralName name : names) {
      int tag = name.getTagNo();
      boolean typeConstrained = false;
      boolean permittedMatch = false;
      for (GeneralSubtree t : permitted) {
        if (t.getBase().getTagNo() == tag) {
          typeConstrained = true;
          permittedMatch |= matches(name, t.getBase(), false);
        }
      }
      if (typeConstrained && !permittedMatch) {
        throw Problem.of(
            ReasonCode.NAME_CONSTRAINT_VIOLATION,
            "name-constraints",
            "%s of '%s' is outside the permitted subtrees of '%s'",
            describe(name),
            cert.subjectText(),
            ca.subjectText());
      }
      for (GeneralSubtree t : excluded) {
        if (t.getBase().getTagNo() == tag) {
          typeConstrained = true;
          if (matches(name, t.getBase(), true)) {
            throw Problem.of(
                ReasonCode.NAME_CONSTRAINT_VIOLATION,
                "name-constraints",
                "%s of '%s' is in an excluded subtree of '%s'",
                describe(name),
                cert.subjectText(),
                ca.subjectText());
          }
        }
      }
      if (typeConstrained && !supported(tag)) {
        throw Problem.of(
            ReasonCode.NAME_CONSTRAINT_VIOLATION,
            "name-constraints",
            "'%s' carries a name of type %d that '%s' constrains and this validator cannot process",
            cert.subjectText(),
            tag,
            ca.subjectText());
      }
    }
  }

  private static boolean supported(int tag) {
    return tag == GeneralName.dNSName
        || tag == GeneralName.iPAddress
        || tag == GeneralName.rfc822Name
        || tag == GeneralName.directoryName;
  }

  private static String describe(GeneralName n) {
    return switch (n.getTagNo()) {
      case GeneralName.dNSName -> "dNSName '" + n.getName() + "'";
      case GeneralName.iPAddress ->
          "iPAddress " + Names.ipText(ASN1OctetString.getInstance(n.getName()).getOctets());
      case GeneralName.rfc822Name -> "rfc822Name '" + n.getName() + "'";
      case GeneralName.directoryName -> "directoryName '" + n.getName() + "'";
      default -> "name of type " + n.getTagNo();
    };
  }

  /**
   * True if {@code name} falls in the subtree {@code base}. For an excluded subtree a wildcard
   * dNSName matches when any name it could stand for is in the subtree; for a permitted one only
   * when every such name is.
   */
  private static boolean matches(GeneralName name, GeneralName base, boolean excluded) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName -> {
        String n = name.getName().toString().toLowerCase(Locale.ROOT);
        String c = base.getName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("*.")) {
          String parent = n.substring(2);
          if (Names.dnsWithin(parent, c) && !parent.equals(c)) {
            return true; // every *.parent name is strictly below c
          }
          if (parent.equals(c) || c.isEmpty()) {
            return true;
          }
          return excluded && c.endsWith("." + parent);
        }
        return Names.dnsWithin(n, c);
      }
      case GeneralName.iPAddress -> {
        byte[] ip = ASN1OctetString.getInstance(name.getName()).getOctets();
        byte[] net = ASN1OctetString.getInstance(base.getName()).getOctets();
        if (net.length != 2 * ip.length) {
          return false;
        }
        for (int i = 0; i < ip.length; i++) {
          byte mask = net[ip.length + i];
          if ((ip[i] & mask) != (net[i] & mask)) {
            return false;
          }
        }
        return true;
      }
      case GeneralName.rfc822Name -> {
        String m = name.getName().toString();
        String c = base.getName().toString();
        if (!Names.isMailbox(m)) {
          return excluded; // a malformed address is never permitted, always excluded
        }
        String domain = m.substring(m.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (c.indexOf('@') >= 0) {
          return Names.mailboxEquals(m, c);
        }
        String lc = c.toLowerCase(Locale.ROOT);
        return lc.startsWith(".") ? domain.endsWith(lc) : domain.equals(lc);
      }
      case GeneralName.directoryName -> {
        RDN[] n = X500Name.getInstance(name.getName()).getRDNs();
        RDN[] c = X500Name.getInstance(base.getName()).getRDNs();
        if (c.length > n.length) {
          return false;
        }
        for (int i = 0; i < c.length; i++) {
          if (!IETFUtils.rDNAreEqual(n[i], c[i])) {
            return false;
          }
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
