package io.souverix.attestation.x509;

import io.souverix.attestation.x509.ChainVerification.Check;
import io.souverix.attestation.x509.ChainVerification.Outcome;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.jspecify.annotations.Nullable;

/**
 * Builds and validates X.509 certification paths (RFC 5280) from a leaf certificate to one of a set
 * of trust anchors, with its own path builder on Bouncy Castle primitives.
 *
 * <p>The builder searches every candidate issuer (matched by subject/issuer name and, where both
 * are present, by authority/subject key identifier) among the trust anchors and the untrusted
 * intermediates, depth first with backtracking, so cross-signed CAs, several roots, loops and dead
 * ends are handled; the first path that passes every check wins. Trust anchors are full
 * certificates on the path: their validity, basic constraints, key usage, key strength and name
 * constraints are enforced too. Validation is offline: no AIA fetching, OCSP request or CRL
 * download. Revocation uses the CRLs and OCSP responses the caller supplies; by default it is
 * checked only when some are supplied, and then hard-fail on the whole chain (see {@link
 * RevocationPolicy}). Certificate policies are processed as in RFC 5280 6.1 (default: initial
 * policy set anyPolicy, no explicit policy required, mappings and anyPolicy honoured).
 *
 * <p>Rules and semantics (validity, basic constraints, path length, key usage, extended key usage
 * on leaf and chain, name constraints, host name matching, the algorithm allow-list and the CA/B
 * Forum rules applied to TLS server certificates) are listed in {@code docs/trust.md}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TrustChainValidator {
  /** Candidate issuers examined per validation at most (path-building work budget). */
  static final int MAX_STEPS = 2048;

  /** Certificates on a path at most, self-issued ones included. */
  static final int MAX_PATH_CERTS = 32;

  private final List<ParsedCert> anchors;
  private final @Nullable Clock clock;
  private final @Nullable Instant fixedTime;
  private final int maxDepth;
  private final Set<SignatureAlgorithm> algorithms;
  private final int minRsaBits;
  private final Set<String> requiredEkus;
  private final Set<KeyUsage> requiredKeyUsages;
  private final @Nullable String hostname;
  private final List<String> emails;
  private final CrlCheck crls;
  private final OcspCheck ocsp;
  private final @Nullable RevocationPolicy revocationPolicy;
  private final Duration revocationTolerance;
  private final PolicyCheck.Options policyOptions;
  private final @Nullable String deviceSerial;
  private final ReportOptions reportOptions;
  private final IssuerKeys issuerKeys;
  private final @Nullable SignatureCache signatureCache;

  private TrustChainValidator(Builder b) {
    List<ParsedCert> parsed = new ArrayList<>();
    for (X509Certificate c : b.anchors) {
      try {
        parsed.add(ParsedCert.parse(c));
      } catch (Problem p) {
        // An anchor Bouncy Castle cannot parse can never be on a path; it is skipped.
      }
    }
    this.anchors = List.copyOf(parsed);
    this.issuerKeys = IssuerKeys.of(anchors);
    this.signatureCache = b.signatureCache;
    this.clock = b.clock;
    this.fixedTime = b.fixedTime;
    this.maxDepth = b.maxDepth;
    this.algorithms = Set.copyOf(b.algorithms);
    this.minRsaBits = b.minRsaBits;
    Set<String> ekus = new LinkedHashSet<>();
    for (ExtendedKeyUsage e : b.ekus) {
      ekus.add(e.oid());
    }
    this.requiredEkus = Set.copyOf(ekus);
    this.requiredKeyUsages = Set.copyOf(b.keyUsages);
    this.hostname = b.hostname;
    this.emails = List.copyOf(b.emails);
    this.crls = CrlCheck.of(b.crls);
    this.ocsp = OcspCheck.of(b.ocspResponses);
    this.revocationPolicy = b.revocationPolicy;
    this.revocationTolerance = b.revocationTolerance;
    this.policyOptions =
        new PolicyCheck.Options(
            b.initialPolicies.isEmpty()
                ? Set.of(PolicyCheck.ANY_POLICY)
                : Set.copyOf(b.initialPolicies),
            b.explicitPolicy,
            b.policyMappingInhibit,
            b.anyPolicyInhibit);
    this.deviceSerial = b.deviceSerial;
    this.reportOptions =
        new ReportOptions(
            b.anchors,
            b.crls,
            maxDepth,
            algorithms,
            minRsaBits,
            b.ekus,
            b.keyUsages,
            hostname,
            emails,
            b.ocspResponses,
            b.revocationPolicy,
            b.revocationTolerance,
            policyOptions.initialPolicies(),
            b.explicitPolicy,
            b.policyMappingInhibit,
            b.anyPolicyInhibit,
            b.deviceSerial,
            b.deviceFactory);
  }

  /**
   * Starts a builder. At least one trust anchor is required; every other option has a secure
   * default.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Validates {@code leaf} with the help of untrusted {@code intermediates}. Never throws for a bad
   * certificate: every failure is a reason code in the report.
   *
   * @param leaf the end-entity certificate to validate
   * @param intermediates untrusted certificates that may complete the path, in any order
   * @return the report
   */
  public ChainVerification validate(X509Certificate leaf, List<X509Certificate> intermediates) {
    return run(leaf, intermediates).withInputs(ReportInputs.of(reportOptions, leaf, intermediates));
  }

  private ChainVerification run(X509Certificate leaf, List<X509Certificate> intermediates) {
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(intermediates, "intermediates");
    Instant at = (fixedTime != null ? fixedTime : Objects.requireNonNull(clock).instant());
    at = at.truncatedTo(ChronoUnit.SECONDS);
    Run run = new Run(at);
    ParsedCert l;
    try {
      l = ParsedCert.parse(leaf);
    } catch (Problem p) {
      return failure(run, p, List.of(leaf), List.of());
    }
    List<ParsedCert> path = List.of(l);
    try {
      leafChecks(run, l);
    } catch (Problem p) {
      return failure(run, p, x509(path), run.checks);
    }
    for (X509Certificate c : intermediates) {
      try {
        ParsedCert pc = ParsedCert.parse(c);
        boolean isAnchor = false;
        for (ParsedCert a : anchors) {
          isAnchor |= a.sameAs(pc);
        }
        if (!isAnchor) {
          run.pool.add(pc);
        }
      } catch (Problem p) {
        // An unparseable intermediate can never be on a path; it is skipped.
      }
    }
    List<ParsedCert> found;
    try {
      found = extend(run, path, 0);
    } catch (Problem p) {
      return failure(run, p, x509(path), run.checks);
    }
    if (found == null) {
      if (run.bestProblem != null) {
        return failure(
            run, run.bestProblem, x509(run.bestPath), run.bestChecks, run.bestRevocation);
      }
      Problem p =
          Problem.of(
              ReasonCode.NO_PATH,
              "path",
              "no issuer of '%s' among %d trust anchor(s) and %d intermediate(s)",
              l.subjectText(),
              anchors.size(),
              run.pool.size());
      run.checks.add(check(p, l));
      return failure(run, p, x509(path), run.checks);
    }
    return new ChainVerification(
        null,
        "ok",
        x509(found),
        Step.renderLater(run.checks),
        at,
        run.revocation,
        run.warnings,
        run.policies.authorities(),
        run.policies.user());
  }

  // ------------------------------------------------------------------ search

  /** Mutable state of one validation. */
  private static final class Run {
    final Instant at;
    final List<ParsedCert> pool = new ArrayList<>();
    final List<Step> checks = new ArrayList<>();
    final Map<ParsedCert, ContentVerifierProvider> verifiers = new HashMap<>();
    final NameConstraintsCheck.Budget ncBudget = new NameConstraintsCheck.Budget();
    int steps;
    @Nullable Problem bestProblem;
    List<ParsedCert> bestPath = List.of();
    List<Step> bestChecks = List.of();
    final List<RevocationStatus> revocation = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    PolicyCheck.Result policies = new PolicyCheck.Result(Set.of(), Set.of());
    List<RevocationStatus> bestRevocation = List.of();

    Run(Instant at) {
      this.at = at;
    }

    void fail(Problem p, List<ParsedCert> path) {
      if (bestProblem == null || path.size() > bestPath.size()) {
        bestProblem = p;
        bestPath = path;
        bestChecks = List.copyOf(checks);
        bestRevocation = List.copyOf(revocation);
      }
    }
  }

  private @Nullable List<ParsedCert> extend(Run run, List<ParsedCert> path, int intermediates)
      throws Problem {
    ParsedCert child = path.get(path.size() - 1);
    List<ParsedCert> candidates = new ArrayList<>(anchors);
    candidates.addAll(run.pool);
    for (int k = 0; k < candidates.size(); k++) {
      ParsedCert cand = candidates.get(k);
      boolean isAnchor = k < anchors.size();
      if (!cand.issued(child)) {
        continue;
      }
      byte[] aki = child.akiKeyId();
      if (aki != null && cand.ski != null && !Arrays.equals(aki, cand.ski)) {
        continue;
      }
      boolean loop = false;
      for (ParsedCert p : path) {
        loop |= p.sameAs(cand) || p.sameSubjectAndKey(cand);
      }
      if (loop) {
        continue;
      }
      if (++run.steps > MAX_STEPS) {
        throw Problem.of(
            ReasonCode.RESOURCE_LIMIT,
            "path",
            "more than %d candidate issuers examined",
            MAX_STEPS);
      }
      List<ParsedCert> next = new ArrayList<>(path);
      next.add(cand);
      int mark = run.checks.size();
      try {
        int below = intermediates;
        int now = intermediates + (isAnchor || cand.selfIssued ? 0 : 1);
        issuerChecks(run, child, cand, isAnchor, below);
        if (!isAnchor && now > maxDepth) {
          throw Problem.of(
              ReasonCode.PATH_LENGTH_EXCEEDED,
              "max-depth",
              "more than %d intermediate(s) needed",
              maxDepth);
        }
        if (next.size() > MAX_PATH_CERTS) {
          throw Problem.of(
              ReasonCode.PATH_LENGTH_EXCEEDED,
              "max-depth",
              "more than %d certificates on the path",
              MAX_PATH_CERTS);
        }
        if (isAnchor) {
          pathChecks(run, next);
          return next;
        }
        List<ParsedCert> found = extend(run, next, now);
        if (found != null) {
          return found;
        }
      } catch (Problem p) {
        if (p.code() == ReasonCode.RESOURCE_LIMIT) {
          throw p;
        }
        run.checks.add(check(p, cand));
        run.fail(p, next);
      }
      run.checks.subList(mark, run.checks.size()).clear();
    }
    return null;
  }

  // ------------------------------------------------------------------ checks

  private void leafChecks(Run run, ParsedCert l) throws Problem {
    pass(run, l, "profile", l.profileProblem, "conforms to the RFC 5280 profile");
    pass(run, l, "issuer-link", l.linkProblem, "serial number and authorityKeyIdentifier");
    pass(run, l, "public-key", l.keyProblem(minRsaBits), "key allowed");
    validity(run, l);
    for (String oid : requiredEkus) {
      if (l.eku != null && !l.eku.contains(oid)) {
        fail(
            run,
            l,
            Problem.of(
                ReasonCode.EKU_MISMATCH,
                "extended-key-usage",
                "leaf extKeyUsage %s does not include %s",
                l.eku,
                oid));
      }
    }
    ok(run, l, "extended-key-usage", requiredEkus.isEmpty() ? "none required" : "allowed");
    for (KeyUsage u : requiredKeyUsages) {
      if (l.keyUsageBits >= 0 && !l.hasKeyUsage(u)) {
        fail(
            run,
            l,
            Problem.of(
                ReasonCode.KEY_USAGE_MISMATCH,
                "key-usage",
                "leaf keyUsage lacks %s",
                u.name().toLowerCase(Locale.ROOT)));
      }
    }
    ok(run, l, "key-usage", requiredKeyUsages.isEmpty() ? "none required" : "allowed");
    if (tlsServer()) {
      tlsServerLeaf(run, l);
    }
    if (hostname != null) {
      hostnameCheck(run, l, hostname);
    }
    for (String email : emails) {
      boolean found = false;
      for (GeneralName n : l.san) {
        found |=
            n.getTagNo() == GeneralName.rfc822Name
                && Names.mailboxEquals(n.getName().toString(), email);
      }
      if (!found) {
        fail(
            run,
            l,
            Problem.of(ReasonCode.EMAIL_MISMATCH, "email", "no SAN rfc822Name equals '%s'", email));
      }
      ok(run, l, "email", "SAN holds " + email);
    }
    if (deviceSerial != null) {
      pass(
          run, l, "device-serial", DeviceSerial.check(l, deviceSerial), "bound to " + deviceSerial);
    }
  }

  private boolean tlsServer() {
    return requiredEkus.contains(ExtendedKeyUsage.SERVER_AUTH.oid());
  }

  /** CA/Browser Forum Baseline Requirements rules for a TLS server leaf. */
  private static void tlsServerLeaf(Run run, ParsedCert l) throws Problem {
    if (l.ekuCritical) {
      fail(
          run,
          l,
          Problem.of(
              ReasonCode.MALFORMED_CERTIFICATE, "tls-server", "extKeyUsage must not be critical"));
    }
    if (l.sanCritical && l.subject.getRDNs().length > 0) {
      fail(
          run,
          l,
          Problem.of(
              ReasonCode.MALFORMED_CERTIFICATE,
              "tls-server",
              "subjectAltName must not be critical when the subject is not empty"));
    }
    if (l.eku != null && l.eku.contains(ExtendedKeyUsage.ANY.oid())) {
      fail(
          run,
          l,
          Problem.of(
              ReasonCode.EKU_MISMATCH,
              "tls-server",
              "anyExtendedKeyUsage is not allowed in a TLS server certificate"));
    }
    for (String cn : l.commonNames()) {
      String denoted = denotedSanEntry(l, cn);
      if (denoted != null) {
        fail(
            run,
            l,
            Problem.of(
                ReasonCode.MALFORMED_CERTIFICATE,
                "tls-server",
                "subject commonName '%s' denotes SAN entry '%s' but is not a character-for-character"
                    + " copy of it",
                cn,
                denoted));
      }
    }
    ok(run, l, "tls-server", "CA/B Forum subscriber rules");
  }

  /**
   * The SAN entry a common name stands for without being its exact text (another letter case, an
   * IDN in Unicode instead of its A-label, an IP address in a non-canonical spelling); null when
   * the CN is an exact copy of a SAN entry or denotes none.
   */
  private static @Nullable String denotedSanEntry(ParsedCert l, String cn) {
    if (Names.isUnicodeDomain(cn)) {
      return "an A-label";
    }
    byte[] cnIp = Names.lenientIp(cn);
    String ascii;
    try {
      ascii = java.net.IDN.toASCII(cn, java.net.IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      ascii = cn;
    }
    String hit = null;
    for (GeneralName n : l.san) {
      if (n.getTagNo() == GeneralName.dNSName) {
        String d = n.getName().toString();
        if (d.equals(cn)) {
          return null;
        }
        if (d.equalsIgnoreCase(cn) || d.equalsIgnoreCase(ascii)) {
          hit = d;
        }
      } else if (n.getTagNo() == GeneralName.iPAddress) {
        byte[] ip = ASN1OctetString.getInstance(n.getName()).getOctets();
        String text = Names.ipText(ip);
        if (text.equals(cn)) {
          return null;
        }
        if (cnIp != null && Arrays.equals(cnIp, ip)) {
          hit = text;
        }
      }
    }
    return hit;
  }

  private static void hostnameCheck(Run run, ParsedCert l, String host) throws Problem {
    byte[] ip = Names.ipLiteral(host);
    for (GeneralName n : l.san) {
      if (ip != null && n.getTagNo() == GeneralName.iPAddress) {
        if (Arrays.equals(ip, ASN1OctetString.getInstance(n.getName()).getOctets())) {
          ok(run, l, "hostname", "SAN iPAddress matches " + host);
          return;
        }
      } else if (ip == null && n.getTagNo() == GeneralName.dNSName) {
        if (Names.dnsMatches(n.getName().toString(), host)) {
          ok(run, l, "hostname", "SAN dNSName " + n.getName() + " matches " + host);
          return;
        }
      }
    }
    fail(
        run,
        l,
        Problem.of(
            ReasonCode.HOSTNAME_MISMATCH,
            "hostname",
            "no SAN %s matches '%s'%s",
            ip != null ? "iPAddress" : "dNSName",
            host,
            l.sanPresent ? "" : " (no subjectAltName; no CN fallback)"));
  }

  private void validity(Run run, ParsedCert c) throws Problem {
    if (run.at.isBefore(c.notBefore)) {
      fail(
          run,
          c,
          Problem.of(
              ReasonCode.NOT_YET_VALID,
              "validity",
              "'%s' is valid from %s, but the validation time is %s",
              c.subjectText(),
              c.notBefore,
              run.at));
    }
    if (run.at.isAfter(c.notAfter)) {
      fail(
          run,
          c,
          Problem.of(
              ReasonCode.EXPIRED,
              "validity",
              "'%s' expired at %s, but the validation time is %s",
              c.subjectText(),
              c.notAfter,
              run.at));
    }
    ok(run, c, "validity", () -> c.notBefore + " .. " + c.notAfter);
  }

  private void issuerChecks(
      Run run, ParsedCert child, ParsedCert ca, boolean isAnchor, int intermediatesBelow)
      throws Problem {
    pass(run, ca, "profile", ca.profileProblem, "conforms to the RFC 5280 profile");
    pass(run, ca, "public-key", ca.keyProblem(minRsaBits), "key allowed");
    if (!isAnchor) {
      pass(run, ca, "issuer-link", ca.linkProblem, "serial number and authorityKeyIdentifier");
    }
    if (isAnchor && ca.selfIssued && ca.aki != null) {
      anchorAki(run, ca, ca.aki);
    }
    validity(run, ca);
    if (ca.basicConstraints == null || !ca.isCa() || !ca.basicConstraintsCritical) {
      fail(
          run,
          ca,
          Problem.of(
              ReasonCode.BASIC_CONSTRAINTS,
              "basic-constraints",
              "issuer '%s' needs a critical basicConstraints with cA true",
              ca.subjectText()));
    }
    ok(run, ca, "basic-constraints", "cA");
    if (ca.keyUsageBits >= 0 && !ca.hasKeyUsage(KeyUsage.KEY_CERT_SIGN)) {
      fail(
          run,
          ca,
          Problem.of(
              ReasonCode.KEY_USAGE_MISMATCH,
              "key-usage",
              "issuer '%s' keyUsage lacks keyCertSign",
              ca.subjectText()));
    }
    if (ca.ski == null) {
      fail(
          run,
          ca,
          Problem.of(
              ReasonCode.MALFORMED_CERTIFICATE,
              "profile",
              "CA '%s' has no subjectKeyIdentifier",
              ca.subjectText()));
    }
    if (ca.subject.getRDNs().length == 0) {
      fail(
          run,
          ca,
          Problem.of(ReasonCode.MALFORMED_CERTIFICATE, "profile", "CA with an empty subject"));
    }
    if (ca.nameConstraints != null) {
      pass(
          run,
          ca,
          "name-constraints",
          NameConstraintsCheck.syntax(ca.nameConstraints),
          "well-formed");
    }
    if (ca.eku != null) {
      if (isAnchor && tlsServer()) {
        fail(
            run,
            ca,
            Problem.of(
                ReasonCode.EKU_MISMATCH,
                "extended-key-usage",
                "trust anchor '%s' carries extKeyUsage (CA/B Forum: forbidden for roots)",
                ca.subjectText()));
      }
      if (!ca.eku.contains(ExtendedKeyUsage.ANY.oid())) {
        for (String oid : requiredEkus) {
          if (!ca.eku.contains(oid)) {
            fail(
                run,
                ca,
                Problem.of(
                    ReasonCode.EKU_MISMATCH,
                    "extended-key-usage",
                    "CA '%s' extKeyUsage %s does not allow %s",
                    ca.subjectText(),
                    ca.eku,
                    oid));
          }
        }
      }
      ok(run, ca, "extended-key-usage", "CA allows the required purposes");
    }
    if (ca.basicConstraints != null && ca.basicConstraints.getPathLenConstraint() != null) {
      int max = ca.basicConstraints.getPathLenConstraint().intValue();
      if (intermediatesBelow > max) {
        fail(
            run,
            ca,
            Problem.of(
                ReasonCode.PATH_LENGTH_EXCEEDED,
                "path-length",
                "'%s' has pathLenConstraint %d but %d intermediate(s) follow it",
                ca.subjectText(),
                max,
                intermediatesBelow));
      }
      ok(run, ca, "path-length", () -> intermediatesBelow + " <= " + max);
    }
    if (child.signatureAlgorithm == null || !algorithms.contains(child.signatureAlgorithm)) {
      fail(
          run,
          child,
          Problem.of(
              ReasonCode.WEAK_ALGORITHM,
              "signature-algorithm",
              "signature algorithm %s of '%s' is not allowed",
              child.signatureAlgorithm == null
                  ? child.bc.getSignatureAlgorithm().getAlgorithm().getId()
                  : child.signatureAlgorithm.name(),
              child.subjectText()));
    }
    ContentVerifierProvider v = run.verifiers.get(ca);
    if (v == null) {
      try {
        v = issuerKeys.verifier(ca);
      } catch (Problem p) {
        fail(run, ca, p);
      }
      run.verifiers.put(ca, v);
    }
    boolean verified =
        signatureCache != null ? signatureCache.verifies(ca, child, v) : Keys.verifies(child, v);
    if (!verified) {
      fail(
          run,
          child,
          Problem.of(
              ReasonCode.SIGNATURE_INVALID,
              "signature",
              "signature of '%s' does not verify with the key of '%s'",
              child.subjectText(),
              ca.subjectText()));
    }
    ok(run, child, "signature", () -> "verified with the key of " + ca.subjectText());
  }

  /** CA/B Forum 7.1.2.1.3: a root's authorityKeyIdentifier holds only its own key identifier. */
  private static void anchorAki(Run run, ParsedCert ca, AuthorityKeyIdentifier aki) throws Problem {
    String why = null;
    if (aki.getKeyIdentifier() == null) {
      why = "has no keyIdentifier";
    } else if (aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null) {
      why = "holds authorityCertIssuer or authorityCertSerialNumber";
    } else if (ca.ski != null && !Arrays.equals(ca.ski, aki.getKeyIdentifier())) {
      why = "keyIdentifier differs from the subjectKeyIdentifier";
    }
    if (why != null) {
      fail(
          run,
          ca,
          Problem.of(
              ReasonCode.MALFORMED_CERTIFICATE,
              "profile",
              "self-signed '%s': authorityKeyIdentifier %s",
              ca.subjectText(),
              why));
    }
  }

  /** Checks that need the whole path: name constraints and revocation. */
  private void pathChecks(Run run, List<ParsedCert> path) throws Problem {
    for (int j = 1; j < path.size(); j++) {
      ParsedCert ca = path.get(j);
      if (ca.nameConstraints == null) {
        continue;
      }
      for (int i = 0; i < j; i++) {
        ParsedCert c = path.get(i);
        if (i > 0 && c.selfIssued) {
          continue; // RFC 5280 6.1.3(b): self-issued intermediates are exempt
        }
        try {
          NameConstraintsCheck.check(ca, c, run.ncBudget);
        } catch (Problem p) {
          if (p.code() == ReasonCode.RESOURCE_LIMIT) {
            throw p;
          }
          fail(run, c, p);
        }
      }
      ok(run, ca, "name-constraints", "every name below is within the constraints");
    }
    run.policies = new PolicyCheck.Result(Set.of(), Set.of());
    if (!policyOptions.isDefault() || hasPolicyExtensions(path)) {
      try {
        run.policies = PolicyCheck.run(path, policyOptions);
      } catch (Problem p) {
        if (p.code() == ReasonCode.RESOURCE_LIMIT) {
          throw p;
        }
        fail(run, path.get(0), p);
      }
      ok(run, path.get(0), "certificate-policies", "valid policies " + run.policies.user());
    }
    revocationChecks(run, path);
  }

  private static boolean hasPolicyExtensions(List<ParsedCert> path) {
    for (ParsedCert c : path) {
      org.bouncycastle.asn1.x509.Extensions ext = c.bc.getTBSCertificate().getExtensions();
      if (ext != null
          && (ext.getExtension(org.bouncycastle.asn1.x509.Extension.certificatePolicies) != null
              || ext.getExtension(org.bouncycastle.asn1.x509.Extension.policyConstraints) != null
              || ext.getExtension(org.bouncycastle.asn1.x509.Extension.policyMappings) != null)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Revocation of the path below the anchor from the supplied CRLs and OCSP responses: a revoked
   * status from any usable source wins, then a good one; the policy decides what unknown means.
   */
  private void revocationChecks(Run run, List<ParsedCert> path) throws Problem {
    run.revocation.clear();
    run.warnings.clear();
    RevocationPolicy policy = revocationPolicy;
    if (policy == null) {
      if (crls.isEmpty() && ocsp.isEmpty()) {
        return;
      }
      policy = RevocationPolicy.HARD_FAIL_WHOLE_CHAIN;
    }
    int covered = policy.scope() == RevocationPolicy.Scope.LEAF_ONLY ? 1 : path.size() - 1;
    for (int i = 0; i < covered; i++) {
      ParsedCert c = path.get(i);
      ParsedCert issuer = path.get(i + 1);
      ContentVerifierProvider v = Objects.requireNonNull(run.verifiers.get(issuer));
      RevocationStatus fromOcsp =
          ocsp.status(c, issuer, v, run.at, revocationTolerance, algorithms);
      RevocationStatus fromCrl = crls.status(c, issuer, v, run.at, revocationTolerance);
      RevocationStatus s = combine(fromOcsp, fromCrl);
      run.revocation.add(s);
      switch (s.state()) {
        case REVOKED ->
            fail(
                run,
                c,
                Problem.of(
                    ReasonCode.REVOKED,
                    "revocation",
                    "'%s' (serial %s) revoked on %s%s (%s)",
                    c.subjectText(),
                    s.serialNumber().toString(16),
                    s.revocationTime(),
                    s.reason() == null ? "" : ", reason " + s.reason(),
                    s.detail()));
        case UNKNOWN -> {
          if (policy.mode() == RevocationPolicy.Mode.HARD_FAIL) {
            fail(run, c, Problem.of(ReasonCode.REVOCATION_UNKNOWN, "revocation", "%s", s.detail()));
          }
          run.warnings.add("revocation status unknown (soft fail): " + s.detail());
          ok(run, c, "revocation", "unknown, accepted by the soft-fail policy: " + s.detail());
        }
        case GOOD -> ok(run, c, "revocation", s.detail());
      }
    }
  }

  private static RevocationStatus combine(
      @Nullable RevocationStatus fromOcsp, RevocationStatus fromCrl) {
    if (fromOcsp == null) {
      return fromCrl;
    }
    for (RevocationStatus.State st :
        List.of(RevocationStatus.State.REVOKED, RevocationStatus.State.GOOD)) {
      if (fromOcsp.state() == st) {
        return fromOcsp;
      }
      if (fromCrl.state() == st) {
        return fromCrl;
      }
    }
    return new RevocationStatus(
        fromOcsp.subject(),
        fromOcsp.serialNumber(),
        RevocationStatus.State.UNKNOWN,
        fromOcsp.source(),
        null,
        null,
        fromOcsp.detail() + "; " + fromCrl.detail());
  }

  private static void pass(
      Run run, ParsedCert c, String name, @Nullable Problem problem, String detail) throws Problem {
    if (problem != null) {
      fail(run, c, problem);
    }
    ok(run, c, name, detail);
  }

  private static void ok(Run run, ParsedCert c, String name, String detail) {
    run.checks.add(new Step(name, c, null, Outcome.PASSED, detail, null));
  }

  private static void ok(Run run, ParsedCert c, String name, Supplier<String> detail) {
    run.checks.add(new Step(name, c, null, Outcome.PASSED, null, detail));
  }

  private static void fail(Run run, ParsedCert c, Problem p) throws Problem {
    throw p;
  }

  private static Step check(Problem p, ParsedCert c) {
    return new Step(p.check(), c, null, Outcome.FAILED, p.getMessage(), null);
  }

  private static ChainVerification failure(
      Run run, Problem p, List<X509Certificate> path, List<Step> checks) {
    return failure(run, p, path, checks, List.of());
  }

  private static ChainVerification failure(
      Run run,
      Problem p,
      List<X509Certificate> path,
      List<Step> checks,
      List<RevocationStatus> revocation) {
    List<Step> all = new ArrayList<>(checks);
    boolean recorded = false;
    for (Step c : all) {
      recorded |= c.outcome() == Outcome.FAILED && p.getMessage().equals(c.detail());
    }
    if (!recorded) {
      String subject = path.isEmpty() ? "" : path.get(0).getSubjectX500Principal().getName();
      all.add(new Step(p.check(), null, subject, Outcome.FAILED, p.getMessage(), null));
    }
    return new ChainVerification(
        p.code(),
        p.getMessage(),
        path,
        Step.renderLater(all),
        run.at,
        revocation,
        List.of(),
        Set.of(),
        Set.of());
  }

  private static List<X509Certificate> x509(List<ParsedCert> path) {
    List<X509Certificate> out = new ArrayList<>(path.size());
    for (ParsedCert p : path) {
      out.add(p.x509);
    }
    return out;
  }

  /**
   * A check as recorded during validation: the certificate's subject and a composed detail are
   * rendered as text only when {@link ChainVerification#checks()} is first read.
   */
  record Step(
      String name,
      @Nullable ParsedCert cert,
      @Nullable String subject,
      Outcome outcome,
      @Nullable String detail,
      @Nullable Supplier<String> lazyDetail) {
    Check render() {
      return new Check(
          name,
          cert != null ? cert.subjectText() : Objects.requireNonNull(subject),
          outcome,
          lazyDetail != null ? lazyDetail.get() : Objects.requireNonNull(detail));
    }

    /** The checks, rendered on first use (the list is copied now). */
    static Supplier<List<Check>> renderLater(List<Step> steps) {
      Step[] copy = steps.toArray(new Step[0]);
      return () -> {
        List<Check> out = new ArrayList<>(copy.length);
        for (Step st : copy) {
          out.add(st.render());
        }
        return out;
      };
    }
  }

  // ------------------------------------------------------------------ builder

  /**
   * Configures a {@link TrustChainValidator}. Mutable and not thread-safe; each option may be set
   * once.
   */
  public static final class Builder {
    private final List<X509Certificate> anchors = new ArrayList<>();
    private @Nullable Clock clock;
    private @Nullable Instant fixedTime;
    private int maxDepth = 8;
    private Set<SignatureAlgorithm> algorithms = SignatureAlgorithm.DEFAULTS;
    private int minRsaBits = 2048;
    private final List<ExtendedKeyUsage> ekus = new ArrayList<>();
    private final Set<KeyUsage> keyUsages = EnumSet.noneOf(KeyUsage.class);
    private @Nullable String hostname;
    private final List<String> emails = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private final List<byte[]> ocspResponses = new ArrayList<>();
    private @Nullable RevocationPolicy revocationPolicy;
    private Duration revocationTolerance = Duration.ZERO;
    private final Set<String> initialPolicies = new LinkedHashSet<>();
    private boolean explicitPolicy;
    private boolean policyMappingInhibit;
    private boolean anyPolicyInhibit;
    private @Nullable String deviceSerial;
    private @Nullable String deviceFactory;
    private @Nullable SignatureCache signatureCache;
    private final Set<String> set = new LinkedHashSet<>();

    private Builder() {}

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s; expected to be set once, but got a second call", option));
      }
    }

    /**
     * Sets the trust anchors: trusted certificates, self-signed roots or not. Required.
     *
     * @param trustAnchors one or more certificates
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder trustAnchors(Collection<X509Certificate> trustAnchors) {
      once("trustAnchors");
      for (X509Certificate c : trustAnchors) {
        anchors.add(Objects.requireNonNull(c, "trust anchor"));
      }
      return this;
    }

    /**
     * Validates at the current instant of {@code clock} (default: the system UTC clock).
     *
     * @param clock the time source
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates at a fixed instant; cannot be combined with {@link #clock(Clock)}.
     *
     * @param instant the validation time; truncated to whole seconds
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder validationTime(Instant instant) {
      once("validationTime");
      this.fixedTime = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /**
     * Sets the maximum number of intermediates between leaf and trust anchor (default 8).
     * Self-issued intermediates (key rollover) do not count, as for pathLenConstraint.
     *
     * @param maxDepth zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if called twice
     */
    public Builder maxDepth(int maxDepth) {
      once("maxDepth");
      if (maxDepth < 0) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "maxDepth; expected >= 0, but got %d", maxDepth));
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Replaces the signature-algorithm allow-list (default {@link SignatureAlgorithm#DEFAULTS}).
     *
     * @param allowed the allowed algorithms, not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if called twice
     */
    public Builder allowedSignatureAlgorithms(Set<SignatureAlgorithm> allowed) {
      once("allowedSignatureAlgorithms");
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException(
            "allowedSignatureAlgorithms; expected at least one, but got none");
      }
      this.algorithms = Set.copyOf(allowed);
      return this;
    }

    /**
     * Sets the minimum RSA modulus size of every key on the path (default 2048).
     *
     * @param bits at least 1024
     * @return this builder
     * @throws IllegalArgumentException if below 1024
     * @throws IllegalStateException if called twice
     */
    public Builder minimumRsaModulusBits(int bits) {
      once("minimumRsaModulusBits");
      if (bits < 1024) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "minimumRsaModulusBits; expected >= 1024, but got %d", bits));
      }
      this.minRsaBits = bits;
      return this;
    }

    /**
     * Requires extended key usages of the leaf (all of them). Requiring {@link
     * ExtendedKeyUsage#SERVER_AUTH} also applies the CA/B Forum TLS server rules.
     *
     * @param required the purposes
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder requiredExtendedKeyUsages(Collection<ExtendedKeyUsage> required) {
      once("requiredExtendedKeyUsages");
      for (ExtendedKeyUsage e : required) {
        ekus.add(Objects.requireNonNull(e, "extended key usage"));
      }
      return this;
    }

    /**
     * Requires key usage bits of the leaf (all of them; a leaf without keyUsage allows all).
     *
     * @param required the key usages
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder requiredKeyUsages(Collection<KeyUsage> required) {
      once("requiredKeyUsages");
      keyUsages.addAll(required);
      return this;
    }

    /**
     * Expects the leaf to be issued to a host: a DNS name matched against SAN dNSName entries (RFC
     * 6125, wildcard only as the whole left-most label), or an IPv4/IPv6 literal matched against
     * SAN iPAddress entries. The subject common name is never used.
     *
     * @param host the host name or IP literal
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if called twice
     */
    public Builder expectedHostname(String host) {
      once("expectedHostname");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("expectedHostname; expected a name, but got ''");
      }
      this.hostname = host;
      return this;
    }

    /**
     * Expects the leaf to hold every one of these e-mail addresses as a SAN rfc822Name (local part
     * exact, domain case-insensitive).
     *
     * @param addresses the addresses
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder expectedEmails(Collection<String> addresses) {
      once("expectedEmails");
      for (String a : addresses) {
        emails.add(Objects.requireNonNull(a, "email"));
      }
      return this;
    }

    /**
     * Checks revocation with these CRLs (no network): complete CRLs, delta CRLs (applied on the
     * newest usable complete CRL whose cRLNumber is at least their BaseCRLNumber), and CRLs scoped
     * by an issuingDistributionPoint. Indirect CRLs and CRLs partitioned by onlySomeReasons are
     * rejected as unsupported. Supplying CRLs or OCSP responses turns revocation checking on with
     * {@link RevocationPolicy#HARD_FAIL_WHOLE_CHAIN} unless {@link #revocationPolicy} says
     * otherwise.
     *
     * @param revocationLists the CRLs
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder crls(Collection<X509CRL> revocationLists) {
      once("crls");
      for (X509CRL c : revocationLists) {
        crls.add(Objects.requireNonNull(c, "crl"));
      }
      return this;
    }

    /**
     * Checks revocation with these OCSP responses (RFC 6960), supplied offline: DER encodings of
     * OCSPResponse (non-successful ones are ignored) or of a bare BasicOCSPResponse. A response
     * counts for a certificate when a single response's CertID matches it (SHA-1 or SHA-2 hashes of
     * the issuer's name and key, and the serial number), the response is signed by the issuing CA
     * or by a delegated responder certificate (included in the response) that the CA issued with
     * id-kp-OCSPSigning and that is valid at the validation time, with an allowed signature
     * algorithm, and thisUpdate/nextUpdate bracket the validation time (see {@link
     * #revocationFreshnessTolerance}). A nonce is not required. A revoked status from any usable
     * source (OCSP or CRL) wins over a good one.
     *
     * @param responses DER-encoded responses
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder ocspResponses(Collection<byte[]> responses) {
      once("ocspResponses");
      for (byte[] r : responses) {
        ocspResponses.add(Objects.requireNonNull(r, "ocsp response").clone());
      }
      return this;
    }

    /**
     * Sets how revocation is checked. Default: checked only when CRLs or OCSP responses are
     * supplied, and then {@link RevocationPolicy#HARD_FAIL_WHOLE_CHAIN} (no usable status for a
     * certificate below the anchor is {@link ReasonCode#REVOCATION_UNKNOWN}). An explicit policy
     * turns checking on even without sources; {@link RevocationPolicy.Mode#SOFT_FAIL} reports an
     * unknown status in {@link ChainVerification#warnings()} instead of failing. A revoked
     * certificate is always {@link ReasonCode#REVOKED}.
     *
     * @param policy mode and scope
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder revocationPolicy(RevocationPolicy policy) {
      once("revocationPolicy");
      this.revocationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the clock-skew tolerance for CRL and OCSP freshness (default zero): a source is usable
     * when {@code thisUpdate <= t + tolerance} and {@code t - tolerance <= nextUpdate}. An OCSP
     * response without nextUpdate is usable only while {@code t - tolerance <= thisUpdate}.
     *
     * @param tolerance zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if called twice
     */
    public Builder revocationFreshnessTolerance(Duration tolerance) {
      once("revocationFreshnessTolerance");
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "revocationFreshnessTolerance; expected >= 0, but got %s", tolerance));
      }
      this.revocationTolerance = tolerance;
      return this;
    }

    /**
     * Sets the user-initial-policy-set of RFC 5280 6.1.1 (default: anyPolicy, {@code 2.5.29.32.0}):
     * the certificate policies acceptable to the caller. The path is rejected ({@link
     * ReasonCode#POLICY_VIOLATION}) only when an explicit policy is required (by {@link
     * #requireExplicitPolicy()} or a policyConstraints on the path) and none of these is valid.
     *
     * @param policyOids dotted OIDs, at least one
     * @return this builder
     * @throws IllegalArgumentException if empty or not an OID
     * @throws IllegalStateException if called twice
     */
    public Builder initialPolicySet(Collection<String> policyOids) {
      once("initialPolicySet");
      if (policyOids.isEmpty()) {
        throw new IllegalArgumentException(
            "initialPolicySet; expected at least one OID, but got none");
      }
      for (String oid : policyOids) {
        try {
          new org.bouncycastle.asn1.ASN1ObjectIdentifier(Objects.requireNonNull(oid, "oid"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "initialPolicySet; expected dotted OIDs, but got '%s'", oid),
              e);
        }
        initialPolicies.add(oid);
      }
      return this;
    }

    /**
     * Sets initial-explicit-policy (RFC 5280 6.1.1 (f)): the path must be valid for at least one
     * policy of the initial policy set. Default: not required.
     *
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder requireExplicitPolicy() {
      once("requireExplicitPolicy");
      this.explicitPolicy = true;
      return this;
    }

    /**
     * Sets initial-policy-mapping-inhibit (RFC 5280 6.1.1 (e)): policy mappings on the path are not
     * honoured (a mapped policy is removed). Default: mappings honoured.
     *
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder inhibitPolicyMapping() {
      once("inhibitPolicyMapping");
      this.policyMappingInhibit = true;
      return this;
    }

    /**
     * Sets initial-any-policy-inhibit (RFC 5280 6.1.1 (g)): anyPolicy in a certificate does not
     * match other policies (except in self-issued intermediates). Default: anyPolicy honoured.
     *
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder inhibitAnyPolicy() {
      once("inhibitAnyPolicy");
      this.anyPolicyInhibit = true;
      return this;
    }

    /**
     * Expects the leaf to be the device certificate (IEEE 802.1AR IDevID/LDevID) of the device with
     * this serial number: its subject serialNumber attribute (2.5.4.5) or a subjectAltName
     * otherName hardwareModuleName (RFC 4108) hwSerialNum (compared as UTF-8 octets) must equal it
     * exactly, otherwise {@link ReasonCode#SERIAL_MISMATCH}. See also {@link
     * DeviceIdentityVerifier}.
     *
     * @param serialNumber the registered serial number
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if called twice
     */
    public Builder expectedDeviceSerialNumber(String serialNumber) {
      once("expectedDeviceSerialNumber");
      if (serialNumber.isEmpty()) {
        throw new IllegalArgumentException(
            "expectedDeviceSerialNumber; expected a serial number, but got ''");
      }
      this.deviceSerial = serialNumber;
      return this;
    }

    /**
     * Names the manufacturing site ("factory") whose anchors this validator was given, for the
     * signed report only ({@link DeviceIdentityVerifier} sets it); it changes no check.
     */
    Builder deviceFactory(String factoryId) {
      once("deviceFactory");
      this.deviceFactory = Objects.requireNonNull(factoryId, "factoryId");
      return this;
    }

    /**
     * Keeps the certificate signatures this validator verifies successfully in a new bounded cache
     * of its own, so a certificate seen again (the same issuer key, algorithm, tbsCertificate and
     * signature) skips the signature computation; every other check still runs. Off by default. See
     * {@link SignatureCache} for what an entry covers.
     *
     * @param maxEntries the number of verified signatures kept at most (least recently used dropped
     *     first), at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxEntries} is below 1
     * @throws IllegalStateException if a signature cache was already set
     */
    public Builder signatureCache(int maxEntries) {
      return signatureCache(SignatureCache.create(maxEntries));
    }

    /**
     * Keeps the certificate signatures this validator verifies successfully in {@code cache}, which
     * other validators may share. Off by default.
     *
     * @param cache the cache
     * @return this builder
     * @throws IllegalStateException if a signature cache was already set
     */
    public Builder signatureCache(SignatureCache cache) {
      once("signatureCache");
      this.signatureCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Builds the validator.
     *
     * @return the validator
     * @throws IllegalStateException if no trust anchor was given, or both a clock and a fixed
     *     validation time were set
     * @throws IllegalArgumentException if a CRL or an OCSP response cannot be parsed
     */
    public TrustChainValidator build() {
      if (anchors.isEmpty()) {
        throw new IllegalStateException("trustAnchors; expected at least one, but got none");
      }
      if (clock != null && fixedTime != null) {
        throw new IllegalStateException(
            "clock and validationTime; expected one of them, but got both");
      }
      if (clock == null && fixedTime == null) {
        clock = Clock.systemUTC();
      }
      return new TrustChainValidator(this);
    }
  }
}
