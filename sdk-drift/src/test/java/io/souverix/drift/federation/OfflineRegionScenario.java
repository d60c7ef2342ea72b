package io.souverix.drift.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.drift.connectivity.LinkState;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The federation scenario every upstream is tested with (direct calls in {@link SyncSchedulerTest},
 * the transport in {@code TransportFederationTest}): region {@code eu} and global control write
 * fields on one fake clock, the region goes offline for hours and keeps writing, and on its return
 * it must converge with global control, global winning the security-critical fields.
 */
public final class OfflineRegionScenario {
  /** The scenario's start. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The hybrid clocks' tolerated drift. */
  public static final Duration DRIFT = Duration.ofMinutes(1);

  /** A field of the default rules. */
  public static final FieldKey AGENT = FieldKey.componentVersion("agent");

  /** A regional field. */
  public static final FieldKey NTP = FieldKey.configObject("ntp");

  /** A field whose conflicts need a human decision. */
  public static final FieldKey SHARED = FieldKey.configObject("shared");

  /** A security-critical field global control wins. */
  public static final FieldKey BASELINE = FieldKey.policyVersion("baseline");

  /** The default rules, with {@link #SHARED} decided by a human. */
  public static final AuthorityRules RULES =
      AuthorityRules.defaults().with(SHARED, AuthorityRule.HUMAN_DECISION);

  private OfflineRegionScenario() {}

  /** One operation: who writes which field, after how long. */
  public record Op(boolean byGlobal, FieldKey field, String value, Duration after) {}

  /**
   * Global control and region {@code eu} on one fake clock; {@code reachable} makes global control
   * reachable from the region's upstream or not.
   */
  public record Setup(
      ManualClock clock,
      GlobalControl global,
      RegionalMaster region,
      SyncScheduler scheduler,
      Consumer<Boolean> reachable) {}

  /** Lists of up to {@code maxSize} operations on the scenario's fields. */
  public static Arbitrary<List<Op>> ops(int maxSize) {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(AGENT, NTP, SHARED, BASELINE, FieldKey.securityFix("openssl")),
            Arbitraries.of("a", "b", "c"),
            Arbitraries.integers().between(0, 3_600).map(Duration::ofSeconds))
        .as(Op::new)
        .list()
        .ofMaxSize(maxSize);
  }

  /**
   * Plays {@code before} online, {@code whileOffline} with the upstream unreachable for at least
   * {@code offlineHours}, reconnects, and checks that the region converged with global control.
   */
  public static void offlineForHoursThenBack(
      Setup w, List<Op> before, List<Op> whileOffline, int offlineHours) throws Exception {
    run(w, before);
    w.scheduler().linkChanged(LinkState.AUTONOMOUS, w.clock().instant());
    w.reachable().accept(false);
    Instant back = w.clock().instant().plus(Duration.ofHours(offlineHours));
    run(w, whileOffline);
    if (w.clock().instant().isBefore(back)) {
      w.clock().set(back);
    }
    w.scheduler().tick(w.clock().instant());
    assertThat(w.scheduler().status()).isEqualTo(SyncStatus.OFFLINE);
    w.reachable().accept(true);
    w.scheduler().linkChanged(LinkState.INTERMITTENT, w.clock().instant());
    w.clock().advance(Duration.ofSeconds(1));
    SyncResult r = w.scheduler().tick(w.clock().instant()).orElseThrow();
    assertThat(r.succeeded()).as(r.message()).isTrue();

    assertThat(w.region().state()).isEqualTo(w.global().stateOf("eu"));
    assertThat(w.region().state().resolved()).isEqualTo(w.global().stateOf("eu").resolved());
    assertThat(w.region().outbox()).isEmpty();
    // Global wins the security-critical fields whenever it wrote them.
    for (FieldKey f : List.of(BASELINE, FieldKey.securityFix("openssl"))) {
      Optional<String> lastGlobal = lastWrite(before, whileOffline, f, true);
      if (lastGlobal.isPresent()) {
        assertThat(w.region().state().value(f)).isEqualTo(lastGlobal);
      }
    }
    Optional<String> lastRegional = lastWrite(before, whileOffline, NTP, false);
    if (lastRegional.isPresent()) {
      assertThat(w.region().state().value(NTP)).isEqualTo(lastRegional);
    }
    assertThat(w.scheduler().status())
        .isEqualTo(
            w.region().state().pendingConflicts().isEmpty()
                ? SyncStatus.IN_SYNC
                : SyncStatus.CONFLICTED);
  }

  private static Optional<String> lastWrite(
      List<Op> a, List<Op> b, FieldKey field, boolean byGlobal) {
    String last = null;
    for (List<Op> ops : List.of(a, b)) {
      for (Op o : ops) {
        if (o.field().equals(field) && o.byGlobal() == byGlobal) {
          last = o.value();
        }
      }
    }
    return Optional.ofNullable(last);
  }

  private static void run(Setup w, List<Op> ops) throws Exception {
    for (Op o : ops) {
      w.clock().advance(o.after());
      if (o.byGlobal()) {
        w.global().set("eu", o.field(), o.value());
      } else {
        w.region().set(o.field(), o.value());
      }
      w.scheduler().tick(w.clock().instant());
    }
  }
}
