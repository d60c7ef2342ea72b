package io.souverix.drift;

import java.util.Objects;

/**
 * One term of a node's drift score, so that the score explains itself.
 *
 * @param factor the factor name: {@code version}, {@code configuration}, {@code policy_version} or
 *     {@code compliance}
 * @param weight the configured weight of the factor
 * @param drift the size of the drift in {@code [0, 1]}
 * @param contribution the points this factor adds to the score: {@code 100 * weight * drift / sum
 *     of weights}; the contributions of a node sum to its score
 * @since 0.1
 */
public record Factor(String factor, double weight, double drift, double contribution) {
  /** Checks the name. */
  public Factor {
    Objects.requireNonNull(factor, "factor");
  }
}
