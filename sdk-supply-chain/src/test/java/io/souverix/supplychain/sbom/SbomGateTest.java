package io.souverix.supplychain.sbom;

import static io.souverix.supplychain.sbom.Boms.bom;
import static io.souverix.supplychain.sbom.Boms.expression;
import static io.souverix.supplychain.sbom.Boms.licence;
import static io.souverix.supplychain.sbom.Boms.sha256;
import static io.souverix.supplychain.sbom.Boms.supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SbomGateTest {
  /** Old: a@1 (MIT, Acme, hash a), b@2.0 (hash b), c@1.0. */
  private static Boms older() {
    Boms o = bom();
    sha256(supplier(licence(o.add("a", "1"), "MIT"), "Acme"), 'a');
    sha256(o.add("b", "2.0"), 'b');
    o.add("c", "1.0");
    return o;
  }

  private static SbomDiff diff(Boms newer) throws Exception {
    return SbomDiffer.diff(older().parse(), newer.parse());
  }

  /** New: everything unchanged except what each test adds. */
  private static Boms same() {
    Boms n = bom();
    sha256(supplier(licence(n.add("a", "1"), "MIT"), "Acme"), 'a');
    sha256(n.add("b", "2.0"), 'b');
    n.add("c", "1.0");
    return n;
  }

  @Test
  void builtIns_unchangedBom_allows() throws Exception {
    assertThat(SbomGate.builtIns().evaluate(diff(same()))).isEqualTo(Decision.allowed());
  }

  @Test
  void builtIns_upgradeAndPermissiveAddition_allows() throws Exception {
    Boms n = bom();
    sha256(supplier(licence(n.add("a", "1"), "MIT"), "Acme"), 'a');
    sha256(n.add("b", "2.1"), 'c');
    n.add("c", "1.0");
    licence(supplier(n.add("d", "1"), "acme"), "Apache-2.0");
    expression(n.add("e", "1"), "MIT OR GPL-2.0-only");

    Decision d = SbomGate.builtIns().evaluate(diff(n));

    assertThat(d.reasons()).isEmpty();
    assertThat(d.allow()).isTrue();
  }

  @Test
  void noNewGplFamilyLicence_addedGplComponents_deniesNamingEach() throws Exception {
    Boms n = same();
    licence(n.add("gpl", "1"), "GPL-3.0-or-later");
    expression(n.add("lgpl", "2"), "(LGPL-2.1-only WITH Classpath-exception-2.0) AND MIT");
    licence(n.add("agpl", "3"), "AGPL-3.0-only");

    Decision d = SbomGate.of(List.of(SbomRule.noNewGplFamilyLicence())).evaluate(diff(n));

    assertThat(d.allow()).isFalse();
    assertThat(d.reasons())
        .containsExactly(
            "no-new-gpl-family-licence: added pkg:npm/agpl@3 is licensed AGPL-3.0-only",
            "no-new-gpl-family-licence: added pkg:npm/gpl@1 is licensed GPL-3.0-or-later",
            "no-new-gpl-family-licence: added pkg:npm/lgpl@2 is licensed"
                + " (LGPL-2.1-only WITH Classpath-exception-2.0) AND MIT");
  }

  @Test
  void noNewGplFamilyLicence_relicensedToGpl_denies() throws Exception {
    Boms n = bom();
    sha256(supplier(licence(n.add("a", "1"), "GPL-2.0-only"), "Acme"), 'a');
    sha256(n.add("b", "2.0"), 'b');
    n.add("c", "1.0");

    Decision d = SbomGate.of(List.of(SbomRule.noNewGplFamilyLicence())).evaluate(diff(n));

    assertThat(d.reasons())
        .containsExactly(
            "no-new-gpl-family-licence: pkg:npm/a@1 changed licence from [MIT] to [GPL-2.0-only]");
  }

  @Test
  void noHashChangeWithoutVersionChange_rebuiltArtefact_denies() throws Exception {
    Boms n = bom();
    sha256(supplier(licence(n.add("a", "1"), "MIT"), "Acme"), 'f');
    sha256(n.add("b", "2.0"), 'b');
    n.add("c", "1.0");

    Decision d =
        SbomGate.of(List.of(SbomRule.noHashChangeWithoutVersionChange())).evaluate(diff(n));

    assertThat(d.reasons())
        .containsExactly(
            "no-hash-change-without-version-change: pkg:npm/a@1 changed its SHA-256 hash with"
                + " the same version");
  }

  @Test
  void noDowngrade_olderVersion_denies() throws Exception {
    Boms n = bom();
    sha256(supplier(licence(n.add("a", "1"), "MIT"), "Acme"), 'a');
    sha256(n.add("b", "1.9"), 'b');
    n.add("c", "1.0");

    Decision d = SbomGate.builtIns().evaluate(diff(n));

    assertThat(d.reasons()).containsExactly("no-downgrade: pkg:npm/b downgraded from 2.0 to 1.9");
  }

  @Test
  void noNewSupplier_unknownSupplier_deniesNamingComponents() throws Exception {
    Boms n = same();
    supplier(n.add("d", "1"), "Unknown Ltd");
    supplier(n.add("e", "1"), "unknown ltd");

    Decision d = SbomGate.of(List.of(SbomRule.noNewSupplier())).evaluate(diff(n));

    assertThat(d.reasons())
        .containsExactly("no-new-supplier: new supplier 'Unknown Ltd' for pkg:npm/d, pkg:npm/e");
  }

  @Test
  void customPredicate_noAdded_deniesMatchingComponent() throws Exception {
    Boms n = same();
    n.add("event-stream", "3.3.6");
    SbomRule banned = SbomRule.noAdded("banned", e -> e.name().equals("event-stream"));

    Decision d = SbomGate.of(List.of(banned)).evaluate(diff(n));

    assertThat(d.reasons()).containsExactly("banned: added pkg:npm/event-stream@3.3.6");
  }

  /** A small engine: "max-added" denies when more than one component was added. */
  private static final class CountingEngine implements PolicyEngine {
    final List<String> inputs = new ArrayList<>();

    @Override
    public Set<String> policies() {
      return Set.of("max-added");
    }

    @Override
    public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
      inputs.add(input.json());
      if (!policy.equals("max-added")) {
        throw new PolicyException(
            PolicyException.Code.UNKNOWN_POLICY, policy, null, "no such policy", null);
      }
      long added =
          input.engineValue(m -> (Long) ((Map<?, ?>) m.get("summary")).get("added")).longValue();
      return added <= 1
          ? Decision.allowed()
          : Decision.denied(List.of(added + " components added, at most 1 allowed"));
    }
  }

  @Test
  void policy_engineDenies_reasonsPrefixedWithPolicyAndInputIsTheDiffJson() throws Exception {
    Boms n = same();
    n.add("d", "1");
    n.add("e", "1");
    CountingEngine engine = new CountingEngine();
    SbomDiff diff = diff(n);

    Decision d =
        SbomGate.of(List.of(SbomRule.noDowngrade(), SbomRule.policy(engine, "max-added")))
            .evaluate(diff);

    assertThat(d.reasons())
        .containsExactly("policy:max-added: 2 components added, at most 1 allowed");
    JsonNode seen = Json.MAPPER.readTree(engine.inputs.get(0));
    assertThat(seen.get("added_details").get(0).get("key").asText()).isEqualTo("pkg:npm/d");
    assertThat(engine.inputs.get(0)).isEqualTo(diff.toJson());
  }

  @Test
  void policy_engineFails_exceptionPropagatesNotADecision() throws Exception {
    SbomGate gate = SbomGate.of(List.of(SbomRule.policy(new CountingEngine(), "nope")));

    PolicyException e =
        catchThrowableOfType(PolicyException.class, () -> gate.evaluate(diff(same())));

    assertThat(e.code()).isEqualTo(PolicyException.Code.UNKNOWN_POLICY);
  }

  @Test
  void gplFamily_spdxIdsNamesAndExpressions_classified() {
    assertThat(Licences.gplFamily("GPL-2.0")).isTrue();
    assertThat(Licences.gplFamily("gpl-3.0-only")).isTrue();
    assertThat(Licences.gplFamily("LGPL-2.1+")).isTrue();
    assertThat(Licences.gplFamily("AGPL-3.0-or-later")).isTrue();
    assertThat(Licences.gplFamily("GPL-2.0-with-classpath-exception")).isTrue();
    assertThat(Licences.gplFamily("name:GNU Lesser General Public License")).isTrue();
    assertThat(Licences.gplFamily("GPL-2.0-only AND MIT")).isTrue();
    assertThat(Licences.gplFamily("(MIT OR (GPL-2.0-only AND BSD-3-Clause))")).isFalse();
    assertThat(Licences.gplFamily("GPL-2.0-only OR LGPL-3.0-only")).isTrue();
    assertThat(Licences.gplFamily("MIT")).isFalse();
    assertThat(Licences.gplFamily("EPL-2.0")).isFalse();
    assertThat(Licences.gplFamily("name:Apache Software License")).isFalse();
    assertThat(Licences.gplFamily("MPL-2.0 OR GPL-2.0")).isFalse();
  }
}
