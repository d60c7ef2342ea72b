package io.souverix.lifecycle.schema;

import java.util.Objects;

/**
 * One rule of a schema that a payload broke.
 *
 * @param pointer the RFC 6901 JSON Pointer of the failing value within the payload, such as {@code
 *     "/manufacturing/batch_id"}; the empty string is the payload itself, and for a missing
 *     required property it points where the property should be
 * @param keyword the schema keyword that failed, such as {@code "type"} or {@code "required"}
 * @param message what is wrong, in the shape {@code "expected <x>, but got <y>"}
 * @since 0.1
 */
public record Violation(String pointer, String keyword, String message) {
  /** Checks the components. */
  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns the violation as {@code "<pointer>: <message>"}, with {@code "(payload)"} for the empty
   * pointer.
   *
   * @return a one-line description
   */
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(payload)" : pointer) + ": " + message;
  }
}
