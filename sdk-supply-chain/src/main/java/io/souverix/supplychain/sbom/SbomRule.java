package io.souverix.supplychain.sbom;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One rule of an {@link SbomGate}: a name and a check over an {@link SbomDiff} that returns one
 * violation per offending component (empty when the diff passes). Built-ins are plain Java; {@link
 * #policy} delegates to a {@link PolicyEngine} with the diff's JSON as input.
 *
 * @since 0.1
 */
public final class SbomRule {
  /** The check of a rule; may fail when it delegates to a policy engine. */
  @FunctionalInterface
  private interface Check {
    List<String> violations(SbomDiff diff) throws PolicyException;
  }

  private final String name;
  private final Check check;

  private SbomRule(String name, Check check) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("rule name; expected a non-blank name, but got ''");
    }
    this.name = name;
    this.check = Objects.requireNonNull(check, "check");
  }

  /**
   * A rule from a plain Java function.
   *
   * @param name the rule's name, used as the prefix of its reasons; not blank
   * @param check returns one violation text per offending component, empty when the diff passes
   * @return the rule
   * @since 0.1
   */
  public static SbomRule of(String name, Function<SbomDiff, List<String>> check) {
    Objects.requireNonNull(check, "check");
    return new SbomRule(name, d -> List.copyOf(check.apply(d)));
  }

  /**
   * A rule that denies every added component the predicate matches.
   *
   * @param name the rule's name; not blank
   * @param forbidden true for an added component that must not appear
   * @return the rule; each violation names the component's key and version
   * @since 0.1
   */
  public static SbomRule noAdded(String name, Predicate<SbomDiff.Entry> forbidden) {
    Objects.requireNonNull(forbidden, "forbidden");
    return of(
        name,
        d ->
            d.added().stream()
                .filter(forbidden)
                .map(e -> "added " + component(e.key(), e.version()))
                .toList());
  }

  /**
   * No added component with a GPL-family licence (GPL, LGPL, AGPL: an SPDX id, a named licence
   * saying so, or an expression that leaves no other choice), and no matched component whose
   * licences newly include one. Name: {@code no-new-gpl-family-licence}.
   *
   * @return the rule
   * @since 0.1
   */
  public static SbomRule noNewGplFamilyLicence() {
    return of(
        "no-new-gpl-family-licence",
        d -> {
          List<String> out = new ArrayList<>();
          for (SbomDiff.Entry e : d.added()) {
            List<String> gpl = e.licences().stream().filter(Licences::gplFamily).toList();
            if (!gpl.isEmpty()) {
              out.add(
                  String.format(
                      Locale.ROOT,
                      "added %s is licensed %s",
                      component(e.key(), e.version()),
                      String.join(", ", gpl)));
            }
          }
          for (SbomDiff.LicenceChange c : d.licenceChanged()) {
            List<String> gpl =
                c.newLicences().stream()
                    .filter(Licences::gplFamily)
                    .filter(l -> c.oldLicences().stream().noneMatch(l::equalsIgnoreCase))
                    .toList();
            if (!gpl.isEmpty() && c.oldLicences().stream().noneMatch(Licences::gplFamily)) {
              out.add(
                  String.format(
                      Locale.ROOT,
                      "%s changed licence from [%s] to [%s]",
                      component(c.key(), c.newVersion()),
                      String.join(", ", c.oldLicences()),
                      String.join(", ", c.newLicences())));
            }
          }
          return out;
        });
  }

  /**
   * No component whose hash changed while its version stayed the same (a rebuilt or tampered
   * artefact under an old version). Name: {@code no-hash-change-without-version-change}.
   *
   * @return the rule
   * @since 0.1
   */
  public static SbomRule noHashChangeWithoutVersionChange() {
    return of(
        "no-hash-change-without-version-change",
        d ->
            d.hashChanged().stream()
                .map(
                    h ->
                        String.format(
                            Locale.ROOT,
                            "%s changed its %s hash with the same version",
                            component(h.key(), h.version()),
                            String.join(", ", h.algorithms().keySet().stream().sorted().toList())))
                .toList());
  }

  /**
   * No version downgrade. Name: {@code no-downgrade}.
   *
   * @return the rule
   * @since 0.1
   */
  public static SbomRule noDowngrade() {
    return of(
        "no-downgrade",
        d ->
            d.versionChanged().stream()
                .filter(v -> v.direction().equals("downgrade"))
                .map(
                    v ->
                        String.format(
                            Locale.ROOT,
                            "%s downgraded from %s to %s",
                            v.key(),
                            v.oldVersion(),
                            v.newVersion()))
                .toList());
  }

  /**
   * No supplier name in the new BOM that no component of the old BOM had ({@link
   * SbomDiff#suppliersAdded()}). Name: {@code no-new-supplier}.
   *
   * @return the rule
   * @since 0.1
   */
  public static SbomRule noNewSupplier() {
    return of(
        "no-new-supplier",
        d ->
            d.suppliersAdded().stream()
                .map(
                    s ->
                        String.format(
                            Locale.ROOT,
                            "new supplier '%s' for %s",
                            s.name(),
                            s.keys().stream().collect(Collectors.joining(", "))))
                .toList());
  }

  /**
   * The four built-in rules: {@link #noNewGplFamilyLicence()}, {@link
   * #noHashChangeWithoutVersionChange()}, {@link #noDowngrade()}, {@link #noNewSupplier()}.
   *
   * @return the rules, in that order
   * @since 0.1
   */
  public static List<SbomRule> builtIns() {
    return List.of(
        noNewGplFamilyLicence(),
        noHashChangeWithoutVersionChange(),
        noDowngrade(),
        noNewSupplier());
  }

  /**
   * A rule evaluated by a policy engine (for example sdk-attestation's {@code CelPolicyEngine}):
   * the engine sees {@link SbomGate#policyInput(SbomDiff)} as {@code input}, and each reason of a
   * denial is one violation. An engine failure is thrown, never turned into allow or deny.
   *
   * @param engine the engine; not null
   * @param policy the policy's name, one of {@code engine.policies()}; not null
   * @return the rule, named {@code policy:POLICY}
   * @since 0.1
   */
  public static SbomRule policy(PolicyEngine engine, String policy) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(policy, "policy");
    return new SbomRule(
        "policy:" + policy,
        d -> {
          Decision decision = engine.evaluate(policy, SbomGate.policyInput(d));
          return decision.allow() ? List.of() : decision.reasons();
        });
  }

  /**
   * The rule's name.
   *
   * @return the name, the prefix of its reasons
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * Checks a diff.
   *
   * @param diff the diff; not null
   * @return one text per violation, empty when the diff passes
   * @throws PolicyException if the rule delegates to a policy engine that cannot evaluate
   * @since 0.1
   */
  public List<String> violations(SbomDiff diff) throws PolicyException {
    return check.violations(Objects.requireNonNull(diff, "diff"));
  }

  static String component(String key, @org.jspecify.annotations.Nullable String version) {
    return version == null ? key : key + "@" + version;
  }

  @Override
  public String toString() {
    return "SbomRule[" + name + "]";
  }
}
