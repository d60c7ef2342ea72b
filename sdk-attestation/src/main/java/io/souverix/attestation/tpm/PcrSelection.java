package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.QuoteException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The PCRs selected in one bank ({@code TPMS_PCR_SELECTION}).
 *
 * @param hash the bank; not null
 * @param pcrs the selected PCR indices, strictly ascending, each in [0, 31]
 * @since 0.1
 */
public record PcrSelection(TpmHash hash, List<Integer> pcrs) {
  /** PCR_SELECT_MAX: at most 4 bitmap bytes, so 32 PCRs. */
  static final int MAX_SELECT_BYTES = 4;

  /** TPML_PCR_SELECTION holds at most HASH_COUNT (16) selections. */
  static final int MAX_SELECTIONS = 16;

  /**
   * Checks and copies the selection.
   *
   * @param hash the bank; not null
   * @param pcrs the PCR indices; not null, strictly ascending, each in [0, 31]
   * @throws IllegalArgumentException if the indices are out of range or not strictly ascending
   */
  public PcrSelection {
    Objects.requireNonNull(hash, "hash");
    pcrs = List.copyOf(pcrs);
    int prev = -1;
    for (int p : pcrs) {
      if (p <= prev || p >= 8 * MAX_SELECT_BYTES) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "PCR selection; expected ascending indices in [0, 31], but got %s",
                pcrs));
      }
      prev = p;
    }
  }

  /** Reads a marshalled TPMS_PCR_SELECTION; {@code padded}: the C layout (4 bitmap bytes + 1). */
  static PcrSelection read(Marshal m, boolean padded) throws QuoteException {
    int alg = m.u16("pcrSelection hash");
    TpmHash hash =
        TpmHash.ofId(alg)
            .orElseThrow(
                () ->
                    QuoteException.of(
                        Code.PARSE_ERROR,
                        "PCR bank; expected sha1, sha256, sha384 or sha512, but got 0x%04x",
                        alg));
    int size = m.u8("sizeofSelect");
    if (size > MAX_SELECT_BYTES) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "sizeofSelect; expected at most %d, but got %d",
          MAX_SELECT_BYTES,
          size);
    }
    byte[] bitmap = m.bytes(padded ? MAX_SELECT_BYTES : size, "pcrSelect");
    if (padded) {
      m.skip(1, "padding");
    }
    List<Integer> pcrs = new ArrayList<>();
    for (int i = 0; i < 8 * size; i++) {
      if ((bitmap[i / 8] & (1 << (i % 8))) != 0) {
        pcrs.add(i);
      }
    }
    return new PcrSelection(hash, pcrs);
  }

  @Override
  public String toString() {
    return hash + ":" + pcrs;
  }
}
