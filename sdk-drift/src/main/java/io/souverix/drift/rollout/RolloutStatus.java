package io.souverix.drift.rollout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a rollout: its phase, waves and every target's progress, folded from its stream.
 *
 * @param rolloutId the rollout's id
 * @param change the change rolled out
 * @param phase where the rollout stands
 * @param currentWave the latest started wave, or -1 before the first
 * @param waves the node lists of the waves
 * @param nodes every target's progress, in rollout order
 * @param reason why the rollout was last paused or aborted; null if never
 * @param streamVersion the version of the rollout's stream this snapshot reflects
 * @since 0.1
 */
public record RolloutStatus(
    String rolloutId,
    DesiredChange change,
    RolloutPhase phase,
    int currentWave,
    List<List<String>> waves,
    List<NodeProgress> nodes,
    @Nullable String reason,
    long streamVersion) {

  /** Copies the lists. */
  public RolloutStatus {
    waves = List.copyOf(waves);
    nodes = List.copyOf(nodes);
  }

  /**
   * Returns how many targets are in each phase (every phase present, zeros included).
   *
   * @return phase to count
   */
  public Map<NodePhase, Integer> counts() {
    Map<NodePhase, Integer> m = new EnumMap<>(NodePhase.class);
    for (NodePhase p : NodePhase.values()) {
      m.put(p, 0);
    }
    nodes.forEach(n -> m.merge(n.phase(), 1, Integer::sum));
    return m;
  }

  /**
   * Returns the progress of one node.
   *
   * @param node the node id
   * @return the progress
   * @throws IllegalArgumentException if the node is not a target
   */
  public NodeProgress node(String node) {
    return nodes.stream()
        .filter(n -> n.node().equals(node))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        Locale.ROOT,
                        "node; expected a target of %s, but got '%s'",
                        rolloutId,
                        node)));
  }

  /**
   * Returns the snapshot as one line of JSON: {@code rollout_id, component, kind, version, phase,
   * current_wave, wave_count, reason, counts {phase: n}, nodes [{node, wave, phase, reason}]}, with
   * phases in lower case.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("rollout_id", rolloutId);
    o.put("component", change.component());
    o.put("kind", change.kind().jsonName());
    o.put("version", change.version());
    o.put("phase", phase.name().toLowerCase(Locale.ROOT));
    o.put("current_wave", currentWave);
    o.put("wave_count", waves.size());
    if (reason == null) {
      o.putNull("reason");
    } else {
      o.put("reason", reason);
    }
    ObjectNode counts = o.putObject("counts");
    counts().forEach((p, n) -> counts.put(p.name().toLowerCase(Locale.ROOT), n));
    ArrayNode list = o.putArray("nodes");
    for (NodeProgress n : nodes) {
      ObjectNode e = list.addObject();
      e.put("node", n.node());
      e.put("wave", n.wave());
      e.put("phase", n.phase().name().toLowerCase(Locale.ROOT));
      if (n.reason() == null) {
        e.putNull("reason");
      } else {
        e.put("reason", n.reason());
      }
    }
    return o.toString();
  }
}
