/**
 * JSON Schemas of the event catalogue, validation of payloads against them, and upcasting of older
 * schema versions on read.
 *
 * <p>Start with {@link io.souverix.lifecycle.schema.EventSchemas#builtIn()}: it holds one JSON
 * Schema per event type and schema version of the catalogue (shipped as resources {@code
 * io/souverix/lifecycle/schemas/<type>.v<N>.schema.json} and rendered in {@code docs/events.md}).
 * Wrap a store with {@link io.souverix.lifecycle.schema.EventSchemas#validating} so that no payload
 * that violates its schema is ever written, and pass events read back through {@link
 * io.souverix.lifecycle.schema.Upcasters#upcast} to see every event at its newest schema version.
 *
 * <h2>The schema subset</h2>
 *
 * Schemas are JSON Schema draft 2020-12, restricted to the keywords {@code type} (a name or an
 * array of names), {@code properties}, {@code required}, {@code additionalProperties} (a boolean),
 * {@code enum}, {@code const}, {@code minimum}, {@code maximum}, {@code minLength}, {@code
 * maxLength}, {@code pattern} (a {@link java.util.regex.Pattern}, matched anywhere in the value
 * unless anchored), {@code format} ({@code date-time}, {@code date}, {@code uuid}; asserted, not
 * just annotated), {@code items} and {@code minItems}, plus the annotations {@code title}, {@code
 * description} and {@code $comment}, and at the root {@code $schema}, {@code $id} and {@code
 * x-lifecycle-phase}. Any other keyword fails the schema when it is loaded, so that a misspelt or
 * unsupported rule can never be silently ignored.
 */
@NullMarked
package io.souverix.lifecycle.schema;

import org.jspecify.annotations.NullMarked;
