package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReplayRateTest {
  private static final Duration HALF_LIFE = Duration.ofMinutes(1);

  @Test
  void observe_first_replacesPrior() {
    ReplayRate r = ReplayRate.withPrior(1.0, HALF_LIFE).observe(500, Duration.ofSeconds(10));
    assertThat(r.measured()).isTrue();
    assertThat(r.perSecond()).isEqualTo(50.0);
  }

  @Test
  void observe_oneHalfLife_movesHalfway() {
    ReplayRate r =
        ReplayRate.withPrior(1.0, HALF_LIFE)
            .observe(100, Duration.ofSeconds(10)) // 10/s
            .observe(1800, Duration.ofMinutes(1)); // 30/s over one half-life
    assertThat(r.perSecond()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void eta_backlogAndRate_roundsUp() {
    ReplayRate r = ReplayRate.withPrior(3.0, HALF_LIFE);
    assertThat(r.eta(0)).isEqualTo(Duration.ZERO);
    assertThat(r.eta(10)).isEqualTo(Duration.ofMillis(3334));
  }

  @Test
  void eta_zeroRateWithBacklog_throws() {
    ReplayRate r = ReplayRate.withPrior(1.0, HALF_LIFE).observe(0, Duration.ofSeconds(1));
    assertThatThrownBy(() -> r.eta(1)).isInstanceOf(ArithmeticException.class);
  }

  @Property
  void eta_isMonotoneInBacklog(
      @ForAll @LongRange(min = 0, max = 1_000_000) long a,
      @ForAll @LongRange(min = 0, max = 1_000_000) long b,
      @ForAll @IntRange(min = 1, max = 10_000) int ratePerSecond) {
    ReplayRate r = ReplayRate.withPrior(ratePerSecond, HALF_LIFE);
    assertThat(r.eta(Math.max(a, b))).isGreaterThanOrEqualTo(r.eta(Math.min(a, b)));
  }

  @Property
  void observe_constantRate_convergesToIt(
      @ForAll @IntRange(min = 1, max = 1000) int rate,
      @ForAll @IntRange(min = 1, max = 50) int observations) {
    ReplayRate r = ReplayRate.withPrior(12345, HALF_LIFE);
    for (int i = 0; i < observations; i++) {
      r = r.observe(rate * 7L, Duration.ofSeconds(7));
    }
    assertThat(r.perSecond()).isCloseTo(rate, within(1e-6 * rate));
  }

  @Property
  void confidence_moreObservationNeverLowersIt(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 100_000) int firstMillis,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 100_000) int secondMillis,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1000) int items) {
    ReplayRate prior = ReplayRate.withPrior(1, Duration.ofSeconds(30));
    ReplayRate once = prior.observe(items, Duration.ofMillis(firstMillis));
    ReplayRate twice = once.observe(items, Duration.ofMillis(secondMillis));

    assertThat(prior.confidence()).isZero();
    assertThat(once.confidence()).isGreaterThan(0).isLessThanOrEqualTo(1);
    assertThat(twice.confidence()).isGreaterThanOrEqualTo(once.confidence()).isLessThanOrEqualTo(1);
  }
}
