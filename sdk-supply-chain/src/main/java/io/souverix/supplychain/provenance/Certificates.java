package io.souverix.supplychain.provenance;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.jspecify.annotations.Nullable;

/** The identity a Fulcio certificate records: its SAN and its OIDC issuer extension. */
final class Certificates {
  /** Fulcio's OIDC issuer extension (v2, a DER UTF8String). */
  static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  /** Fulcio's deprecated OIDC issuer extension (v1, the raw string). */
  static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  private Certificates() {}

  /** The first email, URI or DNS SAN, or null. */
  static @Nullable String subject(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return null;
      }
      for (List<?> n : names) {
        int type = (Integer) n.get(0);
        if ((type == 1 || type == 2 || type == 6) && n.get(1) instanceof String) {
          return (String) n.get(1);
        }
      }
      return null;
    } catch (CertificateParsingException e) {
      return null;
    }
  }

  /** The OIDC issuer, from the v2 extension or else the v1 one, or null. */
  static @Nullable String issuer(X509Certificate cert) {
    try {
      byte[] v2 = cert.getExtensionValue(ISSUER_V2);
      if (v2 != null) {
        ASN1Primitive inner =
            ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        return inner instanceof ASN1String ? ((ASN1String) inner).getString() : null;
      }
      byte[] v1 = cert.getExtensionValue(ISSUER_V1);
      if (v1 != null) {
        return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
      }
      return null;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
