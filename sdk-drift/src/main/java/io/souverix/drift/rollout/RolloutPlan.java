package io.souverix.drift.rollout;

import io.souverix.lifecycle.event.Payload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rollout does: one {@link DesiredChange} to a list of {@link Target}s, in waves, under a
 * {@link FailurePolicy}, inside {@link MaintenanceWindow}s. Its JSON form (docs/drift.md, section
 * "Rollouts") is both the file {@code souverix rollout start --plan} reads and the payload of
 * {@code rollout.started}.
 *
 * @since 0.1
 */
public final class RolloutPlan {
  /** Most targets one rollout may have, so that its plan fits one event payload. */
  public static final int MAX_TARGETS = 2_000;

  private static final Pattern ROLLOUT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final String rolloutId;
  private final DesiredChange change;
  private final String source;
  private final List<Target> targets;
  private final List<WaveSpec> waves;
  private final FailurePolicy policy;
  private final List<MaintenanceWindow> windows;

  private RolloutPlan(Builder b) {
    this.rolloutId = b.rolloutId;
    this.change = b.change;
    this.source = b.source;
    this.targets = List.copyOf(b.targets);
    this.waves = List.copyOf(b.waves);
    this.policy = b.policy;
    this.windows = List.copyOf(b.windows);
  }

  /**
   * Starts a builder.
   *
   * @param rolloutId the rollout's id: 1 to 100 of {@code A-Z a-z 0-9 . _ -}
   * @param change the change to roll out
   * @return a new builder
   * @throws IllegalArgumentException if the id is malformed
   */
  public static Builder newBuilder(String rolloutId, DesiredChange change) {
    Objects.requireNonNull(rolloutId, "rolloutId");
    if (!ROLLOUT_ID.matcher(rolloutId).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "rollout_id; expected 1 to 100 of A-Z a-z 0-9 . _ -, but got '%s'",
              rolloutId));
    }
    return new Builder(rolloutId, Objects.requireNonNull(change, "change"));
  }

  /**
   * Parses a plan from its JSON form; members other than {@code rollout_id}, {@code change} and
   * {@code targets} are optional and take their defaults.
   *
   * @param json the plan document
   * @return the plan
   * @throws RolloutException {@code MALFORMED_PLAN} if the text is not a JSON object, {@code
   *     INVALID_PLAN} if a member is missing, unknown or out of range
   */
  public static RolloutPlan parse(String json) throws RolloutException {
    return PlanJson.parse(Objects.requireNonNull(json, "json"));
  }

  /**
   * Returns the plan's JSON form with every member present, as recorded in {@code rollout.started}.
   *
   * @return the canonical payload
   */
  public Payload toPayload() {
    return PlanJson.toPayload(this);
  }

  /**
   * @return the rollout's id
   */
  public String rolloutId() {
    return rolloutId;
  }

  /**
   * @return the change rolled out
   */
  public DesiredChange change() {
    return change;
  }

  /**
   * @return the master of record named in each node's {@code node.desired_state_changed}
   */
  public String source() {
    return source;
  }

  /**
   * @return the targets, in rollout order
   */
  public List<Target> targets() {
    return targets;
  }

  /**
   * @return the wave specs as given (may be empty: one wave of all targets)
   */
  public List<WaveSpec> waves() {
    return waves;
  }

  /**
   * @return the failure-rate policy
   */
  public FailurePolicy policy() {
    return policy;
  }

  /**
   * @return the maintenance windows
   */
  public List<MaintenanceWindow> windows() {
    return windows;
  }

  /**
   * Returns the node lists of the waves: the specs applied in order to the targets in order, the
   * last spec repeating until every target has exactly one wave.
   *
   * @return the waves, each non-empty
   */
  public List<List<String>> assignWaves() {
    List<List<String>> out = new ArrayList<>();
    int total = targets.size();
    int next = 0;
    int i = 0;
    while (next < total) {
      int size = waves.isEmpty() ? total : waves.get(Math.min(i, waves.size() - 1)).nodesOf(total);
      int end = Math.min(total, next + size);
      List<String> wave = new ArrayList<>();
      for (int k = next; k < end; k++) {
        wave.add(targets.get(k).node());
      }
      out.add(List.copyOf(wave));
      next = end;
      i++;
    }
    return List.copyOf(out);
  }

  /** Whether wave {@code index} is a canary wave (only the first wave can be). */
  boolean isCanary(int index) {
    return index == 0 && !waves.isEmpty() && waves.get(0).kind() == WaveSpec.Kind.CANARY;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutPlan && ((RolloutPlan) o).toPayload().equals(toPayload());
  }

  @Override
  public int hashCode() {
    return toPayload().hashCode();
  }

  @Override
  public String toString() {
    return "RolloutPlan[" + rolloutId + ": " + change + " to " + targets.size() + " nodes]";
  }

  /** A builder of {@link RolloutPlan}; mutable and not thread-safe. */
  public static final class Builder {
    private final String rolloutId;
    private final DesiredChange change;
    private String source = "global";
    private final List<Target> targets = new ArrayList<>();
    private final List<WaveSpec> waves = new ArrayList<>();
    private FailurePolicy policy = FailurePolicy.defaults();
    private final List<MaintenanceWindow> windows = new ArrayList<>();

    private Builder(String rolloutId, DesiredChange change) {
      this.rolloutId = rolloutId;
      this.change = change;
    }

    /**
     * Sets the master of record; defaults to {@code global}.
     *
     * @param source 1 to 200 characters
     * @return this builder
     */
    public Builder source(String source) {
      this.source = Checks.text(source, "source", 200);
      return this;
    }

    /**
     * Adds a target.
     *
     * @param target the target
     * @return this builder
     */
    public Builder target(Target target) {
      targets.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    /**
     * Adds targets.
     *
     * @param more the targets, in order
     * @return this builder
     */
    public Builder targets(List<Target> more) {
      more.forEach(this::target);
      return this;
    }

    /**
     * Adds a wave spec.
     *
     * @param wave the spec
     * @return this builder
     */
    public Builder wave(WaveSpec wave) {
      waves.add(Objects.requireNonNull(wave, "wave"));
      return this;
    }

    /**
     * Sets the failure-rate policy; defaults to {@link FailurePolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(FailurePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a maintenance window.
     *
     * @param window the window
     * @return this builder
     */
    public Builder window(MaintenanceWindow window) {
      windows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * Builds the plan.
     *
     * @return the plan
     * @throws IllegalArgumentException if there is no target, more than {@link #MAX_TARGETS}, a
     *     repeated target, a canary that is not the first wave, or a window of a node that is not a
     *     target
     */
    public RolloutPlan build() {
      if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "targets; expected 1 to %d, but got %d", MAX_TARGETS, targets.size()));
      }
      Set<String> seen = new HashSet<>();
      for (Target t : targets) {
        if (!seen.add(t.node())) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "targets; expected each node once, but got '%s' twice", t.node()));
        }
      }
      for (int i = 1; i < waves.size(); i++) {
        if (waves.get(i).kind() == WaveSpec.Kind.CANARY) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "waves; expected a canary only as the first wave, but got one at %d",
                  i));
        }
      }
      for (MaintenanceWindow w : windows) {
        if (w.node() != null && !seen.contains(w.node())) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "windows; expected windows of target nodes, but got one of '%s'",
                  w.node()));
        }
      }
      return new RolloutPlan(this);
    }
  }
}
