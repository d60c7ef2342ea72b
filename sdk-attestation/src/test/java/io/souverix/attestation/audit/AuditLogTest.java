package io.souverix.attestation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(T0);

  private AuditLog.Builder builder(Signer signer, int headEvery) {
    return AuditLog.newBuilder().signer(signer).clock(clock).headEvery(headEvery);
  }

  private static byte[] entry(int i) {
    return ("entry-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** A closed log of {@code n} entries with a head every {@code every}; returns its file. */
  private Path log(Signer signer, int n, int every) throws AuditLogException {
    try (AuditLog log = builder(signer, every).create(dir)) {
      for (int i = 0; i < n; i++) {
        log.append(entry(i));
        clock.advance(Duration.ofMillis(7));
      }
      return log.file();
    }
  }

  private static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(entry(i));
    }
    return out;
  }

  private AuditLogException verifyFails(Path file) {
    return catchThrowableOfType(
        AuditLogException.class,
        () -> AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(file));
  }

  @Test
  void create_appendsWithAHeadEveryN_verifierAcceptsAndAgreesWithTheNaiveRoot() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    assertThat(file).isEqualTo(dir.resolve(AuditLog.FILE_NAME));
    List<String> lines = LogFiles.lines(file);
    assertThat(lines.get(0)).isEqualTo("{\"format\":\"souverix-audit-log\",\"version\":1}");
    // header, head 0 (size 0), 4 entries, head, 4 entries, head, 2 entries, head at close
    assertThat(lines).hasSize(1 + 1 + 4 + 1 + 4 + 1 + 2 + 1);
    assertThat(LogFiles.parse(lines.get(LogFiles.headLine(lines, 1))).get("size").asLong())
        .isEqualTo(4);

    VerifiedAuditLog v = AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(dir);
    assertThat(v.size()).isEqualTo(10);
    assertThat(v.heads()).isEqualTo(4);
    assertThat(v.rootHex()).isEqualTo(HEX.formatHex(NaiveMerkle.mth(entries(10))));
    assertThat(v.latestHead().timestamp()).isEqualTo(T0.plusMillis(70));
  }

  @Test
  void entryLine_holdsIndexLeafHashAndBase64Data() throws Exception {
    Path file = log(TestKeys.ed25519(), 1, 0);
    String line = LogFiles.lines(file).get(2);
    assertThat(line)
        .isEqualTo(
            "{\"type\":\"entry\",\"index\":0,\"leaf\":\""
                + HEX.formatHex(NaiveMerkle.leaf(entry(0)))
                + "\",\"data\":\""
                + Base64.getEncoder().encodeToString(entry(0))
                + "\"}");
  }

  @Test
  void proofs_fromTheLog_verifyAgainstItsSignedHeads() throws Exception {
    try (AuditLog log = builder(TestKeys.es256(), 5).create(dir)) {
      for (int i = 0; i < 12; i++) {
        log.append(entry(i));
      }
      SignedTreeHead ten = log.latestHead();
      assertThat(ten.size()).isEqualTo(10);
      assertThat(ten.verifySignature(TestKeys.P256.getPublic())).isTrue();
      assertThat(ten.verifySignature(TestKeys.ED25519.getPublic())).isFalse();
      SignedTreeHead twelve = log.signTreeHead();
      assertThat(twelve.size()).isEqualTo(12);
      assertThat(log.signTreeHead()).isSameAs(twelve);
      for (int i = 0; i < 12; i++) {
        InclusionProof p = log.proveInclusion(i, 12);
        assertThat(p.verify(MerkleProofs.leafHash(entry(i)), twelve)).as("entry %d", i).isTrue();
        assertThat(p.verify(MerkleProofs.leafHash(entry(i + 1)), twelve)).isFalse();
        assertThat(p.verify(MerkleProofs.leafHash(entry(i)), ten)).isFalse();
      }
      assertThat(log.proveConsistency(10, 12).verify(ten, twelve)).isTrue();
      assertThat(log.proveConsistency(10, 12).verify(twelve, ten)).isFalse();
    }
    assertThat(AuditLogVerifier.create(TestKeys.P256.getPublic()).verify(dir).size()).isEqualTo(12);
  }

  @Test
  void open_existingLog_continuesAndStaysVerifiable() throws Exception {
    log(TestKeys.ed25519(), 6, 4);
    try (AuditLog log = builder(TestKeys.ed25519(), 4).open(dir)) {
      assertThat(log.size()).isEqualTo(6);
      assertThat(log.latestHead().size()).isEqualTo(6);
      assertThat(log.append(entry(6))).isEqualTo(6);
      log.append(entry(7));
      assertThat(log.latestHead().size()).isEqualTo(8);
    }
    VerifiedAuditLog v = AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(dir);
    assertThat(v.rootHex()).isEqualTo(HEX.formatHex(NaiveMerkle.mth(entries(8))));
  }

  @Test
  void open_entriesAfterTheLatestHeadLeftByACrash_areCoveredByTheNextHead() throws Exception {
    AuditLog crashed = builder(TestKeys.ed25519(), 0).create(dir);
    crashed.append(entry(0));
    crashed.append(entry(1));
    crashed.flush(); // the process dies here: no close, no head over entries 0 and 1
    assertThat(verifyFails(dir).code()).isEqualTo(Code.ENTRY_NOT_COVERED);
    assertThat(verifyFails(dir).entry()).hasValue(0);
    try (AuditLog log = builder(TestKeys.ed25519(), 0).open(dir)) {
      assertThat(log.size()).isEqualTo(2);
    }
    assertThat(AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(dir).size())
        .isEqualTo(2);
  }

  @Test
  void open_withAnotherKey_isRejected() throws Exception {
    log(TestKeys.ed25519(), 3, 0);
    Signer other =
        Signer.inMemory(TestKeys.ED25519_OTHER, io.souverix.lifecycle.spi.SigningAlgorithm.ED25519);
    assertThatThrownBy(() -> builder(other, 0).open(dir))
        .isInstanceOf(AuditLogException.class)
        .extracting(e -> ((AuditLogException) e).code())
        .isEqualTo(Code.HEAD_SIGNATURE_INVALID);
  }

  @Test
  void create_existingFile_failsWithWriteFailed() throws Exception {
    log(TestKeys.ed25519(), 1, 0);
    AuditLogException e =
        catchThrowableOfType(
            AuditLogException.class, () -> builder(TestKeys.ed25519(), 0).create(dir));
    assertThat(e.code()).isEqualTo(Code.WRITE_FAILED);
    assertThat(e.code().tampering()).isFalse();
  }

  @Test
  void headTimestamps_neverGoBackwards_evenIfTheClockDoes() throws Exception {
    try (AuditLog log = builder(TestKeys.ed25519(), 0).create(dir)) {
      log.append(entry(0));
      clock.set(T0.minusSeconds(60));
      assertThat(log.signTreeHead().timestamp()).isEqualTo(T0);
    }
    AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(dir);
  }

  // Tampering: each names the first bad entry or head.

  @Test
  void verify_entryDataChanged_namesTheEntry() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    LogFiles.edit(
        file,
        LogFiles.entryLine(LogFiles.lines(file), 5),
        n -> n.put("data", Base64.getEncoder().encodeToString(entry(99))));
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.ENTRY_HASH_MISMATCH);
    assertThat(e.entry()).hasValue(5);
    assertThat(e.getMessage()).startsWith("entry 5 (line ");
    assertThat(e.lastVerifiedHead()).hasValueSatisfying(h -> assertThat(h.size()).isEqualTo(4));
  }

  @Test
  void verify_entryDataAndLeafHashChanged_namesTheHeadCoveringIt() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    LogFiles.edit(
        file,
        LogFiles.entryLine(LogFiles.lines(file), 5),
        n ->
            n.put("data", Base64.getEncoder().encodeToString(entry(99)))
                .put("leaf", HEX.formatHex(NaiveMerkle.leaf(entry(99)))));
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.HEAD_ROOT_MISMATCH);
    assertThat(e.head()).hasValue(2); // heads: 0 (size 0), 1 (size 4), 2 (size 8)
    assertThat(e.getMessage()).contains("an entry from 4 to 7 was changed");
  }

  @Test
  void verify_entryRemovedOrSwapped_namesWhereTheOrderBreaks() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    List<String> original = LogFiles.lines(file);
    List<String> removed = new ArrayList<>(original);
    removed.remove(LogFiles.entryLine(original, 2));
    LogFiles.write(file, removed);
    assertThat(verifyFails(file).code()).isEqualTo(Code.ENTRY_OUT_OF_ORDER);
    assertThat(verifyFails(file).entry()).hasValue(2);

    List<String> swapped = new ArrayList<>(original);
    int a = LogFiles.entryLine(original, 6);
    swapped.set(a, original.get(a + 1));
    swapped.set(a + 1, original.get(a));
    LogFiles.write(file, swapped);
    assertThat(verifyFails(file).code()).isEqualTo(Code.ENTRY_OUT_OF_ORDER);
    assertThat(verifyFails(file).entry()).hasValue(6);
  }

  @Test
  void verify_headSignatureOrSizeChanged_namesTheHead() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    int line = LogFiles.headLine(LogFiles.lines(file), 2);
    List<String> original = LogFiles.lines(file);
    LogFiles.edit(
        file,
        line,
        n -> {
          byte[] sig = Base64.getDecoder().decode(n.get("signature").asText());
          sig[10] ^= 1;
          return n.put("signature", Base64.getEncoder().encodeToString(sig));
        });
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
    assertThat(e.head()).hasValue(2);

    LogFiles.write(file, original);
    LogFiles.edit(file, line, n -> n.put("size", 7));
    assertThat(verifyFails(file).code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
    LogFiles.write(file, original);
    LogFiles.edit(file, line, n -> n.put("timestamp", "2026-03-01T12:00:00.001Z"));
    assertThat(verifyFails(file).code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
  }

  @Test
  void verify_wrongKeyOrAlgorithmThatDoesNotFitTheKey_isSignatureInvalid() throws Exception {
    log(TestKeys.es256(), 3, 0);
    AuditLogException wrongType = verifyFails(dir);
    assertThat(wrongType.code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
    assertThat(wrongType.head()).hasValue(0);
    AuditLogException otherKey =
        catchThrowableOfType(
            AuditLogException.class,
            () -> AuditLogVerifier.create(TestKeys.ED25519_OTHER.getPublic()).verify(dir));
    assertThat(otherKey.code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
  }

  @Test
  void verify_headSignedWithAnEarlierTimestamp_isInconsistent() throws Exception {
    Path file = log(TestKeys.ed25519(), 8, 4);
    List<String> lines = LogFiles.lines(file);
    int line = LogFiles.headLine(lines, 2);
    // The key holder itself re-signs head 2 with a time before head 1.
    SignedTreeHead forged =
        SignedTreeHead.sign(
            8,
            HEX.parseHex(LogFiles.parse(lines.get(line)).get("root").asText()),
            T0,
            TestKeys.ed25519());
    java.io.ByteArrayOutputStream w = new java.io.ByteArrayOutputStream();
    LogFormat.writeHead(w, forged);
    lines.set(line, w.toString(StandardCharsets.UTF_8).strip());
    LogFiles.write(file, lines);
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.HEAD_INCONSISTENT);
    assertThat(e.head()).hasValue(2);
  }

  @Test
  void verify_headMovedBeforeItsEntries_isSizeMismatch() throws Exception {
    Path file = log(TestKeys.ed25519(), 8, 4);
    List<String> lines = LogFiles.lines(file);
    int line = LogFiles.headLine(lines, 1);
    String head = lines.remove(line);
    lines.add(line - 1, head);
    LogFiles.write(file, lines);
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.HEAD_SIZE_MISMATCH);
    assertThat(e.head()).hasValue(1);
  }

  @Test
  void verify_latestHeadRemoved_entriesNotCovered() throws Exception {
    Path file = log(TestKeys.ed25519(), 10, 4);
    List<String> lines = LogFiles.lines(file);
    lines.remove(lines.size() - 1);
    LogFiles.write(file, lines);
    AuditLogException e = verifyFails(file);
    assertThat(e.code()).isEqualTo(Code.ENTRY_NOT_COVERED);
    assertThat(e.entry()).hasValue(8);
  }

  @Test
  void verify_malformedLines_areTamperingNamedByPosition() throws Exception {
    Path file = log(TestKeys.ed25519(), 4, 0);
    List<String> original = LogFiles.lines(file);
    List<String> upper = new ArrayList<>(original);
    int l = LogFiles.entryLine(original, 1);
    String leaf = LogFiles.parse(original.get(l)).get("leaf").asText();
    upper.set(l, original.get(l).replace(leaf, leaf.toUpperCase(java.util.Locale.ROOT)));
    LogFiles.write(file, upper);
    assertThat(verifyFails(file).code()).isEqualTo(Code.MALFORMED_LINE);
    assertThat(verifyFails(file).entry()).hasValue(1);

    Files.writeString(file, String.join("\n", original) + "\n{\"type\":\"entry\",\"ind");
    AuditLogException torn = verifyFails(file);
    assertThat(torn.code()).isEqualTo(Code.MALFORMED_LINE);
    assertThat(torn.entry()).hasValue(4);
    assertThat(torn.getMessage()).contains("torn write");

    List<String> extraField = new ArrayList<>(original);
    extraField.set(l, original.get(l).replace("{\"type\"", "{\"note\":1,\"type\""));
    LogFiles.write(file, extraField);
    assertThat(verifyFails(file).code()).isEqualTo(Code.MALFORMED_LINE);
  }

  @Test
  void verify_notALogOrMissing_isNotTampering() throws Exception {
    AuditLogException missing = verifyFails(dir.resolve("absent.jsonl"));
    assertThat(missing.code()).isEqualTo(Code.UNREADABLE);
    assertThat(missing.code().tampering()).isFalse();
    Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\":1}\n");
    assertThat(verifyFails(other).code()).isEqualTo(Code.NOT_A_LOG);
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThat(verifyFails(empty).code()).isEqualTo(Code.NOT_A_LOG);
    Path v2 =
        Files.writeString(
            dir.resolve("v2.jsonl"), "{\"format\":\"souverix-audit-log\",\"version\":2}\n");
    assertThat(verifyFails(v2).code()).isEqualTo(Code.NOT_A_LOG);
  }

  @Test
  void verify_headerOnly_hasNoHead() throws Exception {
    Path file = Files.writeString(dir.resolve("h.jsonl"), LogFormat.HEADER + "\n");
    assertThat(verifyFails(file).code()).isEqualTo(Code.NO_HEAD);
  }

  @Test
  void append_closedOrTooLarge_throws() throws Exception {
    AuditLog log = builder(TestKeys.ed25519(), 0).create(dir);
    assertThatThrownBy(() -> log.append(new byte[AuditLog.MAX_ENTRY_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(entry(0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_optionSetTwiceOrNoSigner_throws() {
    assertThatThrownBy(() -> AuditLog.newBuilder().headEvery(1).headEvery(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AuditLog.newBuilder().create(dir))
        .isInstanceOf(IllegalStateException.class);
  }
}
