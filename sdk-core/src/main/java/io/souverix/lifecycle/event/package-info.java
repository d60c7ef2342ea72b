/**
 * The event model, the source of truth of the SDK. Start with {@link
 * io.souverix.lifecycle.event.NewEvent} (what a writer proposes) and {@link
 * io.souverix.lifecycle.event.RecordedEvent} (the hash-chained envelope a store returns); {@link
 * io.souverix.lifecycle.event.EventType} lists the catalogue, documented in {@code docs/events.md}.
 */
@NullMarked
package io.souverix.lifecycle.event;

import org.jspecify.annotations.NullMarked;
