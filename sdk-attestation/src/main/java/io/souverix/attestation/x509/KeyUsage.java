package io.souverix.attestation.x509;

/**
 * The key usage bits of RFC 5280 section 4.2.1.3, in bit order.
 *
 * @since 0.1
 */
public enum KeyUsage {
  /** digitalSignature (bit 0). */
  DIGITAL_SIGNATURE,
  /** contentCommitment, formerly nonRepudiation (bit 1). */
  CONTENT_COMMITMENT,
  /** keyEncipherment (bit 2). */
  KEY_ENCIPHERMENT,
  /** dataEncipherment (bit 3). */
  DATA_ENCIPHERMENT,
  /** keyAgreement (bit 4). */
  KEY_AGREEMENT,
  /** keyCertSign (bit 5). */
  KEY_CERT_SIGN,
  /** cRLSign (bit 6). */
  CRL_SIGN,
  /** encipherOnly (bit 7). */
  ENCIPHER_ONLY,
  /** decipherOnly (bit 8). */
  DECIPHER_ONLY;

  /** The bit mask of this usage in Bouncy Castle's {@code KeyUsage} encoding. */
  /**
   * Returns the bit's name in RFC 5280 section 4.2.1.3, such as {@code digitalSignature}.
   *
   * @return the RFC name
   */
  public String rfcName() {
    String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
    }
    return this == CRL_SIGN ? "cRLSign" : b.toString();
  }

  /**
   * Returns the key usage with an RFC 5280 name.
   *
   * @param rfcName a name such as {@code keyCertSign}; not null
   * @return the key usage, or empty if the name is not one of RFC 5280's
   */
  public static java.util.Optional<KeyUsage> fromRfcName(String rfcName) {
    java.util.Objects.requireNonNull(rfcName, "rfcName");
    for (KeyUsage k : values()) {
      if (k.rfcName().equals(rfcName)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }

  int bcMask() {
    return switch (this) {
      case DIGITAL_SIGNATURE -> 1 << 7;
      case CONTENT_COMMITMENT -> 1 << 6;
      case KEY_ENCIPHERMENT -> 1 << 5;
      case DATA_ENCIPHERMENT -> 1 << 4;
      case KEY_AGREEMENT -> 1 << 3;
      case KEY_CERT_SIGN -> 1 << 2;
      case CRL_SIGN -> 1 << 1;
      case ENCIPHER_ONLY -> 1;
      case DECIPHER_ONLY -> 1 << 15;
    };
  }
}
