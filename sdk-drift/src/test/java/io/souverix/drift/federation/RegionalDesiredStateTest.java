package io.souverix.drift.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RegionalDesiredStateTest {
  static final FieldKey AGENT = FieldKey.componentVersion("agent");
  static final FieldKey OS = FieldKey.componentVersion("os");
  static final FieldKey NTP = FieldKey.configObject("ntp");
  static final FieldKey SHARED = FieldKey.configObject("shared");
  static final FieldKey BASELINE = FieldKey.policyVersion("baseline");
  static final FieldKey OPENSSL = FieldKey.securityFix("openssl");
  static final AuthorityRules RULES =
      AuthorityRules.defaults().with(SHARED, AuthorityRule.HUMAN_DECISION);

  static FieldUpdate u(FieldKey f, String v, Authority a, long t) {
    String origin = a == Authority.REGION ? "eu" : "global";
    return new FieldUpdate(f, v, a, new HybridTimestamp(t, 0, origin));
  }

  static RegionalDesiredState empty() {
    return RegionalDesiredState.empty("eu", RULES);
  }

  @Test
  void resolve_policyVersionLaterRegionWrite_globalWins() {
    RegionalDesiredState s =
        empty()
            .apply(u(BASELINE, "7", Authority.GLOBAL, 10))
            .apply(u(BASELINE, "6", Authority.REGION, 20));
    assertThat(s.value(BASELINE)).contains("7");
    assertThat(s.pendingConflicts()).isEmpty();
  }

  @Test
  void resolve_securityFixRegionAlone_regionValueApplies() {
    RegionalDesiredState s = empty().apply(u(OPENSSL, "3.0.14", Authority.REGION, 5));
    assertThat(s.value(OPENSSL)).contains("3.0.14");
  }

  @Test
  void resolve_configObjectLaterGlobalWrite_regionWins() {
    RegionalDesiredState s =
        empty()
            .apply(u(NTP, "{\"server\":\"eu.pool\"}", Authority.REGION, 10))
            .apply(u(NTP, "{\"server\":\"pool\"}", Authority.GLOBAL, 20));
    assertThat(s.value(NTP)).contains("{\"server\":\"eu.pool\"}");
  }

  @Test
  void resolve_componentVersion_greaterTimestampWins() {
    RegionalDesiredState s =
        empty()
            .apply(u(AGENT, "2.4.1", Authority.GLOBAL, 30))
            .apply(u(AGENT, "2.4.0", Authority.REGION, 20));
    assertThat(s.value(AGENT)).contains("2.4.1");
    assertThat(s.apply(u(AGENT, "2.5.0", Authority.REGION, 31)).value(AGENT)).contains("2.5.0");
  }

  @Test
  void resolve_humanDecisionFieldChangedByBoth_pendingConflictUntilDecided() {
    FieldUpdate g = u(SHARED, "a", Authority.GLOBAL, 10);
    FieldUpdate r = u(SHARED, "b", Authority.REGION, 12);
    RegionalDesiredState s = empty().apply(g).apply(r);
    assertThat(s.pendingConflicts()).containsExactly(new PendingConflict(SHARED, g, r, "a"));
    assertThat(s.value(SHARED)).contains("a");

    RegionalDesiredState decided = s.apply(u(SHARED, "c", Authority.HUMAN, 13));
    assertThat(decided.pendingConflicts()).isEmpty();
    assertThat(decided.value(SHARED)).contains("c");

    // One side changes it after the decision: no conflict, that change applies.
    RegionalDesiredState later = decided.apply(u(SHARED, "d", Authority.REGION, 14));
    assertThat(later.pendingConflicts()).isEmpty();
    assertThat(later.value(SHARED)).contains("d");
  }

  @Test
  void resolve_humanDecisionFieldSameValueByBoth_noConflict() {
    RegionalDesiredState s =
        empty()
            .apply(u(SHARED, "a", Authority.GLOBAL, 10))
            .apply(u(SHARED, "a", Authority.REGION, 12));
    assertThat(s.pendingConflicts()).isEmpty();
    assertThat(s.value(SHARED)).contains("a");
  }

  @Test
  void updatesSince_earlierReplica_returnsOnlyNewRegisterWinners() {
    RegionalDesiredState a = empty().apply(u(AGENT, "1", Authority.GLOBAL, 1));
    FieldUpdate n1 = u(AGENT, "2", Authority.GLOBAL, 2);
    FieldUpdate n2 = u(NTP, "{}", Authority.REGION, 3);
    RegionalDesiredState b = a.apply(n2).apply(n1);
    assertThat(b.updatesSince(a)).containsExactly(n1, n2);
    assertThat(empty().applyAll(b.updates())).isEqualTo(b);
  }

  @Test
  void merge_otherRegion_rejected() {
    assertThatThrownBy(() -> empty().merge(RegionalDesiredState.empty("us", RULES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a replica of eu");
  }

  // ---- convergence (CRDT laws)

  @Provide
  Arbitrary<List<FieldUpdate>> updates() {
    Arbitrary<FieldKey> field = Arbitraries.of(AGENT, OS, NTP, SHARED, BASELINE, OPENSSL);
    Arbitrary<String> value = Arbitraries.of("v0", "v1", "v2", "v3");
    Arbitrary<Authority> authority = Arbitraries.of(Authority.class);
    Arbitrary<Long> millis = Arbitraries.longs().between(0, 30);
    Arbitrary<Integer> logical = Arbitraries.integers().between(0, 2);
    Arbitrary<String> humanOrigin = Arbitraries.of("global", "eu");
    return Combinators.combine(field, value, authority, millis, logical, humanOrigin)
        .as(
            (f, v, a, t, c, h) ->
                new FieldUpdate(
                    f,
                    v,
                    a,
                    new HybridTimestamp(
                        t, c, a == Authority.GLOBAL ? "global" : a == Authority.REGION ? "eu" : h)))
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 300)
  void applyAll_anyOrderWithDuplicates_sameState(
      @ForAll("updates") List<FieldUpdate> updates, @ForAll long seed) {
    Random random = new Random(seed);
    List<FieldUpdate> shuffled = new ArrayList<>(updates);
    for (FieldUpdate x : updates) {
      if (random.nextInt(3) == 0) {
        shuffled.add(x);
      }
    }
    Collections.shuffle(shuffled, random);
    RegionalDesiredState inOrder = empty();
    for (FieldUpdate x : updates) {
      inOrder = inOrder.apply(x);
    }
    RegionalDesiredState other = empty();
    for (FieldUpdate x : shuffled) {
      other = other.apply(x);
    }
    assertThat(other).isEqualTo(inOrder);
    assertThat(other.resolved()).isEqualTo(inOrder.resolved());
    assertThat(other.pendingConflicts()).isEqualTo(inOrder.pendingConflicts());
  }

  @Property(tries = 300)
  void merge_anyStates_commutativeAssociativeIdempotent(
      @ForAll("updates") List<FieldUpdate> a,
      @ForAll("updates") List<FieldUpdate> b,
      @ForAll("updates") List<FieldUpdate> c) {
    RegionalDesiredState x = empty().applyAll(a);
    RegionalDesiredState y = empty().applyAll(b);
    RegionalDesiredState z = empty().applyAll(c);
    assertThat(x.merge(y)).isEqualTo(y.merge(x));
    assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
    assertThat(x.merge(x)).isEqualTo(x);
    assertThat(x.merge(y).merge(y)).isEqualTo(x.merge(y));
  }

  @Property(tries = 300)
  void merge_replicasEachGivenAPartOfTheUpdates_convergeToTheWhole(
      @ForAll("updates") List<FieldUpdate> updates, @ForAll long seed) {
    Random random = new Random(seed);
    int replicas = 1 + random.nextInt(4);
    List<RegionalDesiredState> parts = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      parts.add(empty());
    }
    for (FieldUpdate x : updates) {
      int i = random.nextInt(replicas);
      parts.set(i, parts.get(i).apply(x));
    }
    Collections.shuffle(parts, random);
    RegionalDesiredState merged = empty();
    for (RegionalDesiredState p : parts) {
      merged = p.merge(merged);
    }
    assertThat(merged).isEqualTo(empty().applyAll(updates));
  }
}
