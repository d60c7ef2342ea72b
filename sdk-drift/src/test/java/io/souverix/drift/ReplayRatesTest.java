package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplayRatesTest {
  static final Duration HALF_LIFE = Duration.ofMinutes(5);

  static ReplayRates rates() {
    return ReplayRates.withPriors(10, 1.0 / 60, 1.0 / 120, 1.0 / 300, HALF_LIFE);
  }

  @Test
  void costs_beforeAnyObservation_arePriors_withZeroConfidence() {
    ReplayCosts c = rates().costs("region-a");

    assertThat(c.messages().perSecond()).isEqualTo(10);
    assertThat(c.perConfigUpdate()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.perVersionUpdate()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.costConfidence()).isZero();
  }

  @Test
  void observe_region_usesItsOwnRate_otherRegionsUseTheFleets() {
    ReplayRates r = rates();
    r.observe("region-a", ReplayRates.UpdateClass.VERSION, 10, Duration.ofSeconds(100));
    r.observe("region-b", ReplayRates.UpdateClass.VERSION, 10, Duration.ofSeconds(1000));

    assertThat(r.costs("region-a").perVersionUpdate()).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.costs("region-b").perVersionUpdate()).isEqualTo(Duration.ofSeconds(100));
    // region-c has no observation: the fleet-wide average of both, weighted by time
    Duration fleet = r.costs("region-c").perVersionUpdate();
    assertThat(fleet).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(100));
    assertThat(r.costs("region-c").perConfigUpdate()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void costConfidence_isTheLeastOfTheUpdateClasses() {
    ReplayRates r = rates();
    for (ReplayRates.UpdateClass c : ReplayRates.UpdateClass.values()) {
      r.observe("region-a", c, 5, HALF_LIFE);
    }
    assertThat(r.costs("region-a").costConfidence()).isEqualTo(0.5);

    r.observe("region-a", ReplayRates.UpdateClass.CONFIG, 5, HALF_LIFE);
    assertThat(r.costs("region-a").costConfidence()).isEqualTo(0.5);
  }

  /** The estimate from measured rates is monotone in every backlog count. */
  @Property(tries = 100)
  void estimate_monotoneInBacklog(
      @ForAll @IntRange(min = 0, max = 1000) int messages,
      @ForAll @IntRange(min = 0, max = 20) int versions,
      @ForAll @IntRange(min = 1, max = 100) int observedSeconds) {
    ReplayRates r = rates();
    r.observe("region-a", ReplayRates.UpdateClass.VERSION, 3, Duration.ofSeconds(observedSeconds));
    ReplayCosts costs = r.costs("region-a");

    Duration less = costs.estimate(new Backlog(messages, 0, 0, versions)).total();
    Duration more = costs.estimate(new Backlog(messages + 1, 0, 0, versions + 1)).total();

    assertThat(more).isGreaterThanOrEqualTo(less);
  }
}
