package io.souverix.cli;

import io.souverix.drift.DriftProjection;
import io.souverix.drift.DriftScorer;
import io.souverix.drift.NodeState;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --db} input of {@code drift score} and {@code sync-debt}: the drift projection rebuilt
 * from a store, and the {@code --at} time.
 */
final class StoreDrift {
  private StoreDrift() {}

  /** Rebuilds the drift projection of the store file. */
  static DriftProjection load(Path db) throws Exception {
    DriftProjection projection = DriftProjection.create(DriftScorer.withDefaults());
    try (SqliteEventStore store = Stores.openExisting(db);
        ProjectionRunner runner =
            ProjectionRunner.builder(store)
                .add(projection)
                .checkpointEvery(Integer.MAX_VALUE)
                .build()) {
      runner.rebuild();
    }
    return projection;
  }

  /** The nodes to score: one ({@code --node}) or every node with a desired state. */
  static List<NodeState> nodes(DriftProjection projection, Path db, @Nullable String node)
      throws CliException {
    if (node == null) {
      return projection.nodeStates();
    }
    return List.of(
        projection
            .nodeState(node)
            .orElseThrow(
                () ->
                    new CliException(
                        CliException.Kind.NOT_FOUND,
                        String.format(
                            Locale.ROOT,
                            "node '%s'; expected a node with a desired state in %s, but got none",
                            node,
                            db))));
  }

  /** Parses {@code --at}, or returns the current time. */
  static Instant at(@Nullable String at) throws CliException {
    if (at == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException e) {
      throw new CliException(
          CliException.Kind.USAGE,
          String.format(
              Locale.ROOT,
              "--at; expected an RFC 3339 time such as 2026-02-27T03:45:00Z, but got %s",
              at));
    }
  }
}
