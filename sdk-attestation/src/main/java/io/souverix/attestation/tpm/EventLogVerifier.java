package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.Finding.Kind;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks a measured-boot event log against a verified quote and golden reference values, in the
 * SHA-256 bank.
 *
 * <h3>Security guarantees</h3>
 *
 * A log is only as trustworthy as the quote that proves it: {@link #verify} replays the log and
 * reports every quoted PCR whose replayed value differs ({@link Kind#REPLAY_MISMATCH}). It reports
 * every reference PCR that was not quoted or differs from its reference ({@link
 * Kind#GOLDEN_MISMATCH}), and, for such a PCR whose reference holds measurements, the first event
 * whose digest differs from the reference's at the same position ({@link
 * Kind#MEASUREMENT_MISMATCH}). Events whose digest the PC Client specification defines as the hash
 * of their data ({@code EV_SEPARATOR}, {@code EV_S_CRTM_VERSION}, {@code EV_EFI_ACTION}, {@code
 * EV_EFI_VARIABLE_DRIVER_CONFIG}) are checked against their data ({@link
 * Kind#EVENT_DATA_MISMATCH}), so edited event data is named even when the digests are intact. PCRs
 * the log extends but the quote does not cover are not trusted and not reported as valid.
 *
 * @since 0.1
 */
public final class EventLogVerifier {
  private static final HexFormat HEX = HexFormat.of();
  private static final TpmHash BANK = TpmHash.SHA256;
  private static final Set<Long> DATA_DIGEST_TYPES =
      Set.of(TpmEvent.EV_SEPARATOR, 0x8L, 0x80000007L, 0x800000E0L);

  private EventLogVerifier() {}

  /**
   * Verifies a log.
   *
   * @param log the event log; not null
   * @param quote the verified quote of the same boot; not null
   * @param references the golden reference values; not null
   * @param node the node whose overrides apply, or null for the base layers only
   * @return the findings and the replayed values
   * @throws EventLogException {@link EventLogException.Code#MISSING_BANK} if the log has no SHA-256
   *     digests
   */
  public static EventLogVerification verify(
      EventLog log, VerifiedQuote quote, ReferenceValues references, @Nullable String node)
      throws EventLogException {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(references, "references");
    SortedMap<Integer, byte[]> replayed = log.replay(BANK);
    List<Finding> findings = new ArrayList<>();
    MessageDigest sha256 = BANK.newDigest();

    for (TpmEvent e : log.events().subList(1, log.events().size())) {
      if (DATA_DIGEST_TYPES.contains(e.type())) {
        byte[] want = sha256.digest(e.rawData());
        byte[] got = e.rawDigest(BANK);
        if (!MessageDigest.isEqual(want, got)) {
          findings.add(event(Kind.EVENT_DATA_MISMATCH, e, want, got));
        }
      }
    }

    Set<Integer> suspect = new LinkedHashSet<>();
    SortedMap<Integer, byte[]> quoted = quote.pcrs().bank(BANK);
    quoted.forEach(
        (pcr, value) -> {
          byte[] mine = replayed.get(pcr);
          byte[] replay = mine != null ? mine : new byte[BANK.digestLength()];
          if (!MessageDigest.isEqual(replay, value)) {
            findings.add(pcr(Kind.REPLAY_MISMATCH, pcr, value, HEX.formatHex(replay)));
            suspect.add(pcr);
          }
        });

    Map<Integer, ReferenceValues.Reference> expected = references.expected(node);
    expected.forEach(
        (pcr, ref) -> {
          byte[] value = quoted.get(pcr);
          if (value == null || !MessageDigest.isEqual(value, ref.rawValue())) {
            findings.add(
                pcr(
                    Kind.GOLDEN_MISMATCH,
                    pcr,
                    ref.rawValue(),
                    value == null ? "" : HEX.formatHex(value)));
            suspect.add(pcr);
          }
        });

    for (int pcr : suspect) {
      ReferenceValues.Reference ref = expected.get(pcr);
      List<byte[]> want = ref == null ? null : ref.rawMeasurements();
      if (want != null) {
        Finding f = firstDifference(log, pcr, want);
        if (f != null) {
          findings.add(f);
        }
      }
    }
    return new EventLogVerification(findings, replayed);
  }

  /** The first measurement on {@code pcr} that differs from the reference list, if any. */
  private static @Nullable Finding firstDifference(EventLog log, int pcr, List<byte[]> want) {
    int k = 0;
    for (TpmEvent e : log.events().subList(1, log.events().size())) {
      if (e.pcr() != pcr || e.type() == TpmEvent.EV_NO_ACTION) {
        continue;
      }
      byte[] got = e.rawDigest(BANK);
      if (k >= want.size()) {
        return new Finding(
            Kind.MEASUREMENT_MISMATCH, pcr, e.index(), e.type(), "", HEX.formatHex(got));
      }
      if (!MessageDigest.isEqual(want.get(k), got)) {
        return event(Kind.MEASUREMENT_MISMATCH, e, want.get(k), got);
      }
      k++;
    }
    return k < want.size()
        ? new Finding(Kind.MEASUREMENT_MISMATCH, pcr, -1, -1, HEX.formatHex(want.get(k)), "")
        : null;
  }

  private static Finding event(Kind kind, TpmEvent e, byte[] expected, byte[] actual) {
    return new Finding(
        kind, e.pcr(), e.index(), e.type(), HEX.formatHex(expected), HEX.formatHex(actual));
  }

  private static Finding pcr(Kind kind, int pcr, byte[] expected, String actual) {
    return new Finding(kind, pcr, -1, -1, HEX.formatHex(expected), actual);
  }
}
