package io.souverix.attestation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random logs, random tampering: the verifier always notices and names the right place. */
class AuditLogPropertiesTest {
  private static Path newLog(int n, int every) throws Exception {
    Path dir = Files.createTempDirectory("audit-prop");
    try (AuditLog log =
        AuditLog.newBuilder()
            .signer(TestKeys.ed25519())
            .clock(ManualClock.at(Instant.parse("2026-03-01T12:00:00Z")))
            .headEvery(every)
            .create(dir)) {
      for (int i = 0; i < n; i++) {
        log.append(("e" + i).getBytes(StandardCharsets.UTF_8));
      }
      return log.file();
    }
  }

  private static void delete(Path file) throws IOException {
    try (Stream<Path> s = Files.walk(file.getParent())) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static AuditLogException verifyFails(Path file) {
    return catchThrowableOfType(
        AuditLogException.class,
        () -> AuditLogVerifier.create(TestKeys.ED25519.getPublic()).verify(file));
  }

  @Property(tries = 20)
  void tamperedEntry_isNamed(
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 3, max = 9) int every,
      @ForAll @IntRange(min = 0, max = 59) int target,
      @ForAll boolean recomputeLeaf)
      throws Exception {
    Path file = newLog(n, every);
    try {
      int index = target % n;
      byte[] forged = ("forged" + index).getBytes(StandardCharsets.UTF_8);
      LogFiles.edit(
          file,
          LogFiles.entryLine(LogFiles.lines(file), index),
          node -> {
            node.put("data", Base64.getEncoder().encodeToString(forged));
            if (recomputeLeaf) {
              node.put("leaf", HexFormat.of().formatHex(MerkleProofs.leafHash(forged)));
            }
            return node;
          });
      AuditLogException e = verifyFails(file);
      if (recomputeLeaf) {
        // The first head covering the entry: sizes are multiples of `every`, then n at close.
        long coveringSize = Math.min(n, ((index / every) + 1L) * every);
        assertThat(e.code()).isEqualTo(Code.HEAD_ROOT_MISMATCH);
        assertThat(e.head()).hasValue(1 + (coveringSize + every - 1) / every - 1);
      } else {
        assertThat(e.code()).isEqualTo(Code.ENTRY_HASH_MISMATCH);
        assertThat(e.entry()).hasValue(index);
      }
    } finally {
      delete(file);
    }
  }

  @Property(tries = 20)
  void tamperedHeadSignature_isNamed(
      @ForAll @IntRange(min = 0, max = 30) int n,
      @ForAll @IntRange(min = 3, max = 9) int every,
      @ForAll @IntRange(min = 0, max = 30) int target,
      @ForAll @IntRange(min = 0, max = 511) int bit)
      throws Exception {
    Path file = newLog(n, every);
    try {
      long heads = 1 + n / every + (n % every == 0 ? 0 : 1);
      long number = target % heads;
      LogFiles.edit(
          file,
          LogFiles.headLine(LogFiles.lines(file), number),
          node -> {
            byte[] sig = Base64.getDecoder().decode(node.get("signature").asText());
            sig[(bit / 8) % sig.length] ^= (byte) (1 << (bit % 8));
            return node.put("signature", Base64.getEncoder().encodeToString(sig));
          });
      AuditLogException e = verifyFails(file);
      assertThat(e.code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
      assertThat(e.head()).hasValue(number);
    } finally {
      delete(file);
    }
  }
}
