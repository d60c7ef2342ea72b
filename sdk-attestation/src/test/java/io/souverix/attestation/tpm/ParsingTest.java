package io.souverix.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Bounded parsing: truncated, extended or random input is a typed error, never another one. */
class ParsingTest {
  private interface Parser {
    void parse(byte[] in) throws Exception;
  }

  private static void assertEveryTruncationRejected(byte[] whole, Parser p, Class<?> error) {
    for (int n = 0; n < whole.length; n++) {
      byte[] cut = Arrays.copyOf(whole, n);
      assertThatThrownBy(() -> p.parse(cut)).as("prefix of %d bytes", n).isInstanceOf(error);
    }
    byte[] longer = Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> p.parse(longer)).as("trailing byte").isInstanceOf(error);
  }

  @Test
  void parsers_everyTruncationOrTrailingByte_typedError() throws Exception {
    for (String q : new String[] {"rsassa", "rsapss", "ecdsa", "twobanks"}) {
      assertEveryTruncationRejected(Fixtures.msg(q), TpmQuote::parse, QuoteException.class);
      assertEveryTruncationRejected(Fixtures.sig(q), TpmSignature::parse, QuoteException.class);
      assertEveryTruncationRejected(Fixtures.pcrs(q), PcrValues::parse, QuoteException.class);
    }
    byte[] log = Fixtures.bytes("eventlog.bin");
    for (int n = 0; n < log.length; n++) {
      byte[] cut = Arrays.copyOf(log, n);
      try {
        EventLog.parse(cut);
        // A cut exactly at an event boundary is a shorter, well-formed log.
      } catch (EventLogException e) {
        assertThat(e.code())
            .isIn(EventLogException.Code.PARSE_ERROR, EventLogException.Code.UNSUPPORTED_FORMAT);
      }
    }
  }

  @Test
  void pcrValues_countBeyondLimits_parseError() throws Exception {
    byte[] p = Fixtures.pcrs("rsassa");
    byte[] selections = p.clone();
    selections[0] = 17;
    assertThatThrownBy(() -> PcrValues.parse(selections))
        .hasMessage("PCR values file TPML_PCR_SELECTION count; expected at most 16, but got 17");
    byte[] digests = p.clone();
    digests[136] = 9;
    assertThatThrownBy(() -> PcrValues.parse(digests))
        .hasMessage("PCR values file TPML_DIGEST count; expected at most 8, but got 9");
    byte[] size = p.clone();
    size[140] = 65;
    assertThatThrownBy(() -> PcrValues.parse(size)).isInstanceOf(QuoteException.class);
  }

  @Property(tries = 300)
  void parsers_randomBytes_onlyTypedErrors(@ForAll @Size(max = 300) byte[] in) {
    expectOnly(() -> TpmQuote.parse(in));
    expectOnly(() -> TpmSignature.parse(in));
    expectOnly(() -> PcrValues.parse(in));
    try {
      EventLog.parse(in);
    } catch (EventLogException e) {
      assertThat(e.code()).isNotNull();
    }
  }

  @Property(tries = 300)
  void tpmQuote_oneByteChanged_parsesOrTypedError(
      @ForAll("positions") int position, @ForAll byte value) {
    byte[] m = Fixtures.msg("ecdsa");
    m[position % m.length] = value;
    expectOnly(() -> TpmQuote.parse(m));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> positions() {
    return net.jqwik.api.Arbitraries.integers().between(0, 10_000);
  }

  private interface Call {
    void run() throws QuoteException;
  }

  /** Runs a parse; a QuoteException with a code is fine, anything else escapes and fails. */
  private static void expectOnly(Call c) {
    try {
      c.run();
    } catch (QuoteException e) {
      assertThat(e.code()).isNotNull();
    }
  }
}
