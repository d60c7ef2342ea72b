package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.ComponentKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The current state of one component as {@link CurrentState} folded it from the component's stream:
 * a {@link NodeRecord} or a {@link SoftwareRecord}. Values are immutable.
 *
 * @since 0.1
 */
public sealed interface ComponentRecord permits NodeRecord, SoftwareRecord {
  /**
   * Returns the component id, which is its stream id.
   *
   * @return the id
   */
  String id();

  /**
   * Returns whether this is hardware or software.
   *
   * @return the kind
   */
  ComponentKind kind();

  /**
   * Returns the lifecycle state, the upper-case name the state machine wrote in the latest {@code
   * lifecycle.state_changed} ({@code "ACTIVE"}, {@code "RUNNING"}, ...).
   *
   * @return the state, or null if no state change was recorded yet
   */
  @Nullable String lifecycleState();

  /**
   * Returns the region: from the registration payload for nodes, from the envelope otherwise.
   *
   * @return the region, or null if unknown
   */
  @Nullable String region();

  /**
   * Returns the version of the component's stream: the sequence of the last event folded.
   *
   * @return at least 1
   */
  long version();

  /**
   * Returns the global position of the last event folded.
   *
   * @return at least 1
   */
  long position();

  /**
   * Returns when the last event folded happened ({@code occurredAt}).
   *
   * @return the time of the last change
   */
  Instant updatedAt();
}
