package io.souverix.drift;

import java.util.Locale;

/**
 * The weights of the four drift factors in a node's score. Only their ratios matter: the score is
 * normalised by their sum, so it always lies in {@code [0, 100]}.
 *
 * <p>Defaults (see docs/drift.md for the rationale): version 40, configuration 30, policy version
 * 10, compliance 20.
 *
 * @since 0.1
 */
public final class DriftWeights {
  private static final DriftWeights DEFAULTS = new DriftWeights(40, 30, 10, 20);

  private final double version;
  private final double configuration;
  private final double policyVersion;
  private final double compliance;

  private DriftWeights(
      double version, double configuration, double policyVersion, double compliance) {
    this.version = version;
    this.configuration = configuration;
    this.policyVersion = policyVersion;
    this.compliance = compliance;
  }

  /**
   * Returns the default weights: version 40, configuration 30, policy version 10, compliance 20.
   *
   * @return the defaults
   * @since 0.1
   */
  public static DriftWeights defaults() {
    return DEFAULTS;
  }

  /**
   * Returns custom weights.
   *
   * @param version weight of the worst component version drift
   * @param configuration weight of the share of drifting configuration objects
   * @param policyVersion weight of the policy set version distance
   * @param compliance weight of non-compliance ({@code 1 - compliance score})
   * @return the weights
   * @throws IllegalArgumentException if a weight is negative or not finite, or all are 0
   * @since 0.1
   */
  public static DriftWeights of(
      double version, double configuration, double policyVersion, double compliance) {
    double[] all = {version, configuration, policyVersion, compliance};
    for (double w : all) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "drift weight; expected finite >= 0, but got %s", w));
      }
    }
    if (version + configuration + policyVersion + compliance == 0) {
      throw new IllegalArgumentException("drift weights; expected a positive sum, but got 0");
    }
    return new DriftWeights(version, configuration, policyVersion, compliance);
  }

  /**
   * Returns the weight of the version factor.
   *
   * @return the weight
   */
  public double version() {
    return version;
  }

  /**
   * Returns the weight of the configuration factor.
   *
   * @return the weight
   */
  public double configuration() {
    return configuration;
  }

  /**
   * Returns the weight of the policy version factor.
   *
   * @return the weight
   */
  public double policyVersion() {
    return policyVersion;
  }

  /**
   * Returns the weight of the compliance factor.
   *
   * @return the weight
   */
  public double compliance() {
    return compliance;
  }

  double sum() {
    return version + configuration + policyVersion + compliance;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "DriftWeights[version=%s, configuration=%s, policy_version=%s, compliance=%s]",
        version,
        configuration,
        policyVersion,
        compliance);
  }
}
