package io.souverix.benchmarks;

import io.souverix.attestation.audit.AuditLog;
import io.souverix.attestation.audit.AuditLogException;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends to the tamper-evident {@link AuditLog} against raw SHA-256 of the same entries, in the
 * same run.
 *
 * <p>Each invocation handles 1,000 entries of 32 bytes (the size of an anchored event hash). The
 * log side appends them to a file-backed log with an Ed25519 signer and {@code headEvery(1000)}, so
 * every invocation also signs and writes one tree head and flushes the file: leaf and node hashing,
 * the entry lines (hex, base64), the signature. The raw side computes {@code SHA-256(entry)} of the
 * same entries, nothing else. Scores are entries per second. Each iteration starts a new log in a
 * new temporary directory, deleted when the iteration ends.
 *
 * <p>Naming: {@code append1000Raw} is the baseline of {@code append1000Log} (see {@link Ratios}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditLogBenchmark {
  /**
   * The target as a ratio: the issue asks for at least 100,000 appends/s; raw SHA-256 of a 32-byte
   * entry runs at about 2-3 million/s on our machines, so 0.04 of raw is about that target. The
   * absolute figure is what counts (docs/performance.md).
   */
  public static final double TARGET_RATIO = 0.04;

  static final int BATCH = 1000;
  static final int ENTRY_BYTES = 32;

  /** Creates the benchmark; JMH calls this. */
  public AuditLogBenchmark() {}

  /**
   * Appends 1,000 entries to the log, which signs one tree head.
   *
   * @param s the log and the entries
   * @return the last index, so that the work is not optimised away
   * @throws AuditLogException if the log cannot append
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long append1000Log(LogSide s) throws AuditLogException {
    long last = -1;
    for (byte[] e : s.entries) {
      last = s.log().append(e);
    }
    return last;
  }

  /**
   * Computes SHA-256 of the same 1,000 entries.
   *
   * @param s the entries and a digest
   * @return a byte of the last digest, so that the work is not optimised away
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int append1000Raw(RawSide s) {
    byte last = 0;
    for (byte[] e : s.entries) {
      last ^= s.sha256.digest(e)[0];
    }
    return last;
  }

  static byte[][] entries(long seed) {
    Random r = new Random(seed);
    byte[][] out = new byte[BATCH][ENTRY_BYTES];
    for (byte[] e : out) {
      r.nextBytes(e);
    }
    return out;
  }

  /** The log under test, a new file per iteration. */
  @State(Scope.Thread)
  public static class LogSide {
    final byte[][] entries = entries(1);
    private final Signer signer = signer();
    private @Nullable Path dir;
    private @Nullable AuditLog log;

    /** Creates the state; JMH calls this. */
    public LogSide() {}

    private static Signer signer() {
      try {
        return Signer.inMemory(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), SigningAlgorithm.ED25519);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 is part of every Java 17 platform", e);
      }
    }

    /**
     * Creates a new log in a new directory.
     *
     * @throws IOException if the directory cannot be created
     * @throws AuditLogException if the log cannot be created
     */
    @Setup(Level.Iteration)
    public void open() throws IOException, AuditLogException {
      dir = TempDirs.create("audit-bench");
      log =
          AuditLog.newBuilder()
              .signer(signer)
              .clock(Clock.systemUTC())
              .headEvery(BATCH)
              .create(dir);
    }

    AuditLog log() {
      if (log == null) {
        throw new IllegalStateException("open() was not called");
      }
      return log;
    }

    @Nullable Path dir() {
      return dir;
    }

    /**
     * Closes the log and deletes its directory.
     *
     * @throws IOException if the directory cannot be deleted
     * @throws AuditLogException if the log cannot be closed
     */
    @TearDown(Level.Iteration)
    public void close() throws IOException, AuditLogException {
      try {
        if (log != null) {
          log.close();
        }
      } finally {
        if (dir != null) {
          TempDirs.delete(dir);
        }
        log = null;
        dir = null;
      }
    }
  }

  /** The same entries and one SHA-256 digest. */
  @State(Scope.Thread)
  public static class RawSide {
    final byte[][] entries = entries(1);
    final MessageDigest sha256 = sha256();

    /** Creates the state; JMH calls this. */
    public RawSide() {}

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must provide SHA-256", e);
      }
    }
  }
}
