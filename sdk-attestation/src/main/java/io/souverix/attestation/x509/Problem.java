package io.souverix.attestation.x509;

import java.util.Locale;

/** A failed check: its reason code and explanation. Control flow only, so no stack trace. */
final class Problem extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode code;
  private final String check;

  Problem(ReasonCode code, String check, String detail) {
    super(detail, null, false, false);
    this.code = code;
    this.check = check;
  }

  static Problem of(ReasonCode code, String check, String format, Object... args) {
    return new Problem(code, check, String.format(Locale.ROOT, format, args));
  }

  ReasonCode code() {
    return code;
  }

  String check() {
    return check;
  }
}
