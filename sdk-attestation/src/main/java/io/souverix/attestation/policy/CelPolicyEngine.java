package io.souverix.attestation.policy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The embedded policy engine: each policy is one <a href="https://cel.dev">CEL</a> expression over
 * the variable {@code input} (the JSON object, typed {@code map(string, dyn)}) that yields a
 * boolean.
 *
 * <p>Policies are parsed and type-checked once, by {@link #compile}; evaluation then runs the
 * prepared program, and is thread-safe. JSON maps onto CEL as: object to map, array to list, string
 * to string, true/false to bool, null to null, an integral number that fits in 64 bits to {@code
 * int}, any other number to {@code double}. Comparisons between {@code int} and {@code double} are
 * allowed ({@code input.cpu.cores >= 4.0}); arithmetic between them is not. Selecting a field the
 * input does not have ({@code input.tpm.version} without {@code tpm}) is an {@link
 * PolicyException.Code#EVALUATION_ERROR}, not a denial: guard optional fields with {@code
 * has(input.tpm)}, or with {@code &&}/{@code ||}, which absorb an error when the other side decides
 * the result.
 *
 * @since 0.1
 */
public final class CelPolicyEngine implements PolicyEngine {
  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  private static final Function<Map<String, Object>, Object> TO_CEL = CelPolicyEngine::toCel;

  /** A compiled policy and its source, for positions of run-time errors. */
  private record Compiled(CelRuntime.Program program, CelSource source) {}

  private final Map<String, Compiled> programs;

  private CelPolicyEngine(Map<String, Compiled> programs) {
    this.programs = programs;
  }

  /**
   * Compiles policies: parses and type-checks each one, and checks that it yields a boolean.
   *
   * @param policies CEL source of each policy, by name
   * @return an engine that evaluates them
   * @throws PolicyException with {@link PolicyException.Code#COMPILE_ERROR} and the position of the
   *     first error if a policy does not parse or type-check, or {@link
   *     PolicyException.Code#NOT_BOOLEAN} if its type is known and is not {@code bool}
   */
  public static CelPolicyEngine compile(Map<String, String> policies) throws PolicyException {
    Map<String, Compiled> programs = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : policies.entrySet()) {
      programs.put(
          Objects.requireNonNull(p.getKey(), "policy name"),
          program(p.getKey(), Objects.requireNonNull(p.getValue(), "policy source")));
    }
    return new CelPolicyEngine(ImmutableMap.copyOf(programs));
  }

  private static Compiled program(String name, String source) throws PolicyException {
    CelValidationResult result = COMPILER.compile(source, name);
    if (result.hasError()) {
      ImmutableList<CelIssue> errors = result.getErrors();
      CelIssue first = errors.get(0);
      throw new PolicyException(
          PolicyException.Code.COMPILE_ERROR,
          name,
          position(first.getSourceLocation()),
          first.getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
          null);
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      throw new PolicyException(PolicyException.Code.COMPILE_ERROR, name, null, e.getMessage(), e);
    }
    CelKind kind = ast.getResultType().kind();
    if (kind != CelKind.BOOL && kind != CelKind.DYN) {
      throw new PolicyException(
          PolicyException.Code.NOT_BOOLEAN,
          name,
          position(ast.getSource(), ast.getExpr().id()),
          String.format(
              Locale.ROOT, "result; expected bool, but got %s", ast.getResultType().name()),
          null);
    }
    try {
      return new Compiled(RUNTIME.createProgram(ast), ast.getSource());
    } catch (CelEvaluationException e) {
      throw new PolicyException(PolicyException.Code.COMPILE_ERROR, name, null, e.getMessage(), e);
    }
  }

  @Override
  public Set<String> policies() {
    return programs.keySet();
  }

  @Override
  public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
    Compiled compiled = programs.get(Objects.requireNonNull(policy, "policy"));
    if (compiled == null) {
      throw new PolicyException(
          PolicyException.Code.UNKNOWN_POLICY,
          policy,
          null,
          String.format(Locale.ROOT, "name; expected one of %s, but got %s", policies(), policy),
          null);
    }
    Object result;
    try {
      result = compiled.program().eval(Map.of("input", input.engineValue(TO_CEL)));
    } catch (CelEvaluationException e) {
      // CEL reports "evaluation error at NAME:OFFSET: message"; turn the offset into line:column.
      String message = String.valueOf(e.getMessage());
      String prefix = "evaluation error at " + policy + ":";
      PolicyException.Position at = null;
      if (message.startsWith(prefix)) {
        int colon = message.indexOf(": ", prefix.length());
        if (colon > prefix.length()) {
          try {
            int offset = Integer.parseInt(message.substring(prefix.length(), colon));
            at =
                compiled
                    .source()
                    .getOffsetLocation(offset)
                    .map(CelPolicyEngine::position)
                    .orElse(null);
            message = message.substring(colon + 2);
          } catch (NumberFormatException ignored) {
            // no offset: keep the whole message
          }
        }
      }
      throw new PolicyException(PolicyException.Code.EVALUATION_ERROR, policy, at, message, e);
    }
    if (result instanceof Boolean b) {
      return b ? Decision.allowed() : Decision.denied(List.of("policy " + policy + " is false"));
    }
    throw new PolicyException(
        PolicyException.Code.NOT_BOOLEAN,
        policy,
        null,
        String.format(Locale.ROOT, "result; expected bool, but got %s", describe(result)),
        null);
  }

  private static String describe(@Nullable Object v) {
    if (v == null || v instanceof NullValue || v instanceof com.google.protobuf.NullValue) {
      return "null";
    }
    if (v instanceof Long) {
      return "int " + v;
    }
    if (v instanceof Double) {
      return "double " + v;
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Map) {
      return "map";
    }
    if (v instanceof List) {
      return "list";
    }
    return v.getClass().getSimpleName();
  }

  private static PolicyException.@Nullable Position position(CelSourceLocation l) {
    if (l.getLine() < 1 || l.getColumn() < 0) {
      return null;
    }
    return new PolicyException.Position(l.getLine(), l.getColumn() + 1);
  }

  private static PolicyException.@Nullable Position position(CelSource source, long exprId) {
    Integer offset = source.getPositionsMap().get(exprId);
    if (offset == null) {
      return null;
    }
    return source.getOffsetLocation(offset).map(CelPolicyEngine::position).orElse(null);
  }

  /** JSON, as {@link PolicyInput} gives it, to the values CEL's runtime accepts for {@code dyn}. */
  static Object toCel(@Nullable Object v) {
    if (v == null) {
      return NullValue.NULL_VALUE;
    }
    if (v instanceof Map<?, ?> map) {
      ImmutableMap.Builder<String, Object> m = ImmutableMap.builderWithExpectedSize(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        m.put((String) e.getKey(), toCel(e.getValue()));
      }
      return m.buildKeepingLast();
    }
    if (v instanceof List<?> list) {
      ImmutableList.Builder<Object> l = ImmutableList.builderWithExpectedSize(list.size());
      for (Object x : list) {
        l.add(toCel(x));
      }
      return l.build();
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Number n) {
      // BigInteger beyond 64 bits and BigDecimal: CEL's double, as JSON numbers usually are.
      return n.doubleValue();
    }
    throw new IllegalArgumentException("unsupported JSON value " + v.getClass().getName());
  }
}
