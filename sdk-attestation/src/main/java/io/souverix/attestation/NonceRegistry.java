package io.souverix.attestation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A registry of attestation challenges: it issues fresh random nonces and accepts each one at most
 * once, within its time to live.
 *
 * <p>Evidence (a TPM quote, an attestation token) must carry a nonce the verifier issued and has
 * not seen used, or an attacker could replay old evidence of a once-healthy node.
 *
 * <h3>Security guarantees</h3>
 *
 * A nonce is accepted by {@link #consume(byte[])} only if this registry issued it, it has not been
 * consumed before, and its time to live has not passed on the injected clock. Nonces are 32 bytes
 * from the injected randomness ({@link SecureRandom} by default). Thread-safe.
 *
 * @since 0.1
 */
public final class NonceRegistry {
  /** Nonce length in bytes. */
  public static final int NONCE_BYTES = 32;

  private final Clock clock;
  private final Random random;
  private final Duration ttl;
  private final int maxOutstanding;
  private final Map<String, Instant> outstanding = new HashMap<>();

  private NonceRegistry(Clock clock, Random random, Duration ttl, int maxOutstanding) {
    this.clock = clock;
    this.random = random;
    this.ttl = ttl;
    this.maxOutstanding = maxOutstanding;
  }

  /**
   * Creates a registry.
   *
   * @param clock the time source; not null
   * @param random the randomness; not null ({@link SecureRandom} in production)
   * @param ttl how long an issued nonce stays acceptable; positive, at most one day
   * @param maxOutstanding how many unconsumed nonces to keep at most, at least 1
   * @return a new registry
   * @throws IllegalArgumentException if {@code ttl} or {@code maxOutstanding} is out of range
   * @since 0.1
   */
  public static NonceRegistry create(Clock clock, Random random, Duration ttl, int maxOutstanding) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "nonce ttl; expected (0, P1D], but got %s", ttl));
    }
    if (maxOutstanding < 1) {
      throw new IllegalArgumentException("maxOutstanding must be at least 1");
    }
    return new NonceRegistry(clock, random, ttl, maxOutstanding);
  }

  /**
   * Issues a new nonce.
   *
   * @return 32 fresh random bytes (a copy the caller owns)
   * @throws IllegalStateException if {@code maxOutstanding} unexpired nonces are outstanding
   * @since 0.1
   */
  public synchronized byte[] issue() {
    Instant now = clock.instant();
    expire(now);
    if (outstanding.size() >= maxOutstanding) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "too many outstanding nonces; expected at most %d, but got %d",
              maxOutstanding,
              outstanding.size()));
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    outstanding.put(hex(nonce), now.plus(ttl));
    return nonce.clone();
  }

  /**
   * Consumes a nonce presented in evidence.
   *
   * @param nonce the nonce from the evidence; not null
   * @return true if it was issued here, unexpired and unused; it is then used up
   * @since 0.1
   */
  public synchronized boolean consume(byte[] nonce) {
    Objects.requireNonNull(nonce, "nonce");
    Instant now = clock.instant();
    expire(now);
    return outstanding.remove(hex(nonce)) != null;
  }

  private void expire(Instant now) {
    for (Iterator<Instant> it = outstanding.values().iterator(); it.hasNext(); ) {
      if (!it.next().isAfter(now)) {
        it.remove();
      }
    }
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder(b.length * 2);
    for (byte x : b) {
      s.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return s.toString();
  }
}
