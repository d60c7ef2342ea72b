package io.souverix.attestation.x509;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Syntax checks and matching rules for DNS names, IP addresses and e-mail addresses. */
final class Names {
  private Names() {}

  /** True for an ASCII LDH host name: labels of 1..63 letters, digits and inner hyphens. */
  static boolean isDnsName(String s) {
    if (s.isEmpty() || s.length() > 253 || s.endsWith(".")) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!isLabel(label)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabel(String l) {
    if (l.isEmpty() || l.length() > 63 || l.startsWith("-") || l.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for a dNSName SAN: a host name, or {@code *.} followed by a host name of at least two
   * labels (a wildcard is only ever the whole left-most label, never on a single-label suffix).
   */
  static boolean isDnsSan(String s) {
    if (s.startsWith("*.")) {
      String rest = s.substring(2);
      return isDnsName(rest) && rest.indexOf('.') > 0;
    }
    return isDnsName(s);
  }

  /** RFC 6125 matching of a presented dNSName (possibly a wildcard) against a reference host. */
  static boolean dnsMatches(String presented, String host) {
    String p = presented.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (!isDnsSan(p) || !isDnsName(h)) {
      return false;
    }
    if (!p.startsWith("*.")) {
      return p.equals(h);
    }
    int dot = h.indexOf('.');
    return dot > 0
        && h.substring(dot + 1).equals(p.substring(2))
        && !isPublicSuffix(p.substring(2));
  }

  /**
   * True if {@code name} is a public suffix (ICANN or private section of the Public Suffix List, as
   * bundled with Guava): a wildcard directly below one would span many registrants.
   */
  static boolean isPublicSuffix(String name) {
    try {
      return InternetDomainName.from(name).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * True if a subject common name is an internationalized domain name in Unicode (U-label) form: it
   * can never be the character-for-character copy of a dNSName (an IA5String) that the CA/B Forum
   * requires of a TLS server certificate's CN.
   */
  static boolean isUnicodeDomain(String cn) {
    if (cn.indexOf('.') < 0 || cn.chars().allMatch(c -> c < 0x80) || cn.contains(" ")) {
      return false;
    }
    try {
      return isDnsName(IDN.toASCII(cn, IDN.ALLOW_UNASSIGNED));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True if DNS name {@code name} is {@code base} or a subdomain of it; "" is the whole tree. */
  static boolean dnsWithin(String name, String base) {
    String n = name.toLowerCase(Locale.ROOT);
    String b = base.toLowerCase(Locale.ROOT);
    return b.isEmpty() || n.equals(b) || n.endsWith("." + b);
  }

  /** Parses a strict IPv4 dotted quad or an IPv6 literal; null if {@code s} is neither. */
  static byte @Nullable [] ipLiteral(String s) {
    if (s.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
      byte[] b = new byte[4];
      String[] parts = s.split("\\.");
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return b;
    }
    if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
      try {
        byte[] a = InetAddress.getByName(s).getAddress(); // a literal: never a DNS lookup
        return a.length == 16 ? a : null;
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Parses anything a lenient resolver would read as an IP address: dotted quads with leading
   * zeros, a single hexadecimal number, any IPv6 spelling. Null if {@code s} is none of these.
   */
  static byte @Nullable [] lenientIp(String s) {
    if (s.matches("0[xX][0-9a-fA-F]{1,8}")) {
      long v = Long.parseLong(s.substring(2), 16);
      return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
    if (s.matches("[0-9]{1,4}(\\.[0-9]{1,4}){3}")) {
      byte[] b = new byte[4];
      String[] parts = s.split("\\.");
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return b;
    }
    return s.indexOf(':') >= 0 ? ipLiteral(s) : null;
  }

  /** The canonical text of an address: dotted decimal, or RFC 5952 for IPv6. */
  static String ipText(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** True for an rfc822Name: exactly one '@', a printable ASCII local part and a host name. */
  static boolean isMailbox(String s) {
    int at = s.indexOf('@');
    if (at <= 0 || at != s.lastIndexOf('@')) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return isDnsName(s.substring(at + 1));
  }

  /** True if mailbox {@code a} equals {@code b}: local part exact, domain case-insensitive. */
  static boolean mailboxEquals(String a, String b) {
    int i = a.lastIndexOf('@');
    int j = b.lastIndexOf('@');
    return i > 0
        && j > 0
        && a.substring(0, i).equals(b.substring(0, j))
        && a.substring(i + 1).equalsIgnoreCase(b.substring(j + 1));
  }
}
