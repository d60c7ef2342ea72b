package io.souverix.drift;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A fleet's desired and actual state at one moment: the input of {@link DriftScorer#analyze}, and
 * the {@code FLEET.json} document of the {@code drift score} CLI.
 *
 * @param now the time the states refer to ({@code stale_by} is measured to it)
 * @param nodes the nodes, each id once
 * @since 0.1
 */
public record FleetState(Instant now, List<NodeState> nodes) {
  /** Checks the fields and copies the list. */
  public FleetState {
    Objects.requireNonNull(now, "now");
    nodes = List.copyOf(nodes);
  }

  /**
   * Parses a fleet document (the shape is in docs/drift.md).
   *
   * @param json the document text; not null
   * @return the fleet
   * @throws DriftException with {@code MALFORMED_JSON} if the text is not one JSON object, or
   *     {@code INVALID_INPUT} if a member is missing, mistyped or out of range, or a node id
   *     repeats
   * @since 0.1
   */
  public static FleetState parse(String json) throws DriftException {
    Objects.requireNonNull(json, "json");
    return DriftJson.fleet(json);
  }
}
