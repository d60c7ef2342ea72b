package io.souverix.supplychain.sbom;

import java.util.List;
import java.util.Objects;

/**
 * A byte sequence that is not a CycloneDX BOM this SDK accepts: it names what failed ({@link
 * #code()}), where ({@link #location()}) and every reason found ({@link #problems()}).
 *
 * @since 0.1
 */
public final class SbomParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure; stable, for callers to branch on. */
  public enum Code {
    /** The input is larger than the parser's size limit. */
    TOO_LARGE,
    /** The input nests deeper than the parser's depth limit. */
    TOO_DEEP,
    /** The input is neither JSON nor XML, or is not well-formed. */
    MALFORMED,
    /** The XML declares a DOCTYPE; DTDs and external entities are never processed. */
    DOCTYPE_FORBIDDEN,
    /** The input is JSON or XML but not a CycloneDX document. */
    NOT_CYCLONEDX,
    /** The declared spec version is not one of 1.2 to 1.6. */
    UNSUPPORTED_SPEC_VERSION,
    /** The document breaks the schema of the spec version it declares. */
    SCHEMA_INVALID,
    /** The document passed the schema but its content is inconsistent or cannot be read. */
    CONTENT_INVALID
  }

  private final Code code;
  private final String location;
  private final transient List<String> problems;

  SbomParseException(Code code, String location, List<String> problems) {
    super(message(code, location, problems));
    this.code = Objects.requireNonNull(code, "code");
    this.location = Objects.requireNonNull(location, "location");
    this.problems = List.copyOf(problems);
  }

  SbomParseException(Code code, String location, String problem) {
    this(code, location, List.of(problem));
  }

  private static String message(Code code, String location, List<String> problems) {
    String first = problems.isEmpty() ? "" : problems.get(0);
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
    return code + " at " + location + ": " + first + more;
  }

  /**
   * The kind of failure.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }

  /**
   * Where the failure was found: {@code line L, column C} for syntax and XML schema errors, a JSON
   * pointer or path for JSON schema errors, {@code document} when it concerns the whole input.
   *
   * @return the location of the first problem
   * @since 0.1
   */
  public String location() {
    return location;
  }

  /**
   * Every reason found, each on its own; at least one.
   *
   * @return the reasons, in document order where known
   * @since 0.1
   */
  public List<String> problems() {
    return problems == null ? List.of(getMessage()) : problems;
  }
}
