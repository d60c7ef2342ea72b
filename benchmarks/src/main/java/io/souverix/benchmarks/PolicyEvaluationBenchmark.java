package io.souverix.benchmarks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.souverix.attestation.policy.CelPolicyEngine;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Policy evaluation through the {@link PolicyEngine} SPI ({@link CelPolicyEngine}: name lookup, the
 * input's cached CEL value, the decision) against raw CEL evaluation of the same expression,
 * compiled with the same options, over the same pre-converted activation. Both evaluate one
 * node-compliance policy against the same, already parsed, node document: the SPI's overhead is
 * what the ratio shows. Target: at least {@value #TARGET_RATIO} of raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyEvaluationBenchmark {
  /** The SPI must keep at least this share of raw CEL's throughput. */
  public static final double TARGET_RATIO = 0.75;

  static final String POLICY =
      """
      input.firmware.signed
        && "vendor-root" in input.firmware.signature_chain
        && input.tpm.version == "2.0"
        && input.hardware.cpu.cores >= 16
        && input.security.secure_boot
        && input.security.open_ports.all(p, p in [22, 443, 9100])
        && input.agent.last_heartbeat_s < 300
      """;

  static final String NODE =
      """
      {"node": {"serial": "SRV-0042", "site": "fra-1"},
       "firmware": {"version": "2.4.1", "signed": true,
                    "signature_chain": ["vendor-root", "vendor-fw-2024"]},
       "tpm": {"version": "2.0"},
       "hardware": {"cpu": {"cores": 32}, "memory_gib": 256},
       "security": {"secure_boot": true, "open_ports": [22, 443, 9100]},
       "agent": {"last_heartbeat_s": 41}}
      """;

  private PolicyEngine engine;
  private PolicyInput input;
  private CelRuntime.Program program;
  private Map<String, Object> activation;

  /** Compiles the policy both ways and parses the input once. */
  @Setup
  public void setUp() throws Exception {
    engine = CelPolicyEngine.compile(Map.of("compliant", POLICY));
    input = PolicyInput.parse(NODE);
    // Raw CEL, configured as CelPolicyEngine configures it.
    CelOptions options = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    program = runtime.createProgram(compiler.compile(POLICY).getAst());
    activation = Map.of("input", toCel(input.engineValue(m -> m)));
    if (!evaluateSpi().allow() || !evaluateRaw()) {
      throw new IllegalStateException("the benchmark's policy must allow its input");
    }
  }

  /**
   * The baseline: the compiled program on a prepared activation.
   *
   * @return the result
   * @throws Exception never, for a valid policy
   */
  @Benchmark
  public boolean evaluateRaw() throws Exception {
    return (Boolean) program.eval(activation);
  }

  /**
   * Through the SPI.
   *
   * @return the decision
   * @throws Exception never, for a valid policy
   */
  @Benchmark
  public Decision evaluateSpi() throws Exception {
    return engine.evaluate("compliant", input);
  }

  private static Object toCel(Object v) {
    if (v instanceof Map<?, ?> m) {
      ImmutableMap.Builder<String, Object> b = ImmutableMap.builder();
      m.forEach((k, x) -> b.put((String) k, toCel(x)));
      return b.buildOrThrow();
    }
    if (v instanceof java.util.List<?> l) {
      ImmutableList.Builder<Object> b = ImmutableList.builder();
      l.forEach(x -> b.add(toCel(x)));
      return b.build();
    }
    return v;
  }
}
