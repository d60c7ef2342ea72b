package io.souverix.drift.rollout;

import org.jspecify.annotations.Nullable;

/**
 * One target node's progress in a rollout.
 *
 * @param node the node id
 * @param wave the node's wave, from 0
 * @param phase where it stands
 * @param reason why it failed, was deferred or rolled back; null otherwise
 * @since 0.1
 */
public record NodeProgress(String node, int wave, NodePhase phase, @Nullable String reason) {}
