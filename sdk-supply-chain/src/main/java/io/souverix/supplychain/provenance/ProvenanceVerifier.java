package io.souverix.supplychain.provenance;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import dev.sigstore.timestamp.client.TimestampException;
import dev.sigstore.timestamp.client.TimestampVerificationException;
import dev.sigstore.timestamp.client.TimestampVerifier;
import io.souverix.supplychain.Digest;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Sigstore bundles offline against a host-supplied {@link TrustedRoot}: keyless bundles (a
 * Fulcio certificate, checked against an {@link IdentityPolicy}) or key-based, cosign-style bundles
 * (a given public key); message signatures and DSSE envelopes holding in-toto statements
 * (optionally checked against an {@link SlsaPolicy}); Rekor v1 and v2 entries; RFC 3161 timestamps.
 *
 * <p>Keyless bundles are verified by sigstore-java's {@code KeylessVerifier}, and then by checks it
 * leaves out: no integrated time or timestamp may lie in the future of the injected clock, and the
 * signing time must fall inside the stated validity of the log key and the CA used (a key without a
 * validity start is not trusted). Key mode is this class's own path: the signature is checked with
 * the given key, the log entry must record that signature, key and digest, and its inclusion proof,
 * checkpoint and signed entry timestamp are checked with sigstore-java's {@code RekorVerifier}.
 *
 * <h3>Security guarantees</h3>
 *
 * A valid result means: the signature verifies over the artifact (or its SHA-256 digest); the
 * signer is the configured identity or key; the log entry is included in a log of the trusted root
 * and records this signature; every trusted time lies in the past and inside the validity of the
 * keys used. An inclusion proof is always required; a signed entry timestamp alone is not enough.
 * See <a href="https://github.com/sigstore/protobuf-specs">the Sigstore bundle specification</a>.
 *
 * @since 0.1
 */
public final class ProvenanceVerifier {
  private final TrustedRoot root;
  private final @Nullable IdentityPolicy identity;
  private final @Nullable PublicKey key;
  private final @Nullable SlsaPolicy slsa;
  private final Clock clock;
  private final Duration skew;

  private ProvenanceVerifier(Builder b) {
    this.root = Objects.requireNonNull(b.root);
    this.identity = b.identity;
    this.key = b.key;
    this.slsa = b.slsa;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.skew = b.skew == null ? Duration.ofMinutes(1) : b.skew;
  }

  /**
   * Starts a verifier. A trusted root and exactly one of an identity policy (keyless) or a public
   * key (key mode) are required.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Verifies a bundle against the artifact's bytes.
   *
   * @param bundle the bundle; not null
   * @param artifact the signed artifact; not null
   * @return the result; never null
   * @since 0.1
   */
  public ProvenanceResult verify(SigstoreBundle bundle, byte[] artifact) {
    Objects.requireNonNull(artifact, "artifact");
    return verify(bundle, Digest.sha256(artifact), artifact.clone());
  }

  /**
   * Verifies a bundle against the artifact's SHA-256 digest only. Key mode with an Ed25519 key
   * needs the artifact itself and is reported {@link Reason#UNSUPPORTED}.
   *
   * @param bundle the bundle; not null
   * @param digest the artifact's digest; not null
   * @return the result; never null
   * @throws IllegalArgumentException if the digest is not SHA-256
   * @since 0.1
   */
  public ProvenanceResult verify(SigstoreBundle bundle, Digest digest) {
    Objects.requireNonNull(digest, "digest");
    if (!digest.algorithm().equals("sha256")) {
      throw new IllegalArgumentException(
          "artifact digest; expected sha256, but got " + digest.algorithm());
    }
    return verify(bundle, digest, null);
  }

  private ProvenanceResult verify(
      SigstoreBundle bundle, Digest digest, byte @Nullable [] artifact) {
    Objects.requireNonNull(bundle, "bundle");
    return new Run(bundle, digest, artifact).execute();
  }

  /** One verification; collects what it establishes for the result. */
  private final class Run {
    final SigstoreBundle bundle;
    final Digest digest;
    final byte @Nullable [] artifact;
    @Nullable String subject;
    @Nullable String issuer;
    @Nullable Instant signedAt;
    @Nullable InTotoStatement statement;

    Run(SigstoreBundle bundle, Digest digest, byte @Nullable [] artifact) {
      this.bundle = bundle;
      this.digest = digest;
      this.artifact = artifact;
    }

    ProvenanceResult execute() {
      X509Certificate leaf = bundle.leaf();
      if (leaf != null) {
        subject = Certificates.subject(leaf);
        issuer = Certificates.issuer(leaf);
      }
      Failure f = key != null ? keyMode(key) : keyless(leaf);
      if (f == null) {
        f = times(leaf);
      }
      if (f == null) {
        f = statement();
      }
      if (f != null) {
        return new ProvenanceResult(f.reason, f.message, subject, issuer, signedAt, null);
      }
      return new ProvenanceResult(Reason.OK, "ok", subject, issuer, signedAt, statement);
    }

    private @Nullable Failure keyless(@Nullable X509Certificate leaf) {
      if (leaf == null || bundle.sigstore() == null) {
        return new Failure(
            Reason.UNSUPPORTED, "the bundle has no certificate; verify it in key mode");
      }
      var options = VerificationOptions.builder();
      if (identity != null && identity.subject().isPresent()) {
        options.addCertificateMatchers(
            VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(StringMatcher.string(identity.subject().get()))
                .issuer(StringMatcher.string(identity.issuer().orElseThrow()))
                .build());
      }
      try {
        KeylessVerifier verifier =
            KeylessVerifier.builder().trustedRootProvider(root::sigstore).build();
        // sigstore-java's byte[] overload takes the artifact's SHA-256 digest.
        verifier.verify(digest.value(), bundle.sigstore(), options.build());
        return null;
      } catch (KeylessVerificationException e) {
        return classify(e);
      } catch (GeneralSecurityException | dev.sigstore.trustroot.SigstoreConfigurationException e) {
        return new Failure(
            Reason.CERTIFICATE_UNTRUSTED, "the trusted root cannot be used: " + e.getMessage());
      }
    }

    private @Nullable Failure keyMode(PublicKey key) {
      byte[] sha = digest.value();
      if (bundle.isDsse()) {
        if (!InTotoStatement.PAYLOAD_TYPE.equals(bundle.dssePayloadType())) {
          return new Failure(
              Reason.UNSUPPORTED,
              String.format(
                  Locale.ROOT,
                  "DSSE payload type; expected %s, but got %s",
                  InTotoStatement.PAYLOAD_TYPE,
                  bundle.dssePayloadType()));
        }
        byte[] pae = Signatures.pae(bundle.dssePayloadType(), bundle.dssePayload());
        if (!Signatures.verify(key, pae, bundle.signature())) {
          return new Failure(Reason.SIGNATURE_INVALID, "the DSSE signature does not verify");
        }
      } else {
        byte[] stated = bundle.messageDigest();
        if (stated != null && !MessageDigest.isEqual(stated, sha)) {
          return new Failure(
              Reason.ARTIFACT_MISMATCH, "the bundle's message digest differs from the artifact's");
        }
        boolean ok;
        if (artifact != null) {
          ok = Signatures.verify(key, artifact, bundle.signature());
        } else if (Signatures.supportsPrehashed(key)) {
          ok = Signatures.verifyPrehashed(key, sha, bundle.signature());
        } else {
          return new Failure(
              Reason.UNSUPPORTED, "an Ed25519 signature needs the artifact, not its digest");
        }
        if (!ok) {
          return new Failure(Reason.SIGNATURE_INVALID, "the signature does not verify");
        }
      }
      if (bundle.entries().isEmpty()) {
        return new Failure(Reason.TLOG_INVALID, "the bundle has no transparency-log entry");
      }
      RekorVerifier rekor = RekorVerifier.newRekorVerifier(root.sigstore());
      for (SigstoreBundle.Entry e : bundle.entries()) {
        Optional<String> mismatch = LogEntries.mismatch(e, bundle, key, sha);
        if (mismatch.isPresent()) {
          return new Failure(Reason.TLOG_MISMATCH, mismatch.get());
        }
        if (e.proof() == null) {
          return new Failure(Reason.TLOG_INVALID, "the log entry has no inclusion proof");
        }
        try {
          rekor.verifyEntry(LogEntries.toRekorEntry(e));
        } catch (RekorVerificationException | RuntimeException ex) {
          return new Failure(
              Reason.TLOG_INVALID, "the log entry does not verify: " + ex.getMessage());
        }
      }
      if (!bundle.timestamps().isEmpty()) {
        try {
          TimestampVerifier tsa = TimestampVerifier.newTimestampVerifier(root.sigstore());
          for (byte[] t : bundle.timestamps()) {
            tsa.verify(ImmutableTimestampResponse.builder().encoded(t).build(), bundle.signature());
          }
        } catch (TimestampVerificationException | GeneralSecurityException | RuntimeException e) {
          return new Failure(
              Reason.TIMESTAMP_INVALID, "an RFC 3161 timestamp does not verify: " + e.getMessage());
        }
      }
      return null;
    }

    /** Checks every trusted time against "now" and the validity of the keys and CA used. */
    private @Nullable Failure times(@Nullable X509Certificate leaf) {
      Instant now = clock.instant();
      List<Instant> tsaTimes = new ArrayList<>();
      for (byte[] t : bundle.timestamps()) {
        try {
          tsaTimes.add(
              ImmutableTimestampResponse.builder().encoded(t).build().getGenTime().toInstant());
        } catch (TimestampException | RuntimeException e) {
          return new Failure(Reason.TIMESTAMP_INVALID, "an RFC 3161 timestamp cannot be read");
        }
      }
      Instant earliestTsa = tsaTimes.stream().min(Instant::compareTo).orElse(null);
      for (Instant t : tsaTimes) {
        if (t.isAfter(now.plus(skew))) {
          return new Failure(
              Reason.TIME_IN_FUTURE, "an RFC 3161 timestamp lies in the future: " + t);
        }
      }
      for (SigstoreBundle.Entry e : bundle.entries()) {
        Instant t =
            e.integratedTime() > 0 ? Instant.ofEpochSecond(e.integratedTime()) : earliestTsa;
        if (t == null) {
          return new Failure(
              Reason.TLOG_INVALID,
              "the log entry has no integrated time and the bundle no RFC 3161 timestamp");
        }
        if (t.isAfter(now.plus(skew))) {
          return new Failure(
              Reason.TIME_IN_FUTURE, "the log entry's integrated time lies in the future: " + t);
        }
        Optional<TrustedRoot.Validity> v = root.tlogValidity(e.keyId());
        if (v.isEmpty()) {
          return new Failure(Reason.TLOG_INVALID, "the log entry's log is not in the trusted root");
        }
        if (!v.get().contains(t)) {
          return new Failure(Reason.OUTSIDE_KEY_VALIDITY, outside("log key", v.get(), t));
        }
        if (signedAt == null || t.isBefore(signedAt)) {
          signedAt = t;
        }
      }
      if (signedAt == null) {
        signedAt = earliestTsa;
      }
      if (leaf != null && key == null && signedAt != null) {
        Optional<TrustedRoot.Validity> ca = root.caValidity(leaf);
        if (ca.isEmpty()) {
          return new Failure(Reason.CERTIFICATE_UNTRUSTED, "no CA of the trusted root issued it");
        }
        if (!ca.get().contains(signedAt)) {
          return new Failure(Reason.OUTSIDE_KEY_VALIDITY, outside("CA", ca.get(), signedAt));
        }
      }
      return null;
    }

    private @Nullable Failure statement() {
      if (!bundle.isDsse()) {
        return slsa == null
            ? null
            : new Failure(Reason.POLICY_VIOLATION, "an SLSA policy needs a DSSE in-toto bundle");
      }
      try {
        statement = InTotoStatement.parse(bundle.dssePayload());
      } catch (ProvenanceException e) {
        return new Failure(Reason.UNSUPPORTED, e.getMessage());
      }
      if (!statement.hasSubject(digest)) {
        return new Failure(
            Reason.ARTIFACT_MISMATCH,
            "no subject of the in-toto statement has the artifact's digest");
      }
      if (slsa != null) {
        Optional<String> v = slsa.violation(statement);
        if (v.isPresent()) {
          return new Failure(Reason.POLICY_VIOLATION, v.get());
        }
      }
      return null;
    }
  }

  private static String outside(String what, TrustedRoot.Validity v, Instant t) {
    if (v.start() == null) {
      return String.format(
          Locale.ROOT, "%s validity; expected a start in the trusted root, but it has none", what);
    }
    return String.format(
        Locale.ROOT,
        "%s validity; expected the signing time within [%s, %s], but got %s",
        what,
        v.start(),
        v.end() == null ? "open" : v.end(),
        t);
  }

  /** Maps sigstore-java's message-only exceptions onto reasons (it exposes no codes). */
  private static Failure classify(KeylessVerificationException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String lower = m.toLowerCase(Locale.ROOT);
    Reason r;
    if (lower.contains("certificate identities")) {
      r = Reason.IDENTITY_MISMATCH;
    } else if (lower.contains("fulcio certificate") || lower.contains("certificate was not")) {
      r = Reason.CERTIFICATE_UNTRUSTED;
    } else if (lower.contains("rfc3161") || lower.contains("timestamp")) {
      r = Reason.TIMESTAMP_INVALID;
    } else if (lower.contains("artifact digest") || lower.contains("subject sha256")) {
      r = Reason.ARTIFACT_MISMATCH;
    } else if (lower.contains("transparency log entry could not be verified")) {
      r = Reason.TLOG_INVALID;
    } else if (lower.contains("log entry") || lower.contains("rekor entry")) {
      r = Reason.TLOG_MISMATCH;
    } else if (lower.contains("signature")) {
      r = Reason.SIGNATURE_INVALID;
    } else {
      r = Reason.UNSUPPORTED;
    }
    Throwable c = e.getCause();
    return new Failure(r, c == null || c.getMessage() == null ? m : m + ": " + c.getMessage());
  }

  private record Failure(Reason reason, String message) {}

  /** Builds a {@link ProvenanceVerifier}; mutable, not thread-safe; each option may be set once. */
  public static final class Builder {
    private @Nullable TrustedRoot root;
    private @Nullable IdentityPolicy identity;
    private @Nullable PublicKey key;
    private @Nullable SlsaPolicy slsa;
    private @Nullable Clock clock;
    private @Nullable Duration skew;

    private Builder() {}

    /**
     * Sets the trusted root (required).
     *
     * @param root the trusted root; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder trustedRoot(TrustedRoot root) {
      requireUnset(this.root, "trustedRoot");
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Selects keyless verification with this identity policy.
     *
     * @param policy the policy; {@link IdentityPolicy#anyIdentity()} to accept any signer; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder identity(IdentityPolicy policy) {
      requireUnset(this.identity, "identity");
      this.identity = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Selects key mode: signatures must verify with this key (see {@link PublicKeys}).
     *
     * @param key an EC, Ed25519 or RSA public key; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder publicKey(PublicKey key) {
      requireUnset(this.key, "publicKey");
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Requires DSSE bundles whose in-toto statement satisfies this policy; message-signature
     * bundles are then rejected.
     *
     * @param policy the policy; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder slsaPolicy(SlsaPolicy policy) {
      requireUnset(this.slsa, "slsaPolicy");
      this.slsa = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the clock that "now" comes from; defaults to {@link Clock#systemUTC()}.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how far a trusted time may lie ahead of the clock; defaults to one minute.
     *
     * @param skew between zero and one hour
     * @return this builder
     * @throws IllegalArgumentException if negative or above one hour
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder clockSkew(Duration skew) {
      requireUnset(this.skew, "clockSkew");
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "clock skew; expected between 0 and 1 hour, but got " + skew);
      }
      this.skew = skew;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if the trusted root is missing, or not exactly one of an
     *     identity policy and a public key is set
     * @since 0.1
     */
    public ProvenanceVerifier build() {
      if (root == null) {
        throw new IllegalStateException("a trusted root is required");
      }
      if ((identity == null) == (key == null)) {
        throw new IllegalStateException(
            "exactly one of identity (keyless) and publicKey (key mode) must be set");
      }
      return new ProvenanceVerifier(this);
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " is already set");
      }
    }
  }
}
