package io.souverix.attestation.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class DnKeyTest {
  private static RDN rdn(org.bouncycastle.asn1.ASN1ObjectIdentifier type, ASN1Encodable value) {
    return new RDN(type, value);
  }

  private static X500Name name(RDN... rdns) {
    return new X500Name(rdns);
  }

  /** Names that are equal or not under RFC 5280 / Bouncy Castle's rules, in every pairing. */
  private static List<X500Name> names() {
    RDN cn = rdn(BCStyle.CN, new DERUTF8String("Issuing CA"));
    RDN cnUpper = rdn(BCStyle.CN, new DERPrintableString("ISSUING  CA"));
    RDN cnOther = rdn(BCStyle.CN, new DERUTF8String("Issuing CB"));
    RDN o = rdn(BCStyle.O, new DERUTF8String("Souverix"));
    RDN serial = rdn(BCStyle.SERIALNUMBER, new DERPrintableString("SN-1"));
    RDN multi =
        new RDN(
            new AttributeTypeAndValue[] {
              new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("a")),
              new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("b"))
            });
    RDN multiSwapped =
        new RDN(
            new AttributeTypeAndValue[] {
              new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("b")),
              new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("a"))
            });
    return List.of(
        name(cn, o),
        name(cnUpper, o),
        name(o, cn),
        name(cnOther, o),
        name(cn),
        name(cn, o, serial),
        name(serial, o, cn),
        name(multi),
        name(multiSwapped),
        name(multi, o),
        name(),
        name(rdn(BCStyle.O, new DERUTF8String(" souverix "))),
        name(o));
  }

  @Test
  void matches_everyPairOfNames_decidesAsBouncyCastleEquals() throws Exception {
    List<X500Name> all = names();
    int equalPairs = 0;
    for (X500Name a : all) {
      for (X500Name b : all) {
        // Fresh instances each time: no cached key, then cached keys on the second call.
        DnKey ka = new DnKey(X500Name.getInstance(a.getEncoded()));
        DnKey kb = new DnKey(X500Name.getInstance(b.getEncoded()));
        boolean expected = a.equals(b);
        assertThat(ka.matches(kb)).as("%s vs %s", a, b).isEqualTo(expected);
        assertThat(ka.matches(kb)).as("%s vs %s (cached)", a, b).isEqualTo(expected);
        equalPairs += expected && a != b ? 1 : 0;
      }
    }
    assertThat(equalPairs).as("pairs of distinct encodings that are equal").isGreaterThan(2);
  }
}
