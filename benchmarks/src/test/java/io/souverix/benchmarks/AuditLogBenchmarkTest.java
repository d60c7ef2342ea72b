package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.audit.AuditLog;
import io.souverix.attestation.audit.AuditLogVerifier;
import io.souverix.attestation.audit.VerifiedAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs each audit log benchmark method once, outside JMH, and checks what it wrote. */
class AuditLogBenchmarkTest {
  private final AuditLogBenchmark bench = new AuditLogBenchmark();

  @Test
  void logMethod_twoInvocations_writeAVerifiableLogWithAHeadPerBatch() throws Exception {
    AuditLogBenchmark.LogSide s = new AuditLogBenchmark.LogSide();
    s.open();
    Path dir = s.dir();
    try {
      assertThat(bench.append1000Log(s)).isEqualTo(AuditLogBenchmark.BATCH - 1);
      assertThat(bench.append1000Log(s)).isEqualTo(2L * AuditLogBenchmark.BATCH - 1);
      assertThat(s.log().latestHead().size()).isEqualTo(2L * AuditLogBenchmark.BATCH);
      VerifiedAuditLog v =
          AuditLogVerifier.create(s.log().publicKey()).verify(dir.resolve(AuditLog.FILE_NAME));
      assertThat(v.size()).isEqualTo(2L * AuditLogBenchmark.BATCH);
      assertThat(v.heads()).isEqualTo(3); // the new log's size-0 head, then one per batch
    } finally {
      s.close();
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void rawMethod_hashesTheSameEntries() {
    AuditLogBenchmark.RawSide s = new AuditLogBenchmark.RawSide();
    assertThat(s.entries).isDeepEqualTo(new AuditLogBenchmark.LogSide().entries);
    bench.append1000Raw(s);
  }

  @Test
  void targetRatio_isDeclaredForRatios() {
    assertThat(Ratios.targetOf("AuditLogBenchmark", 0.5)).isEqualTo(AuditLogBenchmark.TARGET_RATIO);
  }
}
