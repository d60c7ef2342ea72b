package io.souverix.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelPolicyEngineTest {
  /** A node-compliance document as the attestation service assembles it. */
  static final String NODE =
      """
      {
        "node": {"serial": "SRV-0042", "site": "fra-1", "role": "worker"},
        "firmware": {"version": "2.4.1", "signed": true,
                     "signature_chain": ["vendor-root", "vendor-fw-2024"]},
        "tpm": {"version": "2.0", "pcrs": {"0": "3d45", "7": "a1b2"}},
        "hardware": {"cpu": {"cores": 32, "model": "EPYC 9354"}, "memory_gib": 256.0},
        "security": {"secure_boot": true, "disk_encryption": "luks2",
                     "open_ports": [22, 443, 9100]},
        "agent": {"last_heartbeat_s": 41, "config_hash": null}
      }
      """;

  static final String COMPLIANT =
      """
      input.firmware.signed
        && "vendor-root" in input.firmware.signature_chain
        && input.tpm.version == "2.0"
        && input.hardware.cpu.cores >= 16
        && input.hardware.memory_gib >= 128
        && input.security.secure_boot
        && input.security.open_ports.all(p, p in [22, 443, 9100])
        && input.agent.last_heartbeat_s < 300
      """;

  private static Decision eval(String policy, String input) throws PolicyException {
    return CelPolicyEngine.compile(Map.of("p", policy)).evaluate("p", PolicyInput.parse(input));
  }

  private static PolicyException error(String policy, String input) {
    try {
      eval(policy, input);
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("expected a PolicyException");
  }

  @Test
  void evaluate_compliantNode_allows() throws Exception {
    assertThat(eval(COMPLIANT, NODE)).isEqualTo(Decision.allowed());
  }

  @Test
  void evaluate_nodeWithoutSecureBootAndAnExtraPort_deniesWithTheReason() throws Exception {
    String node =
        NODE.replace("\"secure_boot\": true", "\"secure_boot\": false")
            .replace("[22, 443, 9100]", "[22, 443, 9100, 23]");
    Decision d = eval(COMPLIANT, node);
    assertThat(d.allow()).isFalse();
    assertThat(d.reasons()).containsExactly("policy p is false");
    assertThat(eval("input.security.open_ports.exists(p, p == 23)", node).allow()).isTrue();
  }

  @Test
  void evaluate_intAndDoubleComparedAcrossTypes_followsNumericValue() throws Exception {
    assertThat(eval("input.hardware.cpu.cores > 31.5 && input.hardware.memory_gib == 256", NODE))
        .isEqualTo(Decision.allowed());
    assertThat(eval("input.hardware.cpu.cores < 32.0", NODE).allow()).isFalse();
  }

  @Test
  void evaluate_jsonNull_isCelNull() throws Exception {
    assertThat(eval("input.agent.config_hash == null", NODE).allow()).isTrue();
  }

  @Test
  void evaluate_missingField_isAnEvaluationErrorWithPosition() {
    PolicyException e = error("input.tpm.version == \"2.0\" &&\n  input.tpm.vendor == \"x\"", NODE);
    assertThat(e.code()).isEqualTo(PolicyException.Code.EVALUATION_ERROR);
    assertThat(e.position()).contains(new PolicyException.Position(2, 12));
    assertThat(e.getMessage()).contains("'vendor'");
  }

  @Test
  void evaluate_missingFieldGuardedByHas_decides() throws Exception {
    assertThat(eval("has(input.tpm.vendor) && input.tpm.vendor == \"x\"", NODE).allow()).isFalse();
    assertThat(eval("!has(input.tpm.vendor) || input.tpm.vendor == \"x\"", NODE).allow()).isTrue();
    // && absorbs the error when the other side is false, whichever side errs.
    assertThat(eval("input.tpm.vendor == \"x\" && false", NODE).allow()).isFalse();
  }

  @Test
  void compile_syntaxError_reportsCompileErrorWithLineAndColumn() {
    PolicyException e = error("input.firmware.signed &&\n  input.tpm.(", NODE);
    assertThat(e.code()).isEqualTo(PolicyException.Code.COMPILE_ERROR);
    assertThat(e.position()).isPresent();
    assertThat(e.position().get().line()).isEqualTo(2);
  }

  @Test
  void compile_undeclaredVariable_reportsItsPosition() {
    PolicyException e = error("input.firmware.signed && node.up", NODE);
    assertThat(e.code()).isEqualTo(PolicyException.Code.COMPILE_ERROR);
    assertThat(e.position()).contains(new PolicyException.Position(1, 26));
    assertThat(e.getMessage()).contains("undeclared reference to 'node'");
  }

  @Test
  void compile_statically_nonBooleanPolicy_isNotBoolean() {
    PolicyException e = error("size(input.security.open_ports) + 1", NODE);
    assertThat(e.code()).isEqualTo(PolicyException.Code.NOT_BOOLEAN);
    assertThat(e.getMessage()).contains("expected bool, but got int");
  }

  @Test
  void evaluate_dynamicNonBooleanResult_isNotBoolean() {
    PolicyException e = error("input.hardware.cpu.cores", NODE);
    assertThat(e.code()).isEqualTo(PolicyException.Code.NOT_BOOLEAN);
    assertThat(e.getMessage()).contains("expected bool, but got int 32");
  }

  @Test
  void evaluate_unknownPolicy_isUnknownPolicy() throws Exception {
    CelPolicyEngine engine = CelPolicyEngine.compile(Map.of("a", "true"));
    assertThatThrownBy(() -> engine.evaluate("b", PolicyInput.parse("{}")))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.code()).isEqualTo(PolicyException.Code.UNKNOWN_POLICY));
  }

  @Test
  void parse_nonObjectOrNonJson_isInvalidInput() {
    for (String bad : new String[] {"[1, 2]", "42", "{\"a\": ", ""}) {
      assertThatThrownBy(() -> PolicyInput.parse(bad))
          .isInstanceOfSatisfying(
              PolicyException.class,
              e -> assertThat(e.code()).isEqualTo(PolicyException.Code.INVALID_INPUT));
    }
  }

  @Test
  void evaluate_onePolicyManyInputs_reusesTheCompiledProgram() throws Exception {
    CelPolicyEngine engine =
        CelPolicyEngine.compile(Map.of("cores", "input.hardware.cpu.cores >= 16", "any", "true"));
    assertThat(engine.policies()).containsExactlyInAnyOrder("cores", "any");
    for (int cores = 0; cores < 40; cores++) {
      PolicyInput in = PolicyInput.parse(NODE.replace("\"cores\": 32", "\"cores\": " + cores));
      assertThat(engine.evaluate("cores", in).allow()).isEqualTo(cores >= 16);
      assertThat(engine.evaluate("any", in).allow()).isTrue();
    }
  }
}
