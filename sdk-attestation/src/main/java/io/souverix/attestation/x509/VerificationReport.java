package io.souverix.attestation.x509;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import io.souverix.attestation.x509.ChainVerification.Check;
import io.souverix.attestation.x509.ChainVerification.Outcome;
import io.souverix.attestation.x509.ReportException.Code;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChainVerification} as a stable, self-describing record that a third party can check
 * later: RFC 8785 canonical JSON (same inputs, byte-identical text), signed as a compact JWS, and
 * re-verifiable from the original inputs. The schema is described in {@code docs/trust.md}.
 *
 * <pre>{@code
 * ChainVerification v = validator.validate(leaf, intermediates);
 * String jws = VerificationReport.of(v).sign(signer);          // ES256, EdDSA, ...
 * // later, elsewhere:
 * VerificationReport r = VerificationReport.verify(jws, publicKey);
 * r.reverify(leaf, intermediates, anchors, List.of());         // optional: same outcome again
 * }</pre>
 *
 * <p>An instance is either made from a local validation ({@link #of}) or from a JWS whose signature
 * has been checked ({@link #verify}); there is no way to obtain one from unsigned text. Instances
 * are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerificationReport {
  /** The JWS {@code typ} of a signed report. */
  public static final String JWS_TYPE = "souverix-chain-verification+jws";

  /** The value of the report's {@code type} member. */
  static final String TYPE = "souverix.chain-verification";

  /** The schema version this code writes; it also reads version {@value #VERSION_1}. */
  static final int VERSION = 2;

  /**
   * The first schema version: no OCSP responses, revocation policy, certificate-policy inputs or
   * device identity recorded (a version 1 report stands for validations with their defaults).
   */
  static final int VERSION_1 = 1;

  private final String json;
  private final int version;
  private final boolean valid;
  private final @Nullable ReasonCode reason;
  private final Instant validationTime;
  private final List<String> pathDigests;
  private final JsonNode inputs;
  private final JsonNode options;
  private final @Nullable String keyId;

  private VerificationReport(String json, JsonNode root, @Nullable String keyId)
      throws ReportException {
    this.json = json;
    this.keyId = keyId;
    try {
      JsonNode v = root.path("version");
      if (!TYPE.equals(root.path("type").textValue())
          || !v.isInt()
          || (v.intValue() != VERSION && v.intValue() != VERSION_1)) {
        throw malformed("type and version; expected %s version %d or %d", TYPE, VERSION_1, VERSION);
      }
      this.version = v.intValue();
      JsonNode result = root.required("result");
      this.valid = result.required("valid").isBoolean() && result.get("valid").booleanValue();
      JsonNode r = result.required("reasonCode");
      this.reason = r.isNull() ? null : ReasonCode.valueOf(r.textValue());
      if (valid != (reason == null)) {
        throw malformed("result; expected a reasonCode exactly when not valid");
      }
      this.validationTime = Instant.parse(root.required("validationTime").textValue());
      List<String> p = new ArrayList<>();
      for (JsonNode c : root.required("path")) {
        p.add(Objects.requireNonNull(c.required("sha256").textValue(), "sha256"));
      }
      this.pathDigests = List.copyOf(p);
      this.inputs = root.required("inputs");
      this.options = root.required("options");
      if (version >= VERSION) {
        // Version 2 members must be present (their absence is not a default).
        inputs.required("ocspResponses");
        options.required("revocationPolicy");
        options.required("revocationFreshnessTolerance");
        options.required("policy").required("initialPolicySet");
        options.required("deviceIdentity");
      }
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw ReportException.of(Code.MALFORMED, e, "report not readable: %s", e.getMessage());
    }
  }

  /**
   * Makes the report of a validation.
   *
   * @param verification the result of {@link TrustChainValidator#validate}; not null
   * @return the report
   * @throws IllegalArgumentException if {@code verification} does not come from a validator
   */
  public static VerificationReport of(ChainVerification verification) {
    String json = CanonicalJson.write(toJson(verification));
    try {
      return new VerificationReport(json, Json.MAPPER.readTree(json), null);
    } catch (ReportException | IOException e) {
      throw new IllegalStateException("a report we wrote is not readable: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the report as RFC 8785 canonical JSON. Validating the same inputs with the same options
   * at the same time gives the same text, byte for byte.
   *
   * @return the canonical JSON text
   */
  public String toCanonicalJson() {
    return json;
  }

  /**
   * Tells whether the validation found a valid chain.
   *
   * @return the recorded result
   */
  public boolean isValid() {
    return valid;
  }

  /**
   * Returns why the chain was rejected.
   *
   * @return the recorded reason code, empty when valid
   */
  public Optional<ReasonCode> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns the instant the chain was validated at.
   *
   * @return the recorded validation time
   */
  public Instant validationTime() {
    return validationTime;
  }

  /**
   * Returns the schema version of the report: {@value #VERSION} for reports written by this code,
   * {@value #VERSION_1} for an earlier report read by {@link #verify}.
   *
   * @return the recorded {@code version}
   */
  public int schemaVersion() {
    return version;
  }

  /**
   * Returns the {@code kid} of the JWS this report was verified from.
   *
   * @return the key id, empty for a report made locally or signed without one
   */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /**
   * Signs the report as a compact JWS whose payload is {@link #toCanonicalJson()}; the header holds
   * {@code alg} (the signer's), {@code typ} {@value #JWS_TYPE} and {@code kid} (the signer's key
   * id).
   *
   * @param signer the signer; any of its algorithms (ES256, ES384, RS256, PS256, EdDSA)
   * @return the compact serialisation {@code header.payload.signature}
   * @throws SignerException if the signer cannot sign
   */
  public String sign(Signer signer) throws SignerException {
    JWSHeader header =
        new JWSHeader.Builder(JwsAdapters.jwsAlgorithm(signer.algorithm()))
            .type(new JOSEObjectType(JWS_TYPE))
            .keyID(signer.keyId())
            .build();
    JWSObject jws = new JWSObject(header, new Payload(json.getBytes(StandardCharsets.UTF_8)));
    try {
      jws.sign(JwsAdapters.signer(signer));
    } catch (JOSEException e) {
      if (e.getCause() instanceof SignerException s) {
        throw s;
      }
      throw SignerException.of(SignerException.Code.SIGNING_FAILED, e.getMessage(), e);
    }
    return jws.serialize();
  }

  /**
   * Checks a signed report with a public key and reads it. Refuses {@code alg} {@code none}, HMAC
   * and any algorithm that does not fit the key (an ES256 header needs a P-256 key, EdDSA an
   * Ed25519 key, RS256/PS256 an RSA key of at least 2048 bits), any {@code crit} header, a {@code
   * typ} other than {@value #JWS_TYPE}, and a payload that is not canonical JSON of this schema.
   *
   * @param jws the compact JWS; not null
   * @param publicKey the key the report is expected to be signed with; not null
   * @return the report, whose signature has been verified
   * @throws ReportException if the JWS is rejected; {@link ReportException#code()} says why
   */
  public static VerificationReport verify(String jws, PublicKey publicKey) throws ReportException {
    Objects.requireNonNull(jws, "jws");
    Objects.requireNonNull(publicKey, "publicKey");
    String[] parts = jws.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed("JWS; expected 3 dot-separated parts, but got %d", parts.length);
    }
    // The algorithm is judged before Nimbus parses the header: "none" and HMAC never get further.
    String alg;
    try {
      alg = Json.MAPPER.readTree(new Base64URL(parts[0]).decodeToString()).path("alg").asText("");
    } catch (IOException | RuntimeException e) {
      throw ReportException.of(Code.MALFORMED, e, "JWS header not readable: %s", e.getMessage());
    }
    SigningAlgorithm algorithm;
    try {
      algorithm = SigningAlgorithm.fromJwsName(alg);
    } catch (IllegalArgumentException e) {
      throw ReportException.of(Code.ALGORITHM_REJECTED, "JWS alg %s is not accepted", alg);
    }
    if (!algorithm.accepts(publicKey)) {
      throw ReportException.of(
          Code.ALGORITHM_REJECTED,
          "JWS alg; expected one that fits the %s key, but got %s",
          publicKey.getAlgorithm(),
          alg);
    }
    JWSObject object;
    try {
      object = JWSObject.parse(jws);
    } catch (ParseException e) {
      throw ReportException.of(Code.MALFORMED, e, "not a JWS: %s", e.getMessage());
    }
    JWSHeader header = object.getHeader();
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw ReportException.of(
          Code.UNSUPPORTED_CRITICAL_HEADER,
          "JWS crit; expected none, but got %s",
          header.getCriticalParams());
    }
    if (!header.isBase64URLEncodePayload()) {
      throw ReportException.of(
          Code.UNSUPPORTED_CRITICAL_HEADER, "JWS b64; expected an encoded payload, but got false");
    }
    if (header.getType() == null || !JWS_TYPE.equals(header.getType().getType())) {
      throw malformed("JWS typ; expected %s, but got %s", JWS_TYPE, header.getType());
    }
    boolean ok;
    try {
      ok = object.verify(JwsAdapters.verifier(algorithm, publicKey));
    } catch (JOSEException | IllegalStateException e) {
      ok = false;
    }
    if (!ok) {
      throw ReportException.of(
          Code.SIGNATURE_INVALID, "JWS signature does not verify with the given %s key", alg);
    }
    String payload = object.getPayload().toString();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw ReportException.of(Code.MALFORMED, e, "payload not JSON: %s", e.getMessage());
    }
    if (!root.isObject() || !CanonicalJson.write(root).equals(payload)) {
      throw malformed("payload; expected RFC 8785 canonical JSON of a report, but got other text");
    }
    return new VerificationReport(payload, root, header.getKeyID());
  }

  /**
   * Re-verification of a validation that used no OCSP response: {@link #reverify(X509Certificate,
   * List, List, List, List)} with none.
   *
   * @param leaf the leaf certificate that was validated
   * @param intermediates the untrusted intermediates, in the order given then
   * @param trustAnchors the trust anchors, in the order configured then
   * @param crls the CRLs, in the order configured then (empty if none)
   * @return the new validation, for the caller's own comparison
   * @throws ReportException {@link Code#INPUT_MISMATCH} if an input differs (also when the report
   *     recorded OCSP responses), {@link Code#OUTCOME_MISMATCH} if the outcome differs, {@link
   *     Code#MALFORMED} if the recorded options cannot be applied
   */
  public ChainVerification reverify(
      X509Certificate leaf,
      List<X509Certificate> intermediates,
      List<X509Certificate> trustAnchors,
      List<X509CRL> crls)
      throws ReportException {
    return reverify(leaf, intermediates, trustAnchors, crls, List.of());
  }

  /**
   * Re-verification: checks that the given inputs are those the report recorded (by SHA-256 of
   * their DER, in the recorded order), validates them again with the recorded options (path, key,
   * name, revocation, certificate-policy and device-identity options) at the recorded validation
   * time, and checks the outcome is the same: valid or not, reason code and path.
   *
   * @param leaf the leaf certificate that was validated
   * @param intermediates the untrusted intermediates, in the order given then
   * @param trustAnchors the trust anchors, in the order configured then
   * @param crls the CRLs, in the order configured then (empty if none)
   * @param ocspResponses the DER OCSP responses, in the order configured then (empty if none)
   * @return the new validation, for the caller's own comparison
   * @throws ReportException {@link Code#INPUT_MISMATCH} if an input differs, {@link
   *     Code#OUTCOME_MISMATCH} if the outcome differs, {@link Code#MALFORMED} if the recorded
   *     options cannot be applied
   */
  public ChainVerification reverify(
      X509Certificate leaf,
      List<X509Certificate> intermediates,
      List<X509Certificate> trustAnchors,
      List<X509CRL> crls,
      List<byte[]> ocspResponses)
      throws ReportException {
    sameDigests("leaf", List.of(inputs.path("leaf").asText()), List.of(leaf));
    sameDigests("intermediates", texts(inputs.path("intermediates")), intermediates);
    sameDigests("trustAnchors", texts(inputs.path("trustAnchors")), trustAnchors);
    List<String> crlDigests = new ArrayList<>();
    for (X509CRL c : crls) {
      try {
        crlDigests.add(Sha256.hex(c.getEncoded()));
      } catch (CRLException e) {
        throw ReportException.of(Code.INPUT_MISMATCH, e, "CRL not encodable: %s", e.getMessage());
      }
    }
    if (!crlDigests.equals(texts(inputs.path("crls")))) {
      throw ReportException.of(
          Code.INPUT_MISMATCH, "crls; expected the SHA-256 digests recorded, but got others");
    }
    List<String> ocspDigests = ocspResponses.stream().map(Sha256::hex).toList();
    if (!ocspDigests.equals(texts(inputs.path("ocspResponses")))) {
      throw ReportException.of(
          Code.INPUT_MISMATCH,
          "ocspResponses; expected the SHA-256 digests recorded, but got others");
    }
    TrustChainValidator validator;
    try {
      validator = options(trustAnchors, crls, ocspResponses);
    } catch (RuntimeException e) {
      throw ReportException.of(
          Code.MALFORMED, e, "recorded options not applicable: %s", e.getMessage());
    }
    ChainVerification again = validator.validate(leaf, intermediates);
    List<String> path = new ArrayList<>();
    for (X509Certificate c : again.path()) {
      path.add(ReportOptions.digest(c));
    }
    if (again.isValid() != valid
        || again.reason().orElse(null) != reason
        || !path.equals(pathDigests)) {
      throw ReportException.of(
          Code.OUTCOME_MISMATCH,
          "re-verification; expected %s, but got %s",
          valid ? "valid" : reason,
          again.isValid() ? "valid" : again.reason().orElseThrow() + ": " + again.message());
    }
    return again;
  }

  @Override
  public String toString() {
    return "VerificationReport[" + (valid ? "valid" : reason) + " at " + validationTime + "]";
  }

  // ------------------------------------------------------------------ JSON

  private static ObjectNode toJson(ChainVerification v) {
    ReportInputs in = v.inputs();
    if (in == null) {
      throw new IllegalArgumentException(
          "verification; expected one made by TrustChainValidator.validate, but got one without"
              + " inputs");
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("type", TYPE);
    root.put("version", VERSION);
    ObjectNode result = root.putObject("result");
    result.put("valid", v.isValid());
    putOrNull(result, "reasonCode", v.reason().map(Enum::name).orElse(null));
    result.put("message", v.message());
    root.put("validationTime", v.validationTime().toString());
    ArrayNode path = root.putArray("path");
    for (X509Certificate c : v.path()) {
      ObjectNode n = path.addObject();
      n.put("sha256", ReportOptions.digest(c));
      n.put("subject", c.getSubjectX500Principal().getName());
      n.put("issuer", c.getIssuerX500Principal().getName());
      n.put("serialNumber", c.getSerialNumber().toString(16));
    }
    ArrayNode checks = root.putArray("checks");
    for (Check c : v.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.name());
      n.put("subject", c.subject());
      n.put("outcome", c.outcome().name().toLowerCase(Locale.ROOT));
      // Every failed check on the reported path is the failure the report is about.
      putOrNull(
          n,
          "reasonCode",
          c.outcome() == Outcome.FAILED ? v.reason().map(Enum::name).orElse(null) : null);
      n.put("detail", c.detail());
    }
    ReportOptions o = in.options();
    ObjectNode inputs = root.putObject("inputs");
    inputs.put("leaf", ReportOptions.digest(in.leaf()));
    ArrayNode ints = inputs.putArray("intermediates");
    for (X509Certificate c : in.intermediates()) {
      ints.add(c == null ? "" : ReportOptions.digest(c));
    }
    o.anchorDigests.forEach(inputs.putArray("trustAnchors")::add);
    o.crlDigests.forEach(inputs.putArray("crls")::add);
    o.ocspDigests.forEach(inputs.putArray("ocspResponses")::add);
    ObjectNode options = root.putObject("options");
    putOrNull(options, "hostname", o.hostname);
    o.emails.forEach(options.putArray("emails")::add);
    o.ekus.forEach(options.putArray("extendedKeyUsages")::add);
    o.keyUsages.forEach(options.putArray("keyUsages")::add);
    options.put("maxDepth", o.maxDepth);
    options.put("minimumRsaModulusBits", o.minRsaBits);
    o.signatureAlgorithms.forEach(options.putArray("signatureAlgorithms")::add);
    if (o.revocationPolicy == null) {
      options.putNull("revocationPolicy");
    } else {
      ObjectNode rp = options.putObject("revocationPolicy");
      rp.put("mode", o.revocationPolicy.mode().name());
      rp.put("scope", o.revocationPolicy.scope().name());
    }
    options.put("revocationFreshnessTolerance", o.revocationTolerance.toString());
    ObjectNode policy = options.putObject("policy");
    o.initialPolicies.forEach(policy.putArray("initialPolicySet")::add);
    policy.put("requireExplicitPolicy", o.explicitPolicy);
    policy.put("inhibitPolicyMapping", o.policyMappingInhibit);
    policy.put("inhibitAnyPolicy", o.anyPolicyInhibit);
    if (o.deviceSerial == null && o.deviceFactory == null) {
      options.putNull("deviceIdentity");
    } else {
      ObjectNode d = options.putObject("deviceIdentity");
      putOrNull(d, "serialNumber", o.deviceSerial);
      putOrNull(d, "factory", o.deviceFactory);
    }
    return root;
  }

  /** A validator configured with the recorded options (version 1: the later ones at defaults). */
  private TrustChainValidator options(
      List<X509Certificate> anchors, List<X509CRL> crls, List<byte[]> ocsp) {
    RevocationPolicy revocationPolicy = null;
    Duration tolerance = Duration.ZERO;
    List<String> initialPolicies = List.of(PolicyCheck.ANY_POLICY);
    boolean explicit = false;
    boolean noMapping = false;
    boolean noAnyPolicy = false;
    String serial = null;
    String factory = null;
    if (version >= VERSION) {
      JsonNode rp = options.required("revocationPolicy");
      if (!rp.isNull()) {
        revocationPolicy =
            RevocationPolicy.of(
                RevocationPolicy.Mode.valueOf(rp.required("mode").textValue()),
                RevocationPolicy.Scope.valueOf(rp.required("scope").textValue()));
      }
      tolerance = Duration.parse(options.required("revocationFreshnessTolerance").textValue());
      JsonNode p = options.required("policy");
      initialPolicies = texts(p.required("initialPolicySet"));
      explicit = bool(p, "requireExplicitPolicy");
      noMapping = bool(p, "inhibitPolicyMapping");
      noAnyPolicy = bool(p, "inhibitAnyPolicy");
      JsonNode d = options.required("deviceIdentity");
      if (!d.isNull()) {
        serial = textOrNull(d.required("serialNumber"));
        factory = textOrNull(d.required("factory"));
      }
    }
    return new ReportOptions.Recorded(
            options.required("maxDepth").intValue(),
            texts(options.required("signatureAlgorithms")),
            options.required("minimumRsaModulusBits").intValue(),
            texts(options.required("extendedKeyUsages")),
            texts(options.required("keyUsages")),
            textOrNull(options.path("hostname")),
            texts(options.required("emails")),
            revocationPolicy,
            tolerance,
            initialPolicies,
            explicit,
            noMapping,
            noAnyPolicy,
            serial,
            factory)
        .validator(anchors, crls, ocsp, validationTime);
  }

  private static @Nullable String textOrNull(JsonNode n) {
    return n.isTextual() ? n.textValue() : null;
  }

  private static boolean bool(JsonNode parent, String field) {
    JsonNode n = parent.required(field);
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(field + "; expected a boolean, but got " + n);
    }
    return n.booleanValue();
  }

  private static void sameDigests(String what, List<String> recorded, List<X509Certificate> given)
      throws ReportException {
    List<String> actual = new ArrayList<>();
    for (X509Certificate c : given) {
      actual.add(ReportOptions.digest(c));
    }
    if (!actual.equals(recorded)) {
      throw ReportException.of(
          Code.INPUT_MISMATCH,
          "%s; expected the %d SHA-256 digest(s) recorded, but got %d other(s)",
          what,
          recorded.size(),
          actual.size());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }

  private static void putOrNull(ObjectNode n, String field, @Nullable String value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  private static ReportException malformed(String format, Object... args) {
    return ReportException.of(Code.MALFORMED, format, args);
  }
}
