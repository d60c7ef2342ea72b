package io.souverix.tck;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one conformance rule in one run.
 *
 * @param spi the SPI the rule belongs to, e.g. {@code "EventStore"}
 * @param ruleId the rule id, e.g. {@code "ES-3.1"}
 * @param method the rule's method name, e.g. {@code
 *     "required_ES301_staleExpectedVersionIsRejected"}
 * @param statement the rule's display name without its id
 * @param status passed, failed or skipped
 * @param message the failure message or the reason for skipping; empty when passed
 * @since 0.1
 */
public record RuleResult(
    String spi, String ruleId, String method, String statement, Status status, String message) {
  private static final Pattern ID = Pattern.compile("^([A-Z]{2,3}-\\d+\\.\\d+)\\s+(.*)$");

  /** How a rule ended. */
  public enum Status {
    /** The rule held. */
    PASSED,
    /** The rule was violated, or the test broke. */
    FAILED,
    /** The rule did not run: the store opted out of the capability it tests. */
    SKIPPED
  }

  /** Validates. */
  public RuleResult {
    Objects.requireNonNull(spi, "spi");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Splits a display name such as {@code "ES-3.1 a stale ..."} into id and statement.
   *
   * @param displayName the test's display name
   * @return {id, statement}; the id is empty if the name has none
   */
  static String[] splitDisplayName(String displayName) {
    Matcher m = ID.matcher(displayName);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {"", displayName};
  }

  /**
   * Returns whether the rule is required (its method starts with {@code required_}).
   *
   * @return true for required rules
   */
  public boolean required() {
    return method.startsWith("required_");
  }
}
