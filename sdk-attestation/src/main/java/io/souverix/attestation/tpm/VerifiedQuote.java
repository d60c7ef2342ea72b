package io.souverix.attestation.tpm;

/**
 * A TPM quote that passed every check of a {@link QuoteVerifier}: signed by the attestation key,
 * carrying the expected nonce, with PCR values that hash to its PCR digest and match the golden
 * values. Only the verifier creates instances, so holding one proves the checks ran.
 *
 * @since 0.1
 */
public final class VerifiedQuote {
  private final TpmQuote quote;
  private final TpmSignature signature;
  private final PcrValues pcrs;

  VerifiedQuote(TpmQuote quote, TpmSignature signature, PcrValues pcrs) {
    this.quote = quote;
    this.signature = signature;
    this.pcrs = pcrs;
  }

  /**
   * Returns the quote.
   *
   * @return the parsed {@code TPMS_ATTEST}
   */
  public TpmQuote quote() {
    return quote;
  }

  /**
   * Returns the signature scheme the quote was signed with.
   *
   * @return the scheme
   */
  public TpmSignature.Scheme scheme() {
    return signature.scheme();
  }

  /**
   * Returns the quoted PCR values, proven by the PCR digest.
   *
   * @return the values
   */
  public PcrValues pcrs() {
    return pcrs;
  }
}
