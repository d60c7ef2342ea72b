package io.souverix.supplychain.provenance;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who must have signed a keyless bundle: the signing certificate's subject alternative name and the
 * OIDC issuer that Fulcio recorded in it. Both are compared for exact, case-sensitive equality;
 * there are no wildcards or regular expressions.
 *
 * <p>Accepting any identity is possible but must be asked for explicitly with {@link
 * #anyIdentity()}: a certificate that merely chains to the trusted root proves only that someone
 * with some account signed.
 *
 * @since 0.1
 */
public final class IdentityPolicy {
  private static final IdentityPolicy ANY = new IdentityPolicy(null, null);

  private final @Nullable String subject;
  private final @Nullable String issuer;

  private IdentityPolicy(@Nullable String subject, @Nullable String issuer) {
    this.subject = subject;
    this.issuer = issuer;
  }

  /**
   * Requires the certificate's SAN (an email address, URI or other name) and OIDC issuer to equal
   * the given values.
   *
   * @param subject the expected SAN value, such as {@code user@example.com} or a workflow URI; not
   *     null or empty
   * @param issuer the expected OIDC issuer, such as {@code https://accounts.google.com}; not null
   *     or empty
   * @return the policy
   * @throws IllegalArgumentException if either is empty
   * @since 0.1
   */
  public static IdentityPolicy exact(String subject, String issuer) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    if (subject.isEmpty() || issuer.isEmpty()) {
      throw new IllegalArgumentException("identity policy; expected a subject and an issuer");
    }
    return new IdentityPolicy(subject, issuer);
  }

  /**
   * Accepts any signer whose certificate chains to the trusted root (an explicit opt-out).
   *
   * @return the policy
   * @since 0.1
   */
  public static IdentityPolicy anyIdentity() {
    return ANY;
  }

  /**
   * Returns the required SAN, or empty for {@link #anyIdentity()}.
   *
   * @return the subject
   * @since 0.1
   */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * Returns the required OIDC issuer, or empty for {@link #anyIdentity()}.
   *
   * @return the issuer
   * @since 0.1
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  boolean matches(@Nullable String actualSubject, @Nullable String actualIssuer) {
    return subject == null || (subject.equals(actualSubject) && issuer.equals(actualIssuer));
  }

  @Override
  public String toString() {
    return subject == null ? "any identity" : subject + " from " + issuer;
  }
}
