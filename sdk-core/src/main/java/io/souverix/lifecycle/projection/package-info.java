/**
 * Read models built only from events: the projection framework and the SDK's built-in projections.
 *
 * <p>Start with {@link io.souverix.lifecycle.projection.ProjectionRunner}: it feeds {@link
 * io.souverix.lifecycle.projection.Projection}s from an {@link
 * io.souverix.lifecycle.spi.EventStore}'s global order, rebuilding from position 0 or resuming from
 * a checkpoint kept in a {@link io.souverix.lifecycle.projection.CheckpointStore}, and can run one
 * partition of a {@link io.souverix.lifecycle.projection.Partitioning} so several workers share a
 * fleet. The built-in projections are {@link io.souverix.lifecycle.projection.CurrentState}, {@link
 * io.souverix.lifecycle.projection.Connectivity} and {@link
 * io.souverix.lifecycle.projection.Timeline}; {@link io.souverix.lifecycle.projection.Inventory}
 * queries a {@code CurrentState} through indexes it keeps up to date. See {@code
 * docs/projections.md}.
 */
@NullMarked
package io.souverix.lifecycle.projection;

import org.jspecify.annotations.NullMarked;
