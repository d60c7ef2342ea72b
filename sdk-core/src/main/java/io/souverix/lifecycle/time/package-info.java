/**
 * Time as an injected dependency. Every time-dependent SDK type takes a {@link java.time.Clock};
 * tests and simulations pass a {@link io.souverix.lifecycle.time.ManualClock}.
 */
@NullMarked
package io.souverix.lifecycle.time;

import org.jspecify.annotations.NullMarked;
