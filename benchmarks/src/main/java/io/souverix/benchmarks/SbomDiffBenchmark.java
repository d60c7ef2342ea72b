package io.souverix.benchmarks;

import io.souverix.supplychain.sbom.Sbom;
import io.souverix.supplychain.sbom.SbomDiff;
import io.souverix.supplychain.sbom.SbomDiffer;
import io.souverix.supplychain.sbom.SbomParser;
import io.souverix.supplychain.sbom.StreamingSbomReader;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Diffing two BOMs of 50,000 components each against the time to parse both. One operation reads
 * both BOMs of a seeded pair ({@link SyntheticBoms}, about 3% of the components changed):
 *
 * <ul>
 *   <li>{@code parseRaw}: cyclonedx-core-java's JSON parser alone, both documents (the baseline);
 *   <li>{@code parseDiff}: the SDK's cyclonedx-core-java path ({@link
 *       SbomParser#withoutSchemaCheck()}: the library's parse, then adaptation) for both, then
 *       {@link SbomDiffer#diff}. Target: at least {@value #TARGET_RATIO} of raw (parse + diff at
 *       most 1.2 times parse alone);
 *   <li>{@code parseStream}: the Jackson streaming reader ({@link StreamingSbomReader}) for both;
 *   <li>{@code parseStreamDiff}: the streaming reader for both, then the diff.
 * </ul>
 *
 * Schema validation ({@link SbomParser#defaults()}) is left out of all four: it is a one-time check
 * when a BOM enters the system ({@code SbomStore.put}), not part of re-reading and diffing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
// One operation takes seconds here: per minute keeps the report's scores readable.
@OutputTimeUnit(TimeUnit.MINUTES)
public class SbomDiffBenchmark {
  /** Parse + diff must keep at least this share of parse-alone throughput. */
  public static final double TARGET_RATIO = 0.83;

  @Param({"50000"})
  public int components;

  private byte[] older;
  private byte[] newer;
  private SbomParser parser;
  private StreamingSbomReader reader;

  /** Generates the pair once (seed 42) and checks that every path sees the same diff. */
  @Setup
  public void setUp() throws Exception {
    SyntheticBoms.Pair pair = SyntheticBoms.generate(components, 42L);
    older = pair.older();
    newer = pair.newer();
    parser = SbomParser.defaults().withoutSchemaCheck();
    reader = StreamingSbomReader.defaults();
    SbomDiff a = SbomDiffer.diff(parser.parse(older), parser.parse(newer));
    SbomDiff b = SbomDiffer.diff(reader.read(older), reader.read(newer));
    if (!a.equals(b) || a.added().isEmpty() || a.versionChanged().isEmpty()) {
      throw new IllegalStateException("the two paths disagree or the pair has no changes: " + a);
    }
  }

  /**
   * Baseline: cyclonedx-core-java parses both documents.
   *
   * @param bh the blackhole
   * @throws Exception never for the generated documents
   */
  @Benchmark
  public void parseRaw(Blackhole bh) throws Exception {
    Bom a = new JsonParser().parse(older);
    Bom b = new JsonParser().parse(newer);
    bh.consume(a);
    bh.consume(b);
  }

  /**
   * The SDK's cyclonedx-core-java path for both documents, then the diff.
   *
   * @return the diff
   * @throws Exception never for the generated documents
   */
  @Benchmark
  public SbomDiff parseDiff() throws Exception {
    Sbom a = parser.parse(older);
    Sbom b = parser.parse(newer);
    return SbomDiffer.diff(a, b);
  }

  /**
   * The streaming reader for both documents.
   *
   * @param bh the blackhole
   * @throws Exception never for the generated documents
   */
  @Benchmark
  public void parseStream(Blackhole bh) throws Exception {
    bh.consume(reader.read(older));
    bh.consume(reader.read(newer));
  }

  /**
   * The streaming reader for both documents, then the diff.
   *
   * @return the diff
   * @throws Exception never for the generated documents
   */
  @Benchmark
  public SbomDiff parseStreamDiff() throws Exception {
    return SbomDiffer.diff(reader.read(older), reader.read(newer));
  }
}
