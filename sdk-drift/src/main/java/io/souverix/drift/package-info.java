/**
 * Desired versus actual state: drift scoring and the sync debt of disconnected nodes. Start with
 * {@link io.souverix.drift.ReplayRate}, the measured replay speed behind a returning node's ETA.
 */
@NullMarked
package io.souverix.drift;

import org.jspecify.annotations.NullMarked;
