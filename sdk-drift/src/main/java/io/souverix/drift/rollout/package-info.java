/**
 * Staged rollouts of a desired-state change to a fleet: start with {@link
 * io.souverix.drift.rollout.RolloutCoordinator}, which turns a {@link
 * io.souverix.drift.rollout.RolloutPlan} (targets, waves, failure-rate policy, maintenance windows)
 * into a {@link io.souverix.drift.rollout.Rollout} driven by explicit calls ({@code step()}, {@code
 * reportHealth}, {@code nodeReturned}, {@code pause}, {@code resume}, {@code abort}). Every
 * decision is an event on the stream {@code rollout/<id>}, and the rollout's state is a fold of
 * that stream, so a rollout survives a crash of its coordinator. Health is judged by a pluggable
 * {@link io.souverix.drift.rollout.RolloutGate}; reachability by a {@link
 * io.souverix.drift.rollout.NodeAvailability}.
 */
@NullMarked
package io.souverix.drift.rollout;

import org.jspecify.annotations.NullMarked;
