package io.souverix.lifecycle.schema;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A payload was rejected by the event schemas: its type or schema version is unknown, it violates
 * its schema, or upcasting it failed. {@link #code()} tells which; {@link #violations()} lists the
 * broken rules, so callers never parse messages.
 *
 * @since 0.1
 */
public final class SchemaViolationException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_LISTED = 10;

  /** Stable reasons for a rejection. */
  public enum Code {
    /** No schema is known for the event type (and the type is not exempt). */
    UNKNOWN_TYPE,
    /** The type is known, but not at this schema version, or there is no way to upcast it. */
    UNKNOWN_VERSION,
    /** The payload violates its schema; {@link #violations()} says where and how. */
    VIOLATION,
    /** An upcaster failed, or produced a payload that violates the next version's schema. */
    UPCAST_FAILED
  }

  private final Code code;
  private final String type;
  private final int schemaVersion;
  private final List<Violation> violations;

  private SchemaViolationException(
      Code code,
      String type,
      int schemaVersion,
      String message,
      List<Violation> violations,
      @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.violations = List.copyOf(violations);
  }

  static SchemaViolationException unknownType(String type, int schemaVersion) {
    return new SchemaViolationException(
        Code.UNKNOWN_TYPE,
        type,
        schemaVersion,
        String.format(
            Locale.ROOT,
            "event type '%s' has no schema; expected a built-in type or a registered vendor"
                + " schema, but got none",
            type),
        List.of(),
        null);
  }

  static SchemaViolationException unknownVersion(String type, int schemaVersion, String expected) {
    return new SchemaViolationException(
        Code.UNKNOWN_VERSION,
        type,
        schemaVersion,
        String.format(
            Locale.ROOT,
            "schema version of event type '%s'; expected %s, but got %d",
            type,
            expected,
            schemaVersion),
        List.of(),
        null);
  }

  static SchemaViolationException violation(
      String type, int schemaVersion, List<Violation> violations) {
    return new SchemaViolationException(
        Code.VIOLATION,
        type,
        schemaVersion,
        String.format(
            Locale.ROOT,
            "payload of %s v%d violates its schema; expected no violations, but got %d: %s",
            type,
            schemaVersion,
            violations.size(),
            list(violations)),
        violations,
        null);
  }

  static SchemaViolationException upcastFailed(
      String type,
      int fromVersion,
      String what,
      List<Violation> violations,
      @Nullable Throwable cause) {
    return new SchemaViolationException(
        Code.UPCAST_FAILED,
        type,
        fromVersion,
        String.format(
            Locale.ROOT,
            "upcasting %s from v%d to v%d failed; expected a valid v%d payload, but got %s",
            type,
            fromVersion,
            fromVersion + 1,
            fromVersion + 1,
            violations.isEmpty() ? what : what + ": " + list(violations)),
        violations,
        cause);
  }

  private static String list(List<Violation> violations) {
    String listed =
        violations.stream()
            .limit(MAX_LISTED)
            .map(Violation::toString)
            .collect(Collectors.joining("; "));
    return violations.size() > MAX_LISTED
        ? listed + String.format(Locale.ROOT, "; and %d more", violations.size() - MAX_LISTED)
        : listed;
  }

  /**
   * Returns the stable reason.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }

  /**
   * Returns the event type of the rejected payload.
   *
   * @return the dotted type name
   * @since 0.1
   */
  public String type() {
    return type;
  }

  /**
   * Returns the schema version of the rejected payload (for {@link Code#UPCAST_FAILED}, the version
   * the failing upcaster started from).
   *
   * @return the version
   * @since 0.1
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Returns the broken rules, in document order.
   *
   * @return an unmodifiable list; empty for {@link Code#UNKNOWN_TYPE} and {@link
   *     Code#UNKNOWN_VERSION}
   * @since 0.1
   */
  public List<Violation> violations() {
    return violations;
  }
}
