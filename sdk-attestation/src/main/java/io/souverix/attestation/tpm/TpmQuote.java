package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.QuoteException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code TPMS_ATTEST} of type {@code TPM_ST_ATTEST_QUOTE}, as the TPM marshals it (what
 * {@code tpm2_quote -m} writes). Parsing checks structure only; {@link QuoteVerifier} checks the
 * signature and the content.
 *
 * @since 0.1
 */
public final class TpmQuote {
  /** {@code TPM_GENERATED_VALUE}: the TPM made this structure. */
  static final long MAGIC = 0xff544347L;

  /** {@code TPM_ST_ATTEST_QUOTE}. */
  static final int TYPE_QUOTE = 0x8018;

  /** A marshalled TPMS_ATTEST of a quote is far smaller; longer input is rejected unread. */
  static final int MAX_BYTES = 4096;

  private static final int MAX_NAME = 2 + 64;
  private static final int MAX_DATA = 64;
  private static final int MAX_DIGEST = 64;

  private final byte[] encoded;
  private final byte[] qualifiedSigner;
  private final byte[] extraData;
  private final ClockInfo clockInfo;
  private final long firmwareVersion;
  private final List<PcrSelection> selections;
  private final byte[] pcrDigest;

  private TpmQuote(
      byte[] encoded,
      byte[] qualifiedSigner,
      byte[] extraData,
      ClockInfo clockInfo,
      long firmwareVersion,
      List<PcrSelection> selections,
      byte[] pcrDigest) {
    this.encoded = encoded;
    this.qualifiedSigner = qualifiedSigner;
    this.extraData = extraData;
    this.clockInfo = clockInfo;
    this.firmwareVersion = firmwareVersion;
    this.selections = List.copyOf(selections);
    this.pcrDigest = pcrDigest;
  }

  /**
   * Parses a marshalled {@code TPMS_ATTEST}.
   *
   * @param message the bytes; not null, copied
   * @return the quote
   * @throws QuoteException {@link Code#NOT_A_QUOTE} if the magic is not {@code 0xff544347} or the
   *     type not {@code TPM_ST_ATTEST_QUOTE}; {@link Code#PARSE_ERROR} if the structure is
   *     truncated, has trailing bytes, a size out of range or an unknown PCR bank
   */
  public static TpmQuote parse(byte[] message) throws QuoteException {
    Objects.requireNonNull(message, "message");
    if (message.length > MAX_BYTES) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "TPMS_ATTEST length; expected at most %d bytes, but got %d",
          MAX_BYTES,
          message.length);
    }
    byte[] copy = message.clone();
    Marshal m = Marshal.bigEndian(copy, "TPMS_ATTEST");
    long magic = m.u32("magic");
    if (magic != MAGIC) {
      throw QuoteException.of(
          Code.NOT_A_QUOTE, "TPMS_ATTEST magic; expected 0xff544347, but got 0x%08x", magic);
    }
    int type = m.u16("type");
    if (type != TYPE_QUOTE) {
      throw QuoteException.of(
          Code.NOT_A_QUOTE,
          "TPMS_ATTEST type; expected 0x8018 (TPM_ST_ATTEST_QUOTE), but got 0x%04x",
          type);
    }
    byte[] signer = m.sized(MAX_NAME, "qualifiedSigner");
    byte[] extra = m.sized(MAX_DATA, "extraData");
    ClockInfo clock =
        new ClockInfo(m.u64("clock"), m.u32("resetCount"), m.u32("restartCount"), readSafe(m));
    long firmware = m.u64("firmwareVersion");
    int count = m.count(PcrSelection.MAX_SELECTIONS, "pcrSelect count");
    List<PcrSelection> selections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      selections.add(PcrSelection.read(m, false));
    }
    byte[] digest = m.sized(MAX_DIGEST, "pcrDigest");
    m.end();
    return new TpmQuote(copy, signer, extra, clock, firmware, selections, digest);
  }

  private static boolean readSafe(Marshal m) throws QuoteException {
    int safe = m.u8("safe");
    if (safe > 1) {
      throw QuoteException.of(
          Code.PARSE_ERROR, "clockInfo.safe; expected 0 or 1, but got %d", safe);
    }
    return safe == 1;
  }

  /**
   * Returns the marshalled structure, which is what the attestation key signed.
   *
   * @return a copy of the bytes
   */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Returns the qualified name of the signing key ({@code TPM2B_NAME}).
   *
   * @return a copy: the name algorithm (2 bytes) and digest
   */
  public byte[] qualifiedSigner() {
    return qualifiedSigner.clone();
  }

  /**
   * Returns {@code extraData}: the qualifying data (nonce) the quote was asked for.
   *
   * @return a copy
   */
  public byte[] extraData() {
    return extraData.clone();
  }

  /**
   * Returns the TPM's clock at signing.
   *
   * @return the clock information
   */
  public ClockInfo clockInfo() {
    return clockInfo;
  }

  /**
   * Returns the TPM vendor's firmware version.
   *
   * @return the 64-bit version, vendor-specific
   */
  public long firmwareVersion() {
    return firmwareVersion;
  }

  /**
   * Returns the quoted PCRs, in the order they were hashed into {@link #pcrDigest()}.
   *
   * @return the selections, unmodifiable
   */
  public List<PcrSelection> selections() {
    return selections;
  }

  /**
   * Returns the digest of the selected PCR values, made with the signing scheme's hash.
   *
   * @return a copy
   */
  public byte[] pcrDigest() {
    return pcrDigest.clone();
  }
}
