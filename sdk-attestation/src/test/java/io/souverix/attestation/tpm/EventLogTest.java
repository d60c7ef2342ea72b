package io.souverix.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.tpm.LogBuilder.Ev;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Parsing and replaying the fixture event log whose digests the swtpm's PCRs were extended with.
 */
class EventLogTest {
  private static final byte[] LOG = Fixtures.bytes("eventlog.bin");

  @Test
  void parse_fixtureLog_headerAndTwentyThreeEvents() throws Exception {
    EventLog log = EventLog.parse(LOG);

    assertThat(log.banks()).containsExactly(TpmHash.SHA256);
    assertThat(log.events()).hasSize(24);
    TpmEvent header = log.events().get(0);
    assertThat(header.typeName()).isEqualTo("EV_NO_ACTION");
    assertThat(new String(header.data(), 0, 15, StandardCharsets.US_ASCII))
        .isEqualTo("Spec ID Event03");
    TpmEvent kernel = log.events().get(22);
    assertThat(kernel.toString()).isEqualTo("event 22 (PCR 9, EV_IPL)");
    assertThat(kernel.digest(TpmHash.SHA256)).isPresent();
    assertThat(kernel.digest(TpmHash.SHA1)).isEmpty();
    assertThat(log.events().get(5).typeName()).isEqualTo("EV_EFI_VARIABLE_DRIVER_CONFIG");
    assertThat(log.events().get(19).typeName()).isEqualTo("EV_EFI_BOOT_SERVICES_APPLICATION");
  }

  @Test
  void write_parsedFixture_reproducesItByteForByte() throws Exception {
    assertThat(LogBuilder.write(LogBuilder.events(EventLog.parse(LOG)))).isEqualTo(LOG);
  }

  @Test
  void replay_fixtureLog_equalsThePcrsTheTpmQuoted() throws Exception {
    SortedMap<Integer, byte[]> replayed = EventLog.parse(LOG).replay(TpmHash.SHA256);
    VerifiedQuote quote = Fixtures.verified("ecdsa");

    assertThat(replayed.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    replayed.forEach(
        (pcr, v) ->
            assertThat(quote.pcrs().value(TpmHash.SHA256, pcr)).as("PCR %d", pcr).contains(v));
  }

  @Test
  void replay_noActionEventDigestChanged_notExtended() throws Exception {
    List<Ev> events = new ArrayList<>(LogBuilder.events(EventLog.parse(LOG)));
    assertThat(events.get(3).type()).isEqualTo(TpmEvent.EV_NO_ACTION);
    events.set(3, events.get(3).withDigest(Fixtures.flip(events.get(3).sha256(), 0)));

    SortedMap<Integer, byte[]> replayed =
        EventLog.parse(LogBuilder.write(events)).replay(TpmHash.SHA256);
    assertThat(replayed.get(0)).isEqualTo(Fixtures.golden().get(0));
  }

  @Test
  void replay_startupLocalityThree_pcrZeroStartsAtThree() throws Exception {
    byte[] digest = new byte[32];
    byte[] locality = "StartupLocality\0\3".getBytes(StandardCharsets.US_ASCII);
    EventLog log =
        EventLog.parse(
            LogBuilder.write(
                List.of(
                    new Ev(0, TpmEvent.EV_NO_ACTION, new byte[32], locality),
                    new Ev(0, 0x8, digest, new byte[0]))));
    byte[] start = new byte[32];
    start[31] = 3;
    assertThat(log.replay(TpmHash.SHA256).get(0)).isEqualTo(TpmHash.SHA256.extend(start, digest));
  }

  @Test
  void replay_bankNotInLog_missingBank() throws Exception {
    EventLog log = EventLog.parse(LOG);
    assertThatThrownBy(() -> log.replay(TpmHash.SHA1))
        .isInstanceOfSatisfying(
            EventLogException.class,
            e -> assertThat(e.code()).isEqualTo(EventLogException.Code.MISSING_BANK));
  }

  @Test
  void parse_legacySha1Log_unsupportedFormat() {
    byte[] legacy = LOG.clone();
    legacy[4] = 0x08; // first event EV_S_CRTM_VERSION instead of the Spec ID EV_NO_ACTION
    assertThatThrownBy(() -> EventLog.parse(legacy))
        .isInstanceOfSatisfying(
            EventLogException.class,
            e -> assertThat(e.code()).isEqualTo(EventLogException.Code.UNSUPPORTED_FORMAT));
  }

  @Test
  void parse_eventWithUnknownAlgorithmOrPcr_parseError() throws Exception {
    List<Ev> events = LogBuilder.events(EventLog.parse(LOG));
    byte[] log = LogBuilder.write(events);
    byte[] alg = log.clone();
    int firstEvent = 32 + 33; // header event (8 + 20 + 4) and its 33-byte Spec ID data
    alg[firstEvent + 12] = 0x0C; // hashAlg sha384, which the header does not list
    assertThatThrownBy(() -> EventLog.parse(alg))
        .isInstanceOf(EventLogException.class)
        .hasMessageContaining("digest algorithm 0x000c");
    byte[] pcr = log.clone();
    pcr[firstEvent] = 40;
    assertThatThrownBy(() -> EventLog.parse(pcr))
        .hasMessage("event 1 pcrIndex; expected 0 to 31, but got 40");
  }
}
