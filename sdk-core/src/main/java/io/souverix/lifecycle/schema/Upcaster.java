package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns the payload of one event type from one schema version into the next: the step of an
 * upcasting chain that {@link Upcasters} runs on read, so that consumers only ever see the newest
 * version of an event while its stored form (and hash) stays untouched.
 *
 * <p>An upcaster must be a pure function of the payload: deterministic, without side effects, and
 * total on every payload valid under {@link #fromVersion()}. {@link Upcasters} validates its input
 * against the {@code fromVersion} schema and its output against the {@code fromVersion + 1} schema.
 *
 * @since 0.1
 */
public interface Upcaster {
  /**
   * Returns the event type this upcaster applies to.
   *
   * @return the dotted type name
   * @since 0.1
   */
  String typeName();

  /**
   * Returns the schema version this upcaster reads; it produces {@code fromVersion() + 1}.
   *
   * @return at least 1
   * @since 0.1
   */
  int fromVersion();

  /**
   * Converts a payload valid under {@link #fromVersion()} into one valid under the next version.
   *
   * @param payload a payload valid under the {@code fromVersion} schema; not null
   * @return the payload at {@code fromVersion + 1}; not null
   * @since 0.1
   */
  Payload upcast(Payload payload);

  /**
   * Creates an upcaster from a function.
   *
   * @param typeName the event type's dotted name; not null
   * @param fromVersion the version read, at least 1
   * @param function converts a {@code fromVersion} payload into a {@code fromVersion + 1} one; not
   *     null
   * @return the upcaster
   * @throws IllegalArgumentException if the name is malformed or {@code fromVersion} is below 1
   * @since 0.1
   */
  static Upcaster of(String typeName, int fromVersion, UnaryOperator<Payload> function) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(function, "function");
    if (fromVersion < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "fromVersion; expected at least 1, but got %d", fromVersion));
    }
    EventType.of(typeName, fromVersion + 1); // validates the name
    return new FunctionUpcaster(typeName, fromVersion, function);
  }
}
