package io.souverix.cli;

import java.util.Objects;

/** A failure that a command reports as one typed line on stderr, with the exit code of its kind. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong; decides the exit code. */
  enum Kind {
    /** The command line is malformed. */
    USAGE(2),
    /** An input file is missing, unreadable or not what the command needs. */
    INPUT(2),
    /** A named thing (a node) does not exist in the input. */
    NOT_FOUND(2),
    /** A check ran and failed (for example a broken hash chain). */
    CHECK_FAILED(1),
    /** The operation itself failed. */
    FAILED(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  CliException(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  CliException(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  Kind kind() {
    return kind;
  }
}
