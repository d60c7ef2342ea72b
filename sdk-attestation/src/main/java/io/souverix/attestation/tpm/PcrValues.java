package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.QuoteException.Code;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * PCR values as {@code tpm2_quote -o} writes them in tpm2-tools 5.x's default {@code serialized}
 * format: the C structures in the host's byte order (little endian), a {@code TPML_PCR_SELECTION}
 * (a 32-bit count and always 16 entries of 8 bytes: hash, sizeofSelect, 4 bitmap bytes, 1 byte of
 * padding), a 32-bit count of digest lists, then that many {@code TPML_DIGEST} (a 32-bit count of
 * at most 8 and always 8 entries of a 16-bit size and 64 bytes). The values follow the selection
 * order: banks as selected, PCRs ascending.
 *
 * @since 0.1
 */
public final class PcrValues {
  private static final int SELECTION_BYTES = 4 + PcrSelection.MAX_SELECTIONS * 8;
  private static final int DIGESTS_PER_LIST = 8;
  private static final int DIGEST_BUFFER = 64;
  private static final int MAX_LISTS = 32;

  private final List<PcrSelection> selections;
  private final Map<TpmHash, SortedMap<Integer, byte[]>> banks;

  private PcrValues(List<PcrSelection> selections, Map<TpmHash, SortedMap<Integer, byte[]>> banks) {
    this.selections = List.copyOf(selections);
    this.banks = banks;
  }

  /**
   * Parses a PCR values file in tpm2-tools' serialized format.
   *
   * @param file the file's bytes; not null
   * @return the values
   * @throws QuoteException {@link Code#PARSE_ERROR} if the file is truncated or too long, a count
   *     or size is out of range, a bank is selected twice, or the number of values or a value's
   *     length does not fit the selection
   */
  public static PcrValues parse(byte[] file) throws QuoteException {
    Objects.requireNonNull(file, "file");
    Marshal m = Marshal.littleEndian(file, "PCR values file");
    int count = m.count(PcrSelection.MAX_SELECTIONS, "TPML_PCR_SELECTION count");
    List<PcrSelection> selections = new ArrayList<>(count);
    for (int i = 0; i < PcrSelection.MAX_SELECTIONS; i++) {
      @Nullable PcrSelection s = i < count ? PcrSelection.read(m, true) : null;
      if (s == null) {
        m.skip(8, "unused pcrSelections");
      } else {
        selections.add(s);
      }
    }
    if (m.position() != SELECTION_BYTES) {
      throw new IllegalStateException("TPML_PCR_SELECTION layout is 132 bytes");
    }
    int lists = m.count(MAX_LISTS, "digest list count");
    List<byte[]> digests = new ArrayList<>();
    for (int i = 0; i < lists; i++) {
      int n = m.count(DIGESTS_PER_LIST, "TPML_DIGEST count");
      for (int j = 0; j < DIGESTS_PER_LIST; j++) {
        int size = m.u16("TPM2B_DIGEST size");
        if (size > DIGEST_BUFFER) {
          throw QuoteException.of(
              Code.PARSE_ERROR, "PCR value size; expected at most 64, but got %d", size);
        }
        byte[] buffer = m.bytes(DIGEST_BUFFER, "TPM2B_DIGEST buffer");
        if (j < n) {
          byte[] d = new byte[size];
          System.arraycopy(buffer, 0, d, 0, size);
          digests.add(d);
        }
      }
    }
    m.end();
    return of(selections, digests);
  }

  /** Assigns {@code digests} to the selected PCRs in selection order. */
  private static PcrValues of(List<PcrSelection> selections, List<byte[]> digests)
      throws QuoteException {
    int selected = selections.stream().mapToInt(s -> s.pcrs().size()).sum();
    if (selected != digests.size()) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "PCR values; expected %d (one per selected PCR), but got %d",
          selected,
          digests.size());
    }
    Map<TpmHash, SortedMap<Integer, byte[]>> banks = new LinkedHashMap<>();
    int i = 0;
    for (PcrSelection s : selections) {
      if (banks.containsKey(s.hash())) {
        throw QuoteException.of(
            Code.PARSE_ERROR, "PCR selection; expected each bank once, but got %s twice", s.hash());
      }
      SortedMap<Integer, byte[]> bank = new TreeMap<>();
      for (int pcr : s.pcrs()) {
        byte[] d = digests.get(i++);
        if (d.length != s.hash().digestLength()) {
          throw QuoteException.of(
              Code.PARSE_ERROR,
              "length of %s PCR %d; expected %d, but got %d",
              s.hash(),
              pcr,
              s.hash().digestLength(),
              d.length);
        }
        bank.put(pcr, d);
      }
      banks.put(s.hash(), bank);
    }
    return new PcrValues(selections, banks);
  }

  /**
   * Returns the selections the values belong to, in file order.
   *
   * @return the selections, unmodifiable
   */
  public List<PcrSelection> selections() {
    return selections;
  }

  /**
   * Returns the banks present, in selection order.
   *
   * @return the hash algorithms, unmodifiable
   */
  public List<TpmHash> banks() {
    return List.copyOf(banks.keySet());
  }

  /**
   * Returns one PCR's value.
   *
   * @param bank the bank; not null
   * @param pcr the PCR index
   * @return a copy of the value, or empty when that PCR of that bank is not in the file
   */
  public Optional<byte[]> value(TpmHash bank, int pcr) {
    Objects.requireNonNull(bank, "bank");
    SortedMap<Integer, byte[]> b = banks.get(bank);
    byte[] v = b == null ? null : b.get(pcr);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /**
   * Returns the values of one bank.
   *
   * @param bank the bank; not null
   * @return PCR index to a copy of its value, ascending, unmodifiable; empty if the bank is absent
   */
  public SortedMap<Integer, byte[]> bank(TpmHash bank) {
    Objects.requireNonNull(bank, "bank");
    SortedMap<Integer, byte[]> copy = new TreeMap<>();
    banks
        .getOrDefault(bank, Collections.emptySortedMap())
        .forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** The value without copying, or null. */
  byte @Nullable [] raw(TpmHash bank, int pcr) {
    SortedMap<Integer, byte[]> b = banks.get(bank);
    return b == null ? null : b.get(pcr);
  }
}
