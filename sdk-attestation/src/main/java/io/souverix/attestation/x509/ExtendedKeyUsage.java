package io.souverix.attestation.x509;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An extended key usage purpose (RFC 5280 section 4.2.1.12), identified by its object identifier.
 * An open enumeration: the constants name the common purposes, {@link #of(String)} any other.
 *
 * @since 0.1
 */
public final class ExtendedKeyUsage {
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  /** id-kp-serverAuth: TLS server authentication. */
  public static final ExtendedKeyUsage SERVER_AUTH = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.1");

  /** id-kp-clientAuth: TLS client authentication. */
  public static final ExtendedKeyUsage CLIENT_AUTH = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.2");

  /** id-kp-codeSigning. */
  public static final ExtendedKeyUsage CODE_SIGNING = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.3");

  /** id-kp-emailProtection. */
  public static final ExtendedKeyUsage EMAIL_PROTECTION = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.4");

  /** id-kp-timeStamping. */
  public static final ExtendedKeyUsage TIME_STAMPING = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.8");

  /** id-kp-OCSPSigning. */
  public static final ExtendedKeyUsage OCSP_SIGNING = new ExtendedKeyUsage("1.3.6.1.5.5.7.3.9");

  /** anyExtendedKeyUsage. */
  public static final ExtendedKeyUsage ANY = new ExtendedKeyUsage("2.5.29.37.0");

  private final String oid;

  private ExtendedKeyUsage(String oid) {
    this.oid = oid;
  }

  /**
   * Returns the purpose with this object identifier.
   *
   * @param oid a dotted object identifier such as {@code 1.3.6.1.5.5.7.3.1}
   * @return the purpose
   * @throws IllegalArgumentException if {@code oid} is not a dotted object identifier
   */
  public static ExtendedKeyUsage of(String oid) {
    Objects.requireNonNull(oid, "oid");
    if (!OID.matcher(oid).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "extended key usage; expected a dotted OID, but got '%s'", oid));
    }
    return new ExtendedKeyUsage(oid);
  }

  /**
   * Returns the purpose with a short name of RFC 5280 section 4.2.1.12 ({@code serverAuth}, {@code
   * clientAuth}, {@code codeSigning}, {@code emailProtection}, {@code timeStamping}, {@code
   * OCSPSigning}) or {@code anyExtendedKeyUsage}.
   *
   * @param name the short name; not null
   * @return the purpose, or empty if the name is not one of these
   */
  public static java.util.Optional<ExtendedKeyUsage> fromName(String name) {
    Objects.requireNonNull(name, "name");
    ExtendedKeyUsage e =
        switch (name) {
          case "serverAuth" -> SERVER_AUTH;
          case "clientAuth" -> CLIENT_AUTH;
          case "codeSigning" -> CODE_SIGNING;
          case "emailProtection" -> EMAIL_PROTECTION;
          case "timeStamping" -> TIME_STAMPING;
          case "OCSPSigning" -> OCSP_SIGNING;
          case "anyExtendedKeyUsage" -> ANY;
          default -> null;
        };
    return java.util.Optional.ofNullable(e);
  }

  /**
   * Returns the dotted object identifier.
   *
   * @return the OID, for example {@code 1.3.6.1.5.5.7.3.1}
   */
  public String oid() {
    return oid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedKeyUsage other && other.oid.equals(oid);
  }

  @Override
  public int hashCode() {
    return oid.hashCode();
  }

  @Override
  public String toString() {
    return oid;
  }
}
