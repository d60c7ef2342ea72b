package io.souverix.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.tpm.Finding.Kind;
import io.souverix.attestation.tpm.LogBuilder.Ev;
import io.souverix.attestation.tpm.ReferenceValues.Layer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Measured boot: the fixture log against the swtpm's quote and reference values. */
class EventLogVerifierTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int KERNEL_EVENT = 22;
  private static final int SECURE_BOOT_EVENT = 5;

  private static EventLog good;
  private static List<Ev> events;
  private static VerifiedQuote quote;

  @BeforeAll
  static void load() throws Exception {
    good = EventLog.parse(Fixtures.bytes("eventlog.bin"));
    events = LogBuilder.events(good);
    quote = Fixtures.verified("rsapss");
  }

  /** References with the known-good measurements of every PCR, split into the three layers. */
  private static ReferenceValues.Builder knownGood() {
    ReferenceValues.Builder b = ReferenceValues.newBuilder();
    for (int pcr = 0; pcr <= 9; pcr++) {
      Layer layer =
          pcr == 4 || pcr == 5 ? Layer.BOOT_LOADER : pcr >= 8 ? Layer.KERNEL : Layer.FIRMWARE;
      b.measurements(layer, pcr, measurements(pcr));
    }
    return b;
  }

  private static List<byte[]> measurements(int pcr) {
    List<byte[]> out = new ArrayList<>();
    for (Ev e : events) {
      if (e.pcr() == pcr && e.type() != TpmEvent.EV_NO_ACTION) {
        out.add(e.sha256());
      }
    }
    return out;
  }

  private static EventLogVerification verify(List<Ev> log, ReferenceValues refs, String node)
      throws Exception {
    return EventLogVerifier.verify(EventLog.parse(LogBuilder.write(log)), quote, refs, node);
  }

  @Test
  void verify_fixtureLogAndKnownGoodReferences_valid() throws Exception {
    EventLogVerification v = EventLogVerifier.verify(good, quote, knownGood().build(), "node-1");

    assertThat(v.findings()).isEmpty();
    assertThat(v.valid()).isTrue();
    v.replayed()
        .forEach(
            (pcr, value) -> assertThat(quote.pcrs().value(TpmHash.SHA256, pcr)).contains(value));
  }

  @Test
  void verify_referencesAsGoldenValuesOfTheTpm_valid() throws Exception {
    ReferenceValues.Builder b = ReferenceValues.newBuilder();
    Fixtures.golden().forEach((pcr, v) -> b.pcr(pcr >= 8 ? Layer.KERNEL : Layer.FIRMWARE, pcr, v));
    assertThat(EventLogVerifier.verify(good, quote, b.build(), null).findings()).isEmpty();
  }

  @Test
  void verify_kernelDigestEditedInTheLog_replayMismatchNamesTheKernelEvent() throws Exception {
    List<Ev> tampered = new ArrayList<>(events);
    byte[] original = tampered.get(KERNEL_EVENT - 1).sha256();
    byte[] forged = Fixtures.flip(original, 7);
    tampered.set(KERNEL_EVENT - 1, tampered.get(KERNEL_EVENT - 1).withDigest(forged));

    EventLogVerification v = verify(tampered, knownGood().build(), "node-1");

    assertThat(v.valid()).isFalse();
    assertThat(v.findings())
        .extracting(Finding::kind, Finding::pcr, Finding::eventIndex)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.REPLAY_MISMATCH, 9, -1),
            org.assertj.core.groups.Tuple.tuple(Kind.MEASUREMENT_MISMATCH, 9, KERNEL_EVENT));
    Finding named = v.findings().get(1);
    assertThat(named.eventType()).isEqualTo(0xDL);
    assertThat(named.expected()).isEqualTo(HEX.formatHex(original));
    assertThat(named.actual()).isEqualTo(HEX.formatHex(forged));
    assertThat(named.toString())
        .startsWith(
            "MEASUREMENT_MISMATCH: event 22 (PCR 9, EV_IPL); expected " + HEX.formatHex(original));
  }

  @Test
  void verify_secureBootDataEditedDigestKept_eventDataMismatchNamesTheEvent() throws Exception {
    List<Ev> tampered = new ArrayList<>(events);
    Ev sb = tampered.get(SECURE_BOOT_EVENT - 1);
    assertThat(new String(sb.data(), StandardCharsets.US_ASCII)).isEqualTo("SecureBoot=1");
    tampered.set(
        SECURE_BOOT_EVENT - 1, sb.withData("SecureBoot=0".getBytes(StandardCharsets.US_ASCII)));

    EventLogVerification v = verify(tampered, knownGood().build(), null);

    assertThat(v.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.EVENT_DATA_MISMATCH);
              assertThat(f.eventIndex()).isEqualTo(SECURE_BOOT_EVENT);
              assertThat(f.pcr()).isEqualTo(7);
              assertThat(f.actual()).isEqualTo(HEX.formatHex(sb.sha256()));
            });
  }

  @Test
  void verify_initrdEventRemoved_missingMeasurementOnPcr9() throws Exception {
    List<Ev> tampered = new ArrayList<>(events);
    tampered.remove(tampered.size() - 1);

    EventLogVerification v = verify(tampered, knownGood().build(), null);

    assertThat(v.findings())
        .extracting(Finding::kind)
        .containsExactly(Kind.REPLAY_MISMATCH, Kind.MEASUREMENT_MISMATCH);
    assertThat(v.findings().get(1).eventIndex()).isEqualTo(-1);
    assertThat(v.findings().get(1).expected())
        .isEqualTo(HEX.formatHex(events.get(events.size() - 1).sha256()));
  }

  @Test
  void verify_nodeExpectsAnotherKernel_goldenMismatchNamesTheKernelEvent() throws Exception {
    List<byte[]> otherKernel = new ArrayList<>(measurements(9));
    byte[] approved = Fixtures.flip(otherKernel.get(0), 0);
    otherKernel.set(0, approved);
    ReferenceValues refs = knownGood().nodeMeasurements("node-7", 9, otherKernel).build();

    assertThat(EventLogVerifier.verify(good, quote, refs, "node-1").valid()).isTrue();
    EventLogVerification v = EventLogVerifier.verify(good, quote, refs, "node-7");

    assertThat(v.findings())
        .extracting(Finding::kind)
        .containsExactly(Kind.GOLDEN_MISMATCH, Kind.MEASUREMENT_MISMATCH);
    assertThat(v.findings().get(0).pcr()).isEqualTo(9);
    assertThat(v.findings().get(1).eventIndex()).isEqualTo(KERNEL_EVENT);
    assertThat(v.findings().get(1).expected()).isEqualTo(HEX.formatHex(approved));
  }

  @Test
  void verify_referencePcrNotQuoted_goldenMismatch() throws Exception {
    VerifiedQuote twoBanks =
        QuoteVerifier.newBuilder()
            .attestationKey(Fixtures.ak("rsassa"))
            .build()
            .verify(
                Fixtures.msg("twobanks"),
                Fixtures.sig("twobanks"),
                Fixtures.pcrs("twobanks"),
                Fixtures.nonce());
    EventLogVerification v = EventLogVerifier.verify(good, twoBanks, knownGood().build(), null);

    // Quoted: 0, 4, 9 of SHA-256. Every other reference PCR is unproven.
    assertThat(v.findings())
        .filteredOn(f -> f.kind() == Kind.GOLDEN_MISMATCH)
        .extracting(Finding::pcr)
        .containsExactly(1, 2, 3, 5, 6, 7, 8);
    assertThat(v.findings()).allSatisfy(f -> assertThat(f.actual()).isEmpty());
  }

  @Test
  void referenceValues_samePcrInTwoBaseLayersOrTwice_rejected() {
    byte[] v = new byte[32];
    ReferenceValues.Builder b =
        ReferenceValues.newBuilder().pcr(Layer.FIRMWARE, 4, v).pcr(Layer.BOOT_LOADER, 4, v);
    org.assertj.core.api.Assertions.assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "reference of PCR 4; expected one base layer, but got FIRMWARE and BOOT_LOADER");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ReferenceValues.newBuilder()
                    .pcr(Layer.KERNEL, 9, v)
                    .measurements(Layer.KERNEL, 9, List.of()))
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReferenceValues.newBuilder().pcr(Layer.NODE, 9, v))
        .isInstanceOf(IllegalArgumentException.class);
    ReferenceValues refs =
        ReferenceValues.newBuilder().pcr(Layer.KERNEL, 9, v).nodePcr("n", 9, new byte[32]).build();
    assertThat(refs.expected("n").get(9).layer()).isEqualTo(Layer.NODE);
    assertThat(refs.expected("other").get(9).layer()).isEqualTo(Layer.KERNEL);
    assertThat(refs.expected(null)).containsOnlyKeys(9);
  }
}
