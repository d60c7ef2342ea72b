package io.souverix.attestation.audit;

import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tamper-evident, append-only audit log: an RFC 9162 Merkle tree over its entries, with signed
 * tree heads, inclusion and consistency proofs, kept in one file.
 *
 * <p>{@link #append(byte[])} adds an entry and returns its index; every {@code headEvery} entries
 * (1,000 by default) the log signs a tree head with its {@link Signer} and its {@link Clock}.
 * {@link #signTreeHead()} signs one at any time, {@link #close()} signs one if entries are not yet
 * covered. A party holding only the public key checks the file with {@link AuditLogVerifier}; a
 * party holding a head checks a single entry with an {@link InclusionProof} and the growth of the
 * log between two heads with a {@link ConsistencyProof}. The file format is documented in {@code
 * docs/attestation.md}.
 *
 * <p>The log keeps the hash of every complete subtree in memory (about 64 bytes per entry), so an
 * append costs amortised two SHA-256 computations and a proof O(log n) of them; entries themselves
 * are only in the file. Lines are buffered and reach the file at least at every signed head and at
 * {@link #flush()}; entries written after the latest head are not covered by a signature until the
 * next one.
 *
 * <p>Thread-safe: every method is atomic with respect to the others.
 *
 * <h3>Security guarantees</h3>
 *
 * A changed, removed, inserted or reordered entry, or a changed head, makes verification of the
 * file fail with a code naming the first bad entry or head. Removing the end of the file (the
 * latest entries and heads together) is not detectable from the file alone: compare its latest head
 * with one kept elsewhere, with a {@link ConsistencyProof}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162">RFC 9162 (Certificate Transparency 2.0)</a>
 * @since 0.1
 */
public final class AuditLog implements AutoCloseable {
  /** The file a log uses when it is given a directory: {@value}. */
  public static final String FILE_NAME = LogFormat.FILE_NAME;

  /** The largest entry, in bytes: {@value}. */
  public static final int MAX_ENTRY_BYTES = 64 * 1024;

  private final Path file;
  private final Signer signer;
  private final Clock clock;
  private final int headEvery;
  private final MerkleTree tree;
  private final OutputStream out;
  private final LogFormat.LineBuffer line = new LogFormat.LineBuffer();
  // Null only while the constructor signs a new log's first head.
  private SignedTreeHead latest;
  private boolean closed;

  private AuditLog(
      Path file,
      Signer signer,
      Clock clock,
      int headEvery,
      MerkleTree tree,
      OutputStream out,
      @Nullable SignedTreeHead latest)
      throws AuditLogException {
    this.file = file;
    this.signer = signer;
    this.clock = clock;
    this.headEvery = headEvery;
    this.tree = tree;
    this.out = out;
    this.latest = latest == null ? signAndWrite() : latest;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Appends an entry. Signs a tree head when the log reaches a multiple of {@code headEvery}
   * entries.
   *
   * @param entry the entry's bytes, at most {@link #MAX_ENTRY_BYTES}; copied into the file
   * @return the entry's index, from 0
   * @throws AuditLogException {@code WRITE_FAILED} if the file cannot be written, {@code
   *     SIGNING_FAILED} if a due head cannot be signed
   * @throws IllegalArgumentException if the entry is too large
   * @throws IllegalStateException if the log is closed
   */
  public synchronized long append(byte[] entry) throws AuditLogException {
    Objects.requireNonNull(entry, "entry");
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "audit log entry; expected at most %d bytes, but got %d",
              MAX_ENTRY_BYTES,
              entry.length));
    }
    checkOpen();
    long index = tree.size();
    byte[] leaf = tree.leafHash(entry);
    try {
      line.entry(index, leaf, entry).writeTo(out);
    } catch (IOException e) {
      throw writeFailed(e);
    }
    tree.appendLeafHash(leaf);
    if (headEvery > 0 && tree.size() % headEvery == 0) {
      latest = signAndWrite();
    }
    return index;
  }

  /**
   * Signs a tree head of the current size and writes it, unless the latest head already covers
   * every entry.
   *
   * @return the latest head, now covering every entry
   * @throws AuditLogException {@code SIGNING_FAILED} or {@code WRITE_FAILED}
   * @throws IllegalStateException if the log is closed
   */
  public synchronized SignedTreeHead signTreeHead() throws AuditLogException {
    checkOpen();
    if (latest.size() < tree.size()) {
      latest = signAndWrite();
    }
    return latest;
  }

  private SignedTreeHead signAndWrite() throws AuditLogException {
    SignedTreeHead head;
    try {
      Instant now = clock.instant();
      // Heads' timestamps never go backwards (the verifier checks it), even if the clock does.
      if (latest != null && now.isBefore(latest.timestamp())) {
        now = latest.timestamp();
      }
      head = SignedTreeHead.sign(tree.size(), tree.root(tree.size()), now, signer);
    } catch (SignerException | RuntimeException e) {
      throw AuditLogException.of(
          Code.SIGNING_FAILED,
          String.format(
              Locale.ROOT,
              "signing the tree head of size %d with key %s: %s",
              tree.size(),
              signer.keyId(),
              e.getMessage()),
          e);
    }
    try {
      LogFormat.writeHead(out, head);
      out.flush();
    } catch (IOException e) {
      throw writeFailed(e);
    }
    return head;
  }

  /**
   * Returns the latest signed tree head.
   *
   * @return the head; a new log's first head has size 0
   */
  public synchronized SignedTreeHead latestHead() {
    return latest;
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public synchronized long size() {
    return tree.size();
  }

  /**
   * Returns the current root hash, which may not be signed yet.
   *
   * @return a new 32-byte array
   */
  public synchronized byte[] rootHash() {
    return tree.root(tree.size());
  }

  /**
   * Proves that an entry is in the tree of a given size.
   *
   * @param index the entry's index
   * @param treeSize the tree size, for example {@code latestHead().size()}
   * @return the proof
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= size()}
   */
  public synchronized InclusionProof proveInclusion(long index, long treeSize) {
    return InclusionProof.of(index, treeSize, tree.inclusionPath(index, treeSize));
  }

  /**
   * Proves that the tree of {@code secondSize} entries extends the one of {@code firstSize}.
   *
   * @param firstSize the earlier size
   * @param secondSize the later size
   * @return the proof
   * @throws IllegalArgumentException unless {@code 0 <= firstSize <= secondSize <= size()}
   */
  public synchronized ConsistencyProof proveConsistency(long firstSize, long secondSize) {
    return ConsistencyProof.of(firstSize, secondSize, tree.consistencyPath(firstSize, secondSize));
  }

  /** The leaf hash of an entry. */
  synchronized byte[] leafHash(long index) {
    return tree.leafHashAt(index);
  }

  /**
   * Returns the log file.
   *
   * @return the path of the file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the public key that verifies this log's heads.
   *
   * @return the signer's public key
   */
  public java.security.PublicKey publicKey() {
    return signer.publicKey();
  }

  /**
   * Writes buffered lines to the file (to the operating system, without forcing them to disk).
   *
   * @throws AuditLogException {@code WRITE_FAILED}
   */
  public synchronized void flush() throws AuditLogException {
    checkOpen();
    try {
      out.flush();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  /**
   * Signs a last head if entries are not covered yet, writes everything and closes the file.
   * Closing twice does nothing.
   *
   * @throws AuditLogException {@code SIGNING_FAILED} or {@code WRITE_FAILED}; the file is closed
   *     anyway
   */
  @Override
  public synchronized void close() throws AuditLogException {
    if (closed) {
      return;
    }
    try {
      signTreeHead();
    } finally {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        throw writeFailed(e);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the audit log " + file + " is closed");
    }
  }

  private AuditLogException writeFailed(IOException e) {
    return AuditLogException.of(
        Code.WRITE_FAILED, "cannot write audit log " + file + ": " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "AuditLog[" + file + "]";
  }

  /** A builder of {@link AuditLog}s; mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Signer signer;
    private @Nullable Clock clock;
    private int headEvery = -1;

    private Builder() {}

    /**
     * Sets the signer of the tree heads (required).
     *
     * @param signer the signer; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder signer(Signer signer) {
      if (this.signer != null) {
        throw new IllegalStateException("signer was already set");
      }
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Sets the clock of the heads' timestamps; defaults to the system UTC clock.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many entries pass between automatically signed heads; defaults to 1,000.
     *
     * @param entries a positive count, or 0 to sign only on {@link AuditLog#signTreeHead()} and
     *     {@link AuditLog#close()}
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder headEvery(int entries) {
      if (headEvery != -1) {
        throw new IllegalStateException("headEvery was already set");
      }
      if (entries < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "headEvery; expected 0 or more entries, but got %d", entries));
      }
      this.headEvery = entries;
      return this;
    }

    /**
     * Creates a new, empty log and signs its first head (size 0).
     *
     * @param path the log file to create, or an existing directory to create {@link #FILE_NAME} in;
     *     not null
     * @return the open log
     * @throws AuditLogException {@code WRITE_FAILED} if the file exists or cannot be created,
     *     {@code SIGNING_FAILED} if the first head cannot be signed
     * @throws IllegalStateException if no signer is set
     */
    public AuditLog create(Path path) throws AuditLogException {
      Signer s = requireSigner();
      Path file = LogFormat.resolve(Objects.requireNonNull(path, "path"));
      OutputStream out;
      try {
        out = stream(file, StandardOpenOption.CREATE_NEW);
        out.write((LogFormat.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException e) {
        throw AuditLogException.of(
            Code.WRITE_FAILED,
            String.format(
                Locale.ROOT, "audit log %s; expected a new file, but it already exists", file),
            e);
      } catch (IOException e) {
        throw AuditLogException.of(
            Code.WRITE_FAILED, "cannot create audit log " + file + ": " + e.getMessage(), e);
      }
      return new AuditLog(
          file, s, clockOrDefault(), headEveryOrDefault(), new MerkleTree(), out, null);
    }

    /**
     * Opens an existing log to append to it: reads the whole file and verifies it with the signer's
     * public key, as {@link AuditLogVerifier} does, except that entries after the latest head (left
     * by a crash) are accepted and covered by the next head.
     *
     * @param path the log file, or the directory holding {@link #FILE_NAME}; not null
     * @return the open log
     * @throws AuditLogException any code of {@link AuditLogVerifier#verify(Path)} except {@code
     *     ENTRY_NOT_COVERED}, or {@code WRITE_FAILED}
     * @throws IllegalStateException if no signer is set
     */
    public AuditLog open(Path path) throws AuditLogException {
      Signer s = requireSigner();
      Path file = LogFormat.resolve(Objects.requireNonNull(path, "path"));
      LogFormat.Contents c = LogFormat.read(file, s.publicKey(), true);
      OutputStream out;
      try {
        out = stream(file, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw AuditLogException.of(
            Code.WRITE_FAILED, "cannot open audit log " + file + ": " + e.getMessage(), e);
      }
      return new AuditLog(
          file, s, clockOrDefault(), headEveryOrDefault(), c.tree(), out, c.latest());
    }

    private static OutputStream stream(Path file, StandardOpenOption mode) throws IOException {
      return new BufferedOutputStream(
          Files.newOutputStream(file, mode, StandardOpenOption.WRITE), 1 << 16);
    }

    private Signer requireSigner() {
      if (signer == null) {
        throw new IllegalStateException("an AuditLog needs a signer");
      }
      return signer;
    }

    private Clock clockOrDefault() {
      return clock == null ? Clock.systemUTC() : clock;
    }

    private int headEveryOrDefault() {
      return headEvery == -1 ? 1000 : headEvery;
    }
  }
}
