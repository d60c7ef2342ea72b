package io.souverix.attestation.x509;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * A distinguished name of a certificate with a fast equality that decides exactly as Bouncy
 * Castle's {@link X500Name#equals} (BCStyle): two names are equal when their encodings are
 * identical (the same ASN.1 structure), or when they have the same number of RDNs and the same
 * multiset of RDNs, each RDN compared by its attribute types and their values' {@link
 * IETFUtils#canonicalString canonical strings}, position by position (Bouncy Castle tries the names
 * in order, reversed, then sorted; the sorted comparison accepts whatever the other two accept).
 * The canonical strings are computed once per name, not once per comparison, and not at all when
 * the encodings are identical.
 */
final class DnKey {
  private final X500Name name;
  private volatile @Nullable List<String> key;
  private volatile boolean keyFailed;

  DnKey(X500Name name) {
    this.name = name;
  }

  X500Name name() {
    return name;
  }

  /** True if both names are equal under Bouncy Castle's rules. */
  boolean matches(DnKey o) {
    if (name.toASN1Primitive().equals(o.name.toASN1Primitive())) {
      return true; // the same encoding (Bouncy Castle's first test too)
    }
    List<String> a = key();
    List<String> b = o.key();
    if (a == null || b == null) {
      return name.equals(o.name); // Bouncy Castle decides (and fails the same way)
    }
    return a.equals(b);
  }

  /**
   * The RDNs' canonical keys, sorted; each key is its types and canonical values in order,
   * length-prefixed so that distinct RDNs never give the same text. Null if a value has no
   * canonical string.
   */
  private @Nullable List<String> key() {
    List<String> k = key;
    if (k != null || keyFailed) {
      return k;
    }
    try {
      RDN[] rdns = name.getRDNs();
      List<String> out = new ArrayList<>(rdns.length);
      for (RDN rdn : rdns) {
        StringBuilder sb = new StringBuilder();
        for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
          String type = atv.getType().getId();
          String value = IETFUtils.canonicalString(atv.getValue());
          sb.append(type.length()).append(':').append(type);
          sb.append(value.length()).append(':').append(value);
        }
        out.add(sb.toString());
      }
      Collections.sort(out);
      k = List.copyOf(out);
      key = k;
    } catch (RuntimeException e) {
      keyFailed = true;
    }
    return k;
  }
}
