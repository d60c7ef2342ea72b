package io.souverix.attestation.ca;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;

/** Certificate serial numbers: generation and the one spelling used in events. */
final class Serials {
  private Serials() {}

  /** A random positive serial of at most 128 bits (RFC 5280 4.1.2.2 allows 20 octets). */
  static BigInteger random(SecureRandom random) {
    BigInteger s;
    do {
      byte[] b = new byte[16];
      random.nextBytes(b);
      s = new BigInteger(1, b);
    } while (s.signum() == 0);
    return s;
  }

  static String text(BigInteger serial) {
    return serial.toString(16);
  }

  /**
   * Lower-case hex without separators or leading zeros; spellings such as {@code "0A:1B"} and
   * {@code "a1b"} are the same serial. Text that is not hex is returned lower-cased as it is.
   */
  static String normalize(String serial) {
    String s = serial.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (!s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return new BigInteger(s, 16).toString(16);
    }
    return s;
  }
}
