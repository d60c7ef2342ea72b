/**
 * The lifecycle state machine of fleet components: start with {@link
 * io.souverix.lifecycle.Lifecycle}, the facade that registers components, executes commands and
 * records evidence on an {@link io.souverix.lifecycle.spi.EventStore}.
 *
 * <p>The machine is closed: {@link io.souverix.lifecycle.HardwareState}, {@link
 * io.souverix.lifecycle.SoftwareState} and their commands are enums, and {@link
 * io.souverix.lifecycle.TransitionTable} holds every allowed transition with the ids of the {@link
 * io.souverix.lifecycle.Guard guards} it needs. A component's state is never stored: it is the left
 * fold {@link io.souverix.lifecycle.ComponentState#replay} of its event stream.
 *
 * @since 0.1
 */
@NullMarked
package io.souverix.lifecycle;

import org.jspecify.annotations.NullMarked;
