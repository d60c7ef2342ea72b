package io.souverix.attestation.x509;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;
import org.jspecify.annotations.Nullable;

/**
 * Binding of a device certificate (IEEE 802.1AR IDevID/LDevID) to a device serial number: the
 * subject's serialNumber attribute (2.5.4.5) or a subjectAltName otherName hardwareModuleName (RFC
 * 4108, {@code SEQUENCE { hwType OID, hwSerialNum OCTET STRING }}) must equal it exactly.
 */
final class DeviceSerial {
  static final String HARDWARE_MODULE_NAME = "1.3.6.1.5.5.7.8.4";

  private DeviceSerial() {}

  /** Null when {@code leaf} is bound to {@code expected}, otherwise the problem. */
  static @Nullable Problem check(ParsedCert leaf, String expected) {
    List<String> found = new ArrayList<>();
    for (RDN rdn : leaf.subject.getRDNs(BCStyle.SERIALNUMBER)) {
      if (rdn.getFirst().getValue() instanceof ASN1String s) {
        if (s.getString().equals(expected)) {
          return null;
        }
        found.add("subject serialNumber '" + s.getString() + "'");
      }
    }
    byte[] want = expected.getBytes(StandardCharsets.UTF_8);
    for (GeneralName n : leaf.san) {
      if (n.getTagNo() != GeneralName.otherName) {
        continue;
      }
      try {
        OtherName o = OtherName.getInstance(n.getName());
        if (!o.getTypeID().getId().equals(HARDWARE_MODULE_NAME)) {
          continue;
        }
        ASN1Sequence seq = ASN1Sequence.getInstance(o.getValue());
        byte[] serial = ASN1OctetString.getInstance(seq.getObjectAt(1)).getOctets();
        if (Arrays.equals(serial, want)) {
          return null;
        }
        found.add("hardwareModuleName '" + new String(serial, StandardCharsets.UTF_8) + "'");
      } catch (RuntimeException e) {
        return Problem.of(
            ReasonCode.PARSE_ERROR,
            "device-serial",
            "hardwareModuleName of '%s' not parseable: %s",
            leaf.subjectText(),
            e.getMessage());
      }
    }
    return Problem.of(
        ReasonCode.SERIAL_MISMATCH,
        "device-serial",
        "device serial number; expected '%s', but got %s",
        expected,
        found.isEmpty()
            ? "no subject serialNumber and no hardwareModuleName in '" + leaf.subjectText() + "'"
            : String.join(", ", found));
  }
}
