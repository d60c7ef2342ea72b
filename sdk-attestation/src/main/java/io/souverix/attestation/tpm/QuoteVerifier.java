package io.souverix.attestation.tpm;

import io.souverix.attestation.NonceRegistry;
import io.souverix.attestation.tpm.QuoteException.Code;
import io.souverix.attestation.x509.ChainVerification;
import io.souverix.attestation.x509.TrustChainValidator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Verifies TPM 2.0 quotes made by one attestation key (AK): the files {@code tpm2_quote -m -s -o}
 * writes, with tpm2-tools 5.x's default formats.
 *
 * <h3>Security guarantees</h3>
 *
 * {@link #verify} returns a {@link VerifiedQuote} only if, in this order: the {@code TPMS_ATTEST}
 * parses within its bounds and has the TPM's magic and the quote type; the {@code TPMT_SIGNATURE}
 * over it verifies with the AK using the configured hash (SHA-256 by default; SHA-1 is never
 * accepted); {@code extraData} equals the expected nonce (compared in constant time); the nonce
 * registry, when configured, accepts the nonce as issued, unexpired and unused (it is then used
 * up); the PCR values file selects exactly the quoted PCRs and their hash, in selection order, is
 * the quote's PCR digest; and every golden PCR value is quoted and equal. Anything else throws a
 * {@link QuoteException} with the code of the first failed check. Instances are immutable and
 * thread-safe (the registry is).
 *
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0
 *     Library, Part 2: TPMS_ATTEST, TPMT_SIGNATURE</a>
 * @since 0.1
 */
public final class QuoteVerifier {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MIN_RSA_BITS = 2048;

  private final PublicKey ak;
  private final TpmHash hash;
  private final @Nullable NonceRegistry nonces;
  private final Map<TpmHash, SortedMap<Integer, byte[]>> golden;
  private final @Nullable X509Certificate akCertificate;
  private final List<X509Certificate> akIntermediates;
  private final @Nullable TrustChainValidator akValidator;

  private QuoteVerifier(Builder b) {
    this.ak = Objects.requireNonNull(b.ak);
    this.akCertificate = b.akCertificate;
    this.akIntermediates = b.akIntermediates;
    this.akValidator = b.akValidator;
    this.hash = b.hash == null ? TpmHash.SHA256 : b.hash;
    this.nonces = b.nonces;
    this.golden = new LinkedHashMap<>(b.golden);
  }

  /**
   * Starts a verifier configuration.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Reads an attestation key's public key as {@code tpm2_createak -f pem} writes it.
   *
   * @param pem a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) of an RSA or EC key; not null
   * @return the key
   * @throws QuoteException {@link Code#PARSE_ERROR} if the text is not such a key, or an RSA key is
   *     shorter than 2048 bits
   */
  public static PublicKey publicKeyFromPem(String pem) throws QuoteException {
    Objects.requireNonNull(pem, "pem");
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw QuoteException.of(
          Code.PARSE_ERROR, "AK public key; expected a PEM PUBLIC KEY block, but got none");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw QuoteException.of(Code.PARSE_ERROR, "AK public key: bad base64: %s", e.getMessage());
    }
    for (String alg : List.of("RSA", "EC")) {
      try {
        PublicKey key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
          throw QuoteException.of(
              Code.PARSE_ERROR,
              "AK RSA modulus; expected at least %d bits, but got %d",
              MIN_RSA_BITS,
              rsa.getModulus().bitLength());
        }
        return key;
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not a key of this algorithm: try the next one.
      }
    }
    throw QuoteException.of(
        Code.PARSE_ERROR,
        "AK public key; expected an RSA or EC SubjectPublicKeyInfo, but got other");
  }

  /**
   * Verifies a quote.
   *
   * @param message the marshalled {@code TPMS_ATTEST} ({@code tpm2_quote -m}); not null
   * @param signature the marshalled {@code TPMT_SIGNATURE} ({@code tpm2_quote -s}); not null
   * @param pcrs the PCR values file ({@code tpm2_quote -o}, serialized format); not null
   * @param expectedNonce the nonce the quote must carry in {@code extraData}; not null
   * @return the verified quote
   * @throws QuoteException if a check fails; its code names the first one (see the class
   *     documentation for the order)
   */
  public VerifiedQuote verify(byte[] message, byte[] signature, byte[] pcrs, byte[] expectedNonce)
      throws QuoteException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(pcrs, "pcrs");
    Objects.requireNonNull(expectedNonce, "expectedNonce");
    if (akCertificate != null && akValidator != null) {
      // Checked on every call: a certificate that expires or is revoked stops being trusted.
      ChainVerification chain = akValidator.validate(akCertificate, akIntermediates);
      if (!chain.isValid()) {
        throw QuoteException.of(
            Code.AK_UNTRUSTED,
            "attestation key certificate; expected a chain to a trust anchor, but got %s: %s",
            chain.reason().map(Enum::name).orElse("INVALID"),
            chain.message());
      }
    }
    TpmQuote quote = TpmQuote.parse(message);
    TpmSignature sig = TpmSignature.parse(signature);
    if (!sig.hash().equals(hash)) {
      throw QuoteException.of(
          Code.SIGNATURE_INVALID, "signature hash; expected %s, but got %s", hash, sig.hash());
    }
    if (!sig.verifies(ak, message)) {
      throw QuoteException.of(
          Code.SIGNATURE_INVALID,
          "%s signature; expected one by the attestation key (%s), but got one that does not verify",
          sig.scheme(),
          ak.getAlgorithm());
    }
    byte[] extra = quote.extraData();
    if (!MessageDigest.isEqual(extra, expectedNonce)) {
      throw QuoteException.of(
          Code.NONCE_MISMATCH,
          "quote extraData; expected %s, but got %s",
          HEX.formatHex(expectedNonce),
          HEX.formatHex(extra));
    }
    // Only a signed, matching nonce is consumed: anyone else could otherwise burn our challenges.
    if (nonces != null && !nonces.consume(extra)) {
      throw QuoteException.of(
          Code.REPLAYED_NONCE,
          "nonce %s; expected one issued by the registry, unexpired and unused, but got one that"
              + " is not",
          HEX.formatHex(extra));
    }
    PcrValues values = PcrValues.parse(pcrs);
    checkDigest(quote, values);
    checkGolden(values);
    return new VerifiedQuote(quote, sig, values);
  }

  private void checkDigest(TpmQuote quote, PcrValues values) throws QuoteException {
    if (!quote.selections().equals(values.selections())) {
      throw QuoteException.of(
          Code.PCR_DIGEST_MISMATCH,
          "PCR selection of the values file; expected the quoted %s, but got %s",
          quote.selections(),
          values.selections());
    }
    MessageDigest md = hash.newDigest();
    for (PcrSelection s : quote.selections()) {
      for (int pcr : s.pcrs()) {
        md.update(Objects.requireNonNull(values.raw(s.hash(), pcr)));
      }
    }
    byte[] actual = md.digest();
    if (!MessageDigest.isEqual(actual, quote.pcrDigest())) {
      throw QuoteException.of(
          Code.PCR_DIGEST_MISMATCH,
          "quote pcrDigest; expected %s (the %s of the PCR values), but got %s",
          HEX.formatHex(actual),
          hash,
          HEX.formatHex(quote.pcrDigest()));
    }
  }

  private void checkGolden(PcrValues values) throws QuoteException {
    List<String> problems = new ArrayList<>();
    golden.forEach(
        (bank, expected) ->
            expected.forEach(
                (pcr, want) -> {
                  byte[] got = values.raw(bank, pcr);
                  if (got == null) {
                    problems.add(
                        String.format(
                            Locale.ROOT,
                            "PCR %s:%d; expected %s, but it was not quoted",
                            bank,
                            pcr,
                            HEX.formatHex(want)));
                  } else if (!MessageDigest.isEqual(got, want)) {
                    problems.add(
                        String.format(
                            Locale.ROOT,
                            "PCR %s:%d; expected %s, but got %s",
                            bank,
                            pcr,
                            HEX.formatHex(want),
                            HEX.formatHex(got)));
                  }
                }));
    if (!problems.isEmpty()) {
      throw new QuoteException(Code.GOLDEN_MISMATCH, String.join("; ", problems));
    }
  }

  /** A mutable, not thread-safe configuration of a {@link QuoteVerifier}. */
  public static final class Builder {
    private @Nullable PublicKey ak;
    private @Nullable TpmHash hash;
    private @Nullable NonceRegistry nonces;
    private final Map<TpmHash, SortedMap<Integer, byte[]>> golden = new LinkedHashMap<>();
    private @Nullable X509Certificate akCertificate;
    private List<X509Certificate> akIntermediates = List.of();
    private @Nullable TrustChainValidator akValidator;

    private Builder() {}

    /**
     * Sets the attestation key from its certificate, which must chain to a trust anchor of the
     * validator (for example an AK certificate issued by the owner's CA after credential
     * activation, or by the TPM vendor). The chain is validated on every {@code verify}; a chain
     * that does not validate is {@link QuoteException.Code#AK_UNTRUSTED}. Use this or {@link
     * #attestationKey(PublicKey)}.
     *
     * @param certificate the AK certificate; not null
     * @param intermediates untrusted intermediate certificates; not null, may be empty
     * @param validator the validator holding the trust anchors; not null
     * @return this builder
     * @throws IllegalStateException if an attestation key is already set
     */
    public Builder attestationKeyCertificate(
        X509Certificate certificate,
        List<X509Certificate> intermediates,
        TrustChainValidator validator) {
      Objects.requireNonNull(certificate, "certificate");
      requireUnset(ak, "attestationKey");
      this.akIntermediates = List.copyOf(intermediates);
      this.akValidator = Objects.requireNonNull(validator, "validator");
      this.akCertificate = certificate;
      this.ak = certificate.getPublicKey();
      return this;
    }

    /**
     * Sets the attestation key that must have signed the quotes. Required.
     *
     * @param key an RSA or EC public key; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder attestationKey(PublicKey key) {
      Objects.requireNonNull(key, "key");
      requireUnset(ak, "attestationKey");
      this.ak = key;
      return this;
    }

    /**
     * Sets the hash the signature and the PCR digest must use; SHA-256 by default.
     *
     * @param hash SHA-256, SHA-384 or SHA-512; not null
     * @return this builder
     * @throws IllegalArgumentException if {@code hash} is SHA-1
     * @throws IllegalStateException if already set
     */
    public Builder hash(TpmHash hash) {
      Objects.requireNonNull(hash, "hash");
      if (hash.equals(TpmHash.SHA1)) {
        throw new IllegalArgumentException(
            "quote hash; expected sha256, sha384 or sha512, but got sha1");
      }
      requireUnset(this.hash, "hash");
      this.hash = hash;
      return this;
    }

    /**
     * Checks every quote's nonce against a registry: it must have been issued there, be unexpired
     * and unused, and is used up by a quote that passes the signature and nonce checks.
     *
     * @param registry the registry; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder nonceRegistry(NonceRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      requireUnset(nonces, "nonceRegistry");
      this.nonces = registry;
      return this;
    }

    /**
     * Requires golden values for PCRs of one bank: each must be quoted, with exactly this value.
     *
     * @param bank the bank; not null
     * @param values PCR index (0 to 31) to its expected value; not null, copied
     * @return this builder
     * @throws IllegalArgumentException if an index is out of range or a value has the wrong length
     * @throws IllegalStateException if golden values for {@code bank} are already set
     */
    public Builder golden(TpmHash bank, Map<Integer, byte[]> values) {
      Objects.requireNonNull(bank, "bank");
      Objects.requireNonNull(values, "values");
      if (golden.containsKey(bank)) {
        throw new IllegalStateException("golden values for " + bank + " are already set");
      }
      SortedMap<Integer, byte[]> copy = new TreeMap<>();
      values.forEach(
          (pcr, v) -> {
            checkPcr(pcr);
            if (v.length != bank.digestLength()) {
              throw new IllegalArgumentException(
                  String.format(
                      Locale.ROOT,
                      "golden %s PCR %d length; expected %d, but got %d",
                      bank,
                      pcr,
                      bank.digestLength(),
                      v.length));
            }
            copy.put(pcr, v.clone());
          });
      golden.put(bank, copy);
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no attestation key is set
     */
    public QuoteVerifier build() {
      if (ak == null) {
        throw new IllegalStateException("attestationKey is required");
      }
      return new QuoteVerifier(this);
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " is already set");
      }
    }
  }

  static void checkPcr(int pcr) {
    if (pcr < 0 || pcr > 31) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "PCR index; expected 0 to 31, but got %d", pcr));
    }
  }
}
