package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.EventLogException.Code;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A parsed TCG PC Client measured-boot event log in the "crypto agile" format: a Spec ID header
 * event ({@code EV_NO_ACTION} carrying {@code TCG_EfiSpecIdEvent} with signature {@code Spec ID
 * Event03}) in the SHA-1 event format, then {@code TCG_PCR_EVENT2} records, each with a digest of
 * every algorithm the header lists. Little endian throughout, as firmware writes it
 * (/sys/kernel/security/tpm0/binary_bios_measurements on Linux).
 *
 * <p>Parsing is bounded: at most 16 MiB and 65,536 events; every size is checked against the
 * remaining input.
 *
 * @see <a
 *     href="https://trustedcomputinggroup.org/resource/pc-client-specific-platform-firmware-profile-specification/">TCG
 *     PC Client Platform Firmware Profile, section 10</a>
 * @since 0.1
 */
public final class EventLog {
  static final int MAX_BYTES = 16 << 20;
  static final int MAX_EVENTS = 65_536;
  private static final int MAX_ALGORITHMS = 16;
  private static final byte[] SPEC_ID = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STARTUP_LOCALITY =
      "StartupLocality\0".getBytes(StandardCharsets.US_ASCII);

  private final List<TpmEvent> events;
  private final List<TpmHash> banks;

  private EventLog(List<TpmEvent> events, List<TpmHash> banks) {
    this.events = List.copyOf(events);
    this.banks = List.copyOf(banks);
  }

  /**
   * Parses a binary event log.
   *
   * @param log the log's bytes; not null
   * @return the log
   * @throws EventLogException {@link Code#UNSUPPORTED_FORMAT} if the first event is not the Spec ID
   *     Event03 header; {@link Code#PARSE_ERROR} if the log is too long, truncated, or an event has
   *     a PCR index, digest count or algorithm the header does not allow
   */
  public static EventLog parse(byte[] log) throws EventLogException {
    Objects.requireNonNull(log, "log");
    if (log.length > MAX_BYTES) {
      throw EventLogException.of(
          Code.PARSE_ERROR,
          "event log length; expected at most %d bytes, but got %d",
          MAX_BYTES,
          log.length);
    }
    try {
      return read(Marshal.littleEndian(log, "event log"));
    } catch (QuoteException e) {
      throw new EventLogException(Code.PARSE_ERROR, e.getMessage());
    }
  }

  private static EventLog read(Marshal m) throws QuoteException, EventLogException {
    List<TpmEvent> events = new ArrayList<>();
    int headerPcr = (int) m.u32("header pcrIndex");
    long headerType = m.u32("header eventType");
    byte[] sha1 = m.bytes(20, "header digest");
    int headerSize = m.count(m.remaining(), "header eventSize");
    byte[] header = m.bytes(headerSize, "header event");
    if (headerType != TpmEvent.EV_NO_ACTION || !startsWith(header, SPEC_ID)) {
      throw EventLogException.of(
          Code.UNSUPPORTED_FORMAT,
          "first event; expected EV_NO_ACTION with Spec ID Event03 (crypto agile log), but got %s",
          TpmEvent.typeName(headerType));
    }
    Map<Integer, Integer> sizes = new LinkedHashMap<>();
    Marshal h = Marshal.littleEndian(header, "Spec ID event");
    h.skip(SPEC_ID.length, "signature");
    h.u32("platformClass");
    h.u8("specVersionMinor");
    h.u8("specVersionMajor");
    h.u8("specErrata");
    h.u8("uintnSize");
    int algorithms = h.count(MAX_ALGORITHMS, "numberOfAlgorithms");
    if (algorithms == 0) {
      throw EventLogException.of(
          Code.PARSE_ERROR, "numberOfAlgorithms; expected at least 1, but got 0");
    }
    List<TpmHash> banks = new ArrayList<>();
    for (int i = 0; i < algorithms; i++) {
      int alg = h.u16("algorithmId");
      int size = h.u16("digestSize");
      if (size == 0 || size > 64 || sizes.put(alg, size) != null) {
        throw EventLogException.of(
            Code.PARSE_ERROR,
            "Spec ID algorithm 0x%04x; expected once, with a digest size of 1 to 64, but got %d",
            alg,
            size);
      }
      TpmHash known = TpmHash.ofId(alg).orElse(null);
      if (known != null) {
        if (known.digestLength() != size) {
          throw EventLogException.of(
              Code.PARSE_ERROR,
              "digest size of %s; expected %d, but got %d",
              known,
              known.digestLength(),
              size);
        }
        banks.add(known);
      }
    }
    h.skip(h.u8("vendorInfoSize"), "vendorInfo");
    h.end();
    events.add(new TpmEvent(0, headerPcr, headerType, Map.of(TpmHash.SHA1, sha1), header));

    while (m.remaining() > 0) {
      if (events.size() >= MAX_EVENTS) {
        throw EventLogException.of(
            Code.PARSE_ERROR, "event count; expected at most %d, but got more", MAX_EVENTS);
      }
      int index = events.size();
      long pcr = m.u32("pcrIndex");
      long type = m.u32("eventType");
      if (pcr > 31) {
        throw EventLogException.of(
            Code.PARSE_ERROR, "event %d pcrIndex; expected 0 to 31, but got %d", index, pcr);
      }
      int count = (int) m.u32("digests count");
      if (count != algorithms) {
        throw EventLogException.of(
            Code.PARSE_ERROR,
            "event %d digest count; expected %d (one per header algorithm), but got %d",
            index,
            algorithms,
            count);
      }
      Map<TpmHash, byte[]> digests = new LinkedHashMap<>();
      List<Integer> seen = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int alg = m.u16("hashAlg");
        Integer size = sizes.get(alg);
        if (size == null || seen.contains(alg)) {
          throw EventLogException.of(
              Code.PARSE_ERROR,
              "event %d digest algorithm 0x%04x; expected one of the header's, once, but got"
                  + " other",
              index,
              alg);
        }
        seen.add(alg);
        byte[] digest = m.bytes(size, "digest");
        TpmHash.ofId(alg).ifPresent(known -> digests.put(known, digest));
      }
      int size = m.count(m.remaining(), "eventSize");
      events.add(new TpmEvent(index, (int) pcr, type, digests, m.bytes(size, "event")));
    }
    return new EventLog(events, banks);
  }

  /**
   * Returns the events, the Spec ID header first.
   *
   * @return the events in log order, unmodifiable
   */
  public List<TpmEvent> events() {
    return events;
  }

  /**
   * Returns the banks the log has digests of (those the header lists and this library knows).
   *
   * @return the banks, in header order, unmodifiable
   */
  public List<TpmHash> banks() {
    return banks;
  }

  /**
   * Replays the log: extends every event's digest of one bank into its PCR, in log order, from the
   * reset value (zeros; for PCR 0 the locality of a {@code StartupLocality} event in its last
   * byte). {@code EV_NO_ACTION} events are not extended.
   *
   * @param bank the bank; not null
   * @return PCR index to computed value, for every PCR the log extends, ascending, unmodifiable
   * @throws EventLogException {@link Code#MISSING_BANK} if the log has no digests of {@code bank}
   */
  public SortedMap<Integer, byte[]> replay(TpmHash bank) throws EventLogException {
    Objects.requireNonNull(bank, "bank");
    if (!banks.contains(bank)) {
      throw EventLogException.of(
          Code.MISSING_BANK, "event log bank; expected %s among %s, but it is absent", bank, banks);
    }
    SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
    int locality = 0;
    for (TpmEvent e : events.subList(1, events.size())) {
      if (e.type() == TpmEvent.EV_NO_ACTION) {
        byte[] d = e.rawData();
        if (e.pcr() == 0
            && d.length == STARTUP_LOCALITY.length + 1
            && startsWith(d, STARTUP_LOCALITY)) {
          locality = d[d.length - 1] & 0xFF;
        }
        continue;
      }
      byte[] current = pcrs.get(e.pcr());
      if (current == null) {
        current = new byte[bank.digestLength()];
        if (e.pcr() == 0) {
          current[current.length - 1] = (byte) locality;
        }
      }
      pcrs.put(e.pcr(), bank.extend(current, e.rawDigest(bank)));
    }
    return Collections.unmodifiableSortedMap(pcrs);
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
