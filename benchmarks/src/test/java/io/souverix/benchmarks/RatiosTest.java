package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
  private static final String RESULTS =
      "["
          + result("SqliteAppendBenchmark.batch100Store", "FULL", 600, 20)
          + ","
          + result("SqliteAppendBenchmark.batch100Raw", "FULL", 1000, 30)
          + ","
          + result("SqliteAppendBenchmark.batch100Store", "NORMAL", 4000, 100)
          + ","
          + result("SqliteAppendBenchmark.batch100Raw", "NORMAL", 10000, 200)
          + ","
          + result("SqliteAppendBenchmark.batch1000Store", "FULL", 9000, 100)
          + ","
          + result("SqliteAppendBenchmark.batch100Store", "OTHER", 500, 5)
          + ","
          + result("OtherBenchmark.batch1000Store", "FULL", 1, 0)
          + "]";

  private static String result(String name, String sync, double score, double error) {
    return "{\"benchmark\":\"io.souverix.benchmarks."
        + name
        + "\",\"mode\":\"thrpt\",\"params\":{\"synchronous\":\""
        + sync
        + "\"},\"primaryMetric\":{\"score\":"
        + score
        + ",\"scoreError\":"
        + error
        + ",\"scoreUnit\":\"ops/s\"}}";
  }

  @Test
  void pairs_rawAndSubjectWithSameClassAndParams_pairedOnlyWithEachOther() throws Exception {
    JsonNode json = Json.MAPPER.readTree(RESULTS);

    List<Ratios.Pair> pairs = Ratios.pairs(json);

    assertThat(pairs).hasSize(2);
    assertThat(pairs.get(0).subject().method()).isEqualTo("batch100Store");
    assertThat(pairs.get(0).baseline().params()).isEqualTo("synchronous=FULL");
    assertThat(pairs.get(0).ratio()).isEqualTo(0.6);
    assertThat(pairs.get(1).subject().params()).isEqualTo("synchronous=NORMAL");
    assertThat(pairs.get(1).ratio()).isEqualTo(0.4);
  }

  @Test
  void report_ratioBelowTarget_markedMissAndCounted() throws Exception {
    String report = Ratios.report(Ratios.pairs(Json.MAPPER.readTree(RESULTS)), 0.5);

    assertThat(report)
        .contains("SqliteAppendBenchmark.batch100Store vs batch100Raw")
        .contains("600 ± 20 ops/s")
        .contains("1,000 ± 30 ops/s")
        .contains("0.60  ok   >= 0.50")
        .contains("0.40  MISS < 0.50")
        .contains("2 pairs, 1 below their target ratio (default 0.50)");
  }

  @Test
  void targetOf_classDeclaringTarget_usesIt() {
    assertThat(Ratios.targetOf("ProjectionRebuildBenchmark", 0.9)).isEqualTo(0.4);
    assertThat(Ratios.targetOf("SqliteAppendBenchmark", 0.9)).isEqualTo(0.5);
    assertThat(Ratios.targetOf("NoSuchBenchmark", 0.9)).isEqualTo(0.9);
  }
}
