package io.souverix.drift.rollout;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a node reported after its update: named check results (a health endpoint, a post-update
 * attestation, an SBOM gate, ...) and free attributes (an attestation verdict id, an SBOM digest)
 * that a {@link RolloutGate} judges.
 *
 * @param checks check name to passed; iteration order is kept
 * @param attributes further facts by name; iteration order is kept
 * @since 0.1
 */
public record HealthReport(Map<String, Boolean> checks, Map<String, String> attributes) {
  /** Copies the maps, keeping their order. */
  public HealthReport {
    checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    checks.forEach((k, v) -> Checks.text(Objects.requireNonNull(k, "check"), "check name", 200));
  }

  /**
   * Returns a report of check results without attributes.
   *
   * @param checks check name to passed
   * @return the report
   */
  public static HealthReport of(Map<String, Boolean> checks) {
    return new HealthReport(checks, Map.of());
  }

  /**
   * Returns a report in which every named check passed.
   *
   * @param checks the check names
   * @return the report
   */
  public static HealthReport passing(String... checks) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    Arrays.stream(checks).forEach(c -> m.put(c, true));
    return of(m);
  }

  /**
   * Returns a report in which the named check failed.
   *
   * @param check the failed check's name
   * @return the report
   */
  public static HealthReport failing(String check) {
    return of(Map.of(check, false));
  }
}
