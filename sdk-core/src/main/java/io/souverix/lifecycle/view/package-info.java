/**
 * The SDK's public JSON views (DESIGN.md section 4), produced from projections: {@link
 * io.souverix.lifecycle.view.HardwareLifecycle} from a {@link
 * io.souverix.lifecycle.projection.NodeRecord} and {@link
 * io.souverix.lifecycle.view.SoftwareLifecycle} from a {@link
 * io.souverix.lifecycle.projection.SoftwareRecord}. Each has a stable field order, snake_case
 * names, ISO 8601 times, and explicit {@code null} for unknown values; see {@code
 * docs/projections.md} for example documents.
 */
@NullMarked
package io.souverix.lifecycle.view;

import org.jspecify.annotations.NullMarked;
