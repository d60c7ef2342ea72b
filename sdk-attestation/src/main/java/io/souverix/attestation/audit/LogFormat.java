package io.souverix.attestation.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The audit log's file format (documented in {@code docs/attestation.md}, "The log file"): JSON
 * Lines, UTF-8, a header line, then entry and head lines in the order they were written, every line
 * ending with a newline.
 */
final class LogFormat {
  static final String FILE_NAME = "audit-log.jsonl";
  static final String FORMAT = "souverix-audit-log";
  static final int VERSION = 1;
  static final String HEADER = "{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + "}";

  private static final Set<String> HEADER_FIELDS = Set.of("format", "version");
  private static final Set<String> ENTRY_FIELDS = Set.of("type", "index", "leaf", "data");
  private static final Set<String> HEAD_FIELDS =
      Set.of("type", "size", "timestamp", "root", "alg", "key", "signature");
  private static final HexFormat HEX = HexFormat.of();

  private LogFormat() {}

  /** A directory names the log file inside it; anything else is the log file itself. */
  static Path resolve(Path path) {
    return Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
  }

  private static final byte[] ENTRY_PREFIX =
      "{\"type\":\"entry\",\"index\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LEAF_PREFIX = ",\"leaf\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA_PREFIX = "\",\"data\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTRY_SUFFIX = "\"}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** A reusable buffer for entry lines: appends write bytes directly, no strings (hot path). */
  static final class LineBuffer {
    private byte[] buf = new byte[256];
    private int len;

    /** Formats one entry line into the buffer. */
    LineBuffer entry(long index, byte[] leaf, byte[] data) {
      int base64 = 4 * ((data.length + 2) / 3);
      int need =
          ENTRY_PREFIX.length
              + 20
              + LEAF_PREFIX.length
              + 64
              + DATA_PREFIX.length
              + base64
              + ENTRY_SUFFIX.length;
      if (buf.length < need) {
        buf = new byte[Math.max(need, buf.length * 2)];
      }
      len = 0;
      put(ENTRY_PREFIX);
      putDecimal(index);
      put(LEAF_PREFIX);
      for (byte b : leaf) {
        buf[len++] = HEX_DIGITS[(b >> 4) & 0xF];
        buf[len++] = HEX_DIGITS[b & 0xF];
      }
      put(DATA_PREFIX);
      byte[] encoded = Base64.getEncoder().encode(data);
      System.arraycopy(encoded, 0, buf, len, encoded.length);
      len += encoded.length;
      put(ENTRY_SUFFIX);
      return this;
    }

    private void put(byte[] b) {
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    private void putDecimal(long v) {
      put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(buf, 0, len);
    }
  }

  static void writeHead(OutputStream out, SignedTreeHead head) throws IOException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "head");
    n.put("size", head.size());
    n.put("timestamp", head.timestamp().toString());
    n.put("root", head.rootHex());
    n.put("alg", head.algorithm().jwsName());
    n.put("key", head.keyId());
    n.put("signature", Base64.getEncoder().encodeToString(head.signature()));
    out.write(Json.MAPPER.writeValueAsBytes(n));
    out.write('\n');
  }

  /** What reading a log gives: the rebuilt tree and its heads. */
  record Contents(MerkleTree tree, SignedTreeHead latest, long heads) {}

  /**
   * Reads and verifies a log file: every head's signature, size, root and consistency with the
   * previous head, every entry's order and leaf hash.
   *
   * @param allowUncoveredTail accept entries after the latest head (reopening after a crash)
   */
  static Contents read(Path file, PublicKey key, boolean allowUncoveredTail)
      throws AuditLogException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    java.nio.channels.Channels.newInputStream(ch),
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16)) {
      boolean endsWithNewline = endsWithNewline(ch);
      return new Reader(file, key, allowUncoveredTail, endsWithNewline).read(in);
    } catch (NoSuchFileException e) {
      throw AuditLogException.of(Code.UNREADABLE, "audit log " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw AuditLogException.of(
          Code.MALFORMED_LINE, "audit log " + file + " is not valid UTF-8", e);
    } catch (IOException e) {
      throw AuditLogException.of(
          Code.UNREADABLE, "cannot read audit log " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean endsWithNewline(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate(1);
    ch.read(b, size - 1);
    return b.get(0) == '\n';
  }

  /** One pass over the lines. */
  private static final class Reader {
    private final Path file;
    private final PublicKey key;
    private final boolean allowUncoveredTail;
    private final boolean endsWithNewline;
    private final MerkleTree tree = new MerkleTree();
    private @Nullable SignedTreeHead latest;
    private long heads;
    private long lineNumber;

    Reader(Path file, PublicKey key, boolean allowUncoveredTail, boolean endsWithNewline) {
      this.file = file;
      this.key = key;
      this.allowUncoveredTail = allowUncoveredTail;
      this.endsWithNewline = endsWithNewline;
    }

    Contents read(BufferedReader in) throws IOException, AuditLogException {
      try {
        return readAll(in);
      } catch (AuditLogException e) {
        throw e.withLastVerifiedHead(latest);
      }
    }

    private Contents readAll(BufferedReader in) throws IOException, AuditLogException {
      String header = in.readLine();
      lineNumber = 1;
      checkHeader(header);
      String line = in.readLine();
      while (line != null) {
        lineNumber++;
        String next = in.readLine();
        if (next == null && !endsWithNewline) {
          throw malformed(null, "the last line does not end with a newline (a torn write)");
        }
        readLine(line);
        line = next;
      }
      if (latest == null) {
        throw AuditLogException.of(
            Code.NO_HEAD,
            String.format(
                Locale.ROOT,
                "audit log %s; expected at least one signed tree head, but got none",
                file),
            null);
      }
      if (tree.size() > latest.size() && !allowUncoveredTail) {
        throw AuditLogException.atEntry(
            Code.ENTRY_NOT_COVERED,
            latest.size(),
            String.format(
                Locale.ROOT,
                "entry %d; expected every entry under a signed tree head, but the latest head"
                    + " (head %d) covers %d entries and the log holds %d",
                latest.size(),
                heads - 1,
                latest.size(),
                tree.size()));
      }
      return new Contents(tree, latest, heads);
    }

    private void checkHeader(@Nullable String header) throws AuditLogException {
      JsonNode n = header == null ? null : parse(header);
      if (n == null
          || !fieldsAre(n, HEADER_FIELDS)
          || !FORMAT.equals(n.path("format").asText())
          || !n.path("version").isIntegralNumber()) {
        throw AuditLogException.of(
            Code.NOT_A_LOG,
            String.format(
                Locale.ROOT,
                "%s line 1; expected the header %s, but got %s",
                file,
                HEADER,
                header == null ? "an empty file" : abbreviate(header)),
            null);
      }
      if (n.path("version").asLong() != VERSION) {
        throw AuditLogException.of(
            Code.NOT_A_LOG,
            String.format(
                Locale.ROOT,
                "%s format version; expected %d, but got %s",
                file,
                VERSION,
                n.path("version").asText()),
            null);
      }
    }

    private void readLine(String line) throws AuditLogException {
      JsonNode n = parse(line);
      if (n == null) {
        throw malformed(null, "not a JSON object");
      }
      String type = n.path("type").asText("");
      if (type.equals("entry")) {
        readEntry(n);
      } else if (type.equals("head")) {
        readHead(n);
      } else {
        throw malformed(null, "expected type entry or head, but got " + abbreviate(type));
      }
    }

    private void readEntry(JsonNode n) throws AuditLogException {
      long expected = tree.size();
      if (!fieldsAre(n, ENTRY_FIELDS)
          || !n.get("index").isIntegralNumber()
          || !n.get("leaf").isTextual()
          || !n.get("data").isTextual()) {
        throw malformed("entry", "expected exactly the fields " + ENTRY_FIELDS);
      }
      long index = n.get("index").asLong();
      if (index != expected) {
        throw AuditLogException.atEntry(
            Code.ENTRY_OUT_OF_ORDER,
            expected,
            String.format(
                Locale.ROOT,
                "entry %d (line %d) index; expected %d, but got %s",
                expected,
                lineNumber,
                expected,
                n.get("index").asText()));
      }
      byte[] leaf = hash(n.get("leaf").asText(), "entry", "leaf");
      byte[] data;
      try {
        data = Base64.getDecoder().decode(n.get("data").asText());
      } catch (IllegalArgumentException e) {
        throw malformed("entry", "data is not base64");
      }
      byte[] actual = tree.leafHash(data);
      if (!MessageDigest.isEqual(actual, leaf)) {
        throw AuditLogException.atEntry(
            Code.ENTRY_HASH_MISMATCH,
            expected,
            String.format(
                Locale.ROOT,
                "entry %d (line %d) leaf hash; expected %s (the hash of its data), but got %s",
                expected,
                lineNumber,
                HEX.formatHex(actual),
                n.get("leaf").asText()));
      }
      tree.appendLeafHash(actual);
    }

    private void readHead(JsonNode n) throws AuditLogException {
      long number = heads;
      if (!fieldsAre(n, HEAD_FIELDS)
          || !n.get("size").isIntegralNumber()
          || n.get("size").asLong() < 0
          || !n.get("timestamp").isTextual()
          || !n.get("root").isTextual()
          || !n.get("alg").isTextual()
          || !n.get("key").isTextual()
          || !n.get("signature").isTextual()) {
        throw malformed("head", "expected exactly the fields " + HEAD_FIELDS);
      }
      SignedTreeHead head;
      try {
        head =
            SignedTreeHead.of(
                n.get("size").asLong(),
                hash(n.get("root").asText(), "head", "root"),
                Instant.parse(n.get("timestamp").asText()),
                SigningAlgorithm.fromJwsName(n.get("alg").asText()),
                n.get("key").asText(),
                Base64.getDecoder().decode(n.get("signature").asText()));
      } catch (DateTimeException | IllegalArgumentException e) {
        throw malformed("head", e.getMessage());
      }
      if (!head.verifySignature(key)) {
        throw headError(
            Code.HEAD_SIGNATURE_INVALID,
            number,
            String.format(
                Locale.ROOT,
                "signature; expected a valid %s signature by the log's key, but it does not"
                    + " verify",
                head.algorithm().jwsName()));
      }
      if (head.size() != tree.size()) {
        throw headError(
            Code.HEAD_SIZE_MISMATCH,
            number,
            String.format(
                Locale.ROOT,
                "size; expected %d (the entries before it), but got %d",
                tree.size(),
                head.size()));
      }
      byte[] root = tree.root(head.size());
      if (!head.rootEquals(root)) {
        long from = latest == null ? 0 : latest.size();
        throw headError(
            Code.HEAD_ROOT_MISMATCH,
            number,
            String.format(
                Locale.ROOT,
                "root; expected %s (the root of its %d entries), but got %s: an entry from %d to"
                    + " %d was changed",
                HEX.formatHex(root),
                head.size(),
                head.rootHex(),
                from,
                head.size() - 1));
      }
      if (latest != null) {
        SignedTreeHead prev = latest;
        if (head.timestamp().isBefore(prev.timestamp())) {
          throw headError(
              Code.HEAD_INCONSISTENT,
              number,
              String.format(
                  Locale.ROOT,
                  "timestamp; expected at or after %s (head %d), but got %s",
                  prev.timestamp(),
                  number - 1,
                  head.timestamp()));
        }
        ConsistencyProof proof =
            ConsistencyProof.of(
                prev.size(), head.size(), tree.consistencyPath(prev.size(), head.size()));
        if (!proof.verify(prev, head)) {
          throw headError(
              Code.HEAD_INCONSISTENT,
              number,
              String.format(
                  Locale.ROOT,
                  "consistency with head %d (size %d); expected the proof to verify, but it"
                      + " does not",
                  number - 1,
                  prev.size()));
        }
      }
      latest = head;
      heads++;
    }

    private AuditLogException headError(Code code, long number, String what) {
      return AuditLogException.atHead(
          code,
          number,
          String.format(Locale.ROOT, "head %d (line %d) %s", number, lineNumber, what));
    }

    private byte[] hash(String hex, String what, String field) throws AuditLogException {
      if (hex.length() != 2 * MerkleTree.HASH_BYTES) {
        throw malformed(what, field + " is not 64 lower-case hex digits");
      }
      try {
        byte[] b = HEX.parseHex(hex);
        // One spelling per hash: upper-case digits would be a second, equally valid file.
        if (HEX.formatHex(b).equals(hex)) {
          return b;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw malformed(what, field + " is not 64 lower-case hex digits");
    }

    /** A malformed line, named as the entry or head expected next. */
    private AuditLogException malformed(@Nullable String what, @Nullable String detail) {
      String message =
          String.format(
              Locale.ROOT,
              "%s line %d; expected a well-formed entry or head, but got a malformed %s: %s",
              file,
              lineNumber,
              what == null ? "line" : what,
              detail);
      return "head".equals(what)
          ? AuditLogException.atHead(
              Code.MALFORMED_LINE, heads, String.format(Locale.ROOT, "head %d: %s", heads, message))
          : AuditLogException.atEntry(
              Code.MALFORMED_LINE,
              tree.size(),
              String.format(Locale.ROOT, "entry %d: %s", tree.size(), message));
    }
  }

  private static @Nullable JsonNode parse(String line) {
    try {
      JsonNode n = Json.MAPPER.readTree(line);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean fieldsAre(JsonNode n, Set<String> fields) {
    if (n.size() != fields.size()) {
      return false;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      if (!fields.contains(it.next())) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
