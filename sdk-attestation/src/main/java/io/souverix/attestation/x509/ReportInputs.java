package io.souverix.attestation.x509;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The inputs of one validation, kept by its {@link ChainVerification} so that a {@link
 * VerificationReport} can record their digests. Holding references costs the validation nothing;
 * the digests are computed only when a report is made.
 *
 * @param options the validator's anchors, CRLs and options
 * @param leaf the leaf as given
 * @param intermediates the untrusted intermediates as given, in order
 */
record ReportInputs(
    ReportOptions options, X509Certificate leaf, List<X509Certificate> intermediates) {
  static ReportInputs of(
      ReportOptions options, X509Certificate leaf, List<X509Certificate> intermediates) {
    // Not List.copyOf: validate skips a null intermediate rather than throwing.
    return new ReportInputs(
        options, leaf, Collections.unmodifiableList(new ArrayList<>(intermediates)));
  }
}
