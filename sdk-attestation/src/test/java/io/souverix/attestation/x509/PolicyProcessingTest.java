package io.souverix.attestation.x509;

import static io.souverix.attestation.x509.TestPki.NOW;
import static io.souverix.attestation.x509.TestPki.intermediate;
import static io.souverix.attestation.x509.TestPki.leaf;
import static io.souverix.attestation.x509.TestPki.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.x509.TestPki.Issued;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PolicyProcessingTest {
  private static final String ANY = "2.5.29.32.0";
  private static final String P1 = "1.3.6.1.4.1.55738.1.1";
  private static final String P2 = "1.3.6.1.4.1.55738.1.2";
  private static final String P3 = "1.3.6.1.4.1.55738.1.3";

  private final Issued root = root("Root").issue();

  private ChainVerification validate(
      Issued leaf, List<Issued> intermediates, Consumer<TrustChainValidator.Builder> options) {
    List<X509Certificate> ints = new ArrayList<>();
    intermediates.forEach(i -> ints.add(i.cert()));
    TrustChainValidator.Builder b =
        TrustChainValidator.newBuilder().trustAnchors(List.of(root.cert())).validationTime(NOW);
    options.accept(b);
    return b.build().validate(leaf.cert(), ints);
  }

  private static Consumer<TrustChainValidator.Builder> explicit(String... acceptable) {
    return b -> b.requireExplicitPolicy().initialPolicySet(List.of(acceptable));
  }

  @Test
  void noPolicyExtensions_defaultOptions_isValidWithEmptyPolicySets() {
    Issued ica = intermediate("CA", root).issue();
    Issued leaf = leaf("a.example", ica).issue();

    ChainVerification v = validate(leaf, List.of(ica), b -> {});

    assertThat(v.isValid()).isTrue();
    assertThat(v.authoritiesConstrainedPolicies()).isEmpty();
  }

  @Test
  void noPolicyExtensions_explicitPolicyRequired_isPolicyViolation() {
    Issued ica = intermediate("CA", root).issue();
    Issued leaf = leaf("a.example", ica).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(ANY));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void samePolicyOnPath_explicitAcceptable_isValidAndReportsIt() {
    Issued ica = intermediate("CA", root).policies(P1, P2).issue();
    Issued leaf = leaf("a.example", ica).policies(P1).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(P1));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.authoritiesConstrainedPolicies()).containsExactly(P1);
    assertThat(v.userConstrainedPolicies()).containsExactly(P1);
    assertThat(v.checks()).anyMatch(c -> c.name().equals("certificate-policies"));
  }

  @Test
  void policyNotAcceptable_explicit_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(P1).issue();
    Issued leaf = leaf("a.example", ica).policies(P1).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(P2));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
    assertThat(v.message()).contains(P1);
  }

  @Test
  void policyNotAcceptable_notExplicit_isValidWithEmptyUserSet() {
    Issued ica = intermediate("CA", root).policies(P1).issue();
    Issued leaf = leaf("a.example", ica).policies(P1).issue();

    ChainVerification v = validate(leaf, List.of(ica), b -> b.initialPolicySet(List.of(P2)));

    assertThat(v.isValid()).isTrue();
    assertThat(v.authoritiesConstrainedPolicies()).containsExactly(P1);
    assertThat(v.userConstrainedPolicies()).isEmpty();
  }

  @Test
  void requireExplicitPolicyZeroInCa_leafWithoutPolicies_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(P1).policyConstraints(0, null).issue();
    Issued leaf = leaf("a.example", ica).issue();

    ChainVerification v = validate(leaf, List.of(ica), b -> {});

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void requireExplicitPolicyOne_skipsOneCertificate() {
    Issued ica1 = intermediate("CA1", root).policies(ANY).policyConstraints(1, null).issue();
    Issued ica2 = intermediate("CA2", ica1).issue(); // no policies: tree becomes NULL here
    Issued leaf = leaf("a.example", ica2).issue();
    Issued ica2p = intermediate("CA2", ica1).policies(P1).issue();
    Issued leafp = leaf("a.example", ica2p).policies(P1).issue();

    ChainVerification without = validate(leaf, List.of(ica1, ica2), b -> {});
    ChainVerification with = validate(leafp, List.of(ica1, ica2p), b -> {});

    assertThat(without.reason()).contains(ReasonCode.POLICY_VIOLATION);
    assertThat(with.isValid()).as(with.message()).isTrue();
  }

  @Test
  void policyMapping_issuerDomainToSubjectDomain_isValidInAnchorDomain() {
    Issued ica = intermediate("CA", root).policies(P1).policyMapping(P1, P2).issue();
    Issued leaf = leaf("a.example", ica).policies(P2).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(P1));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.userConstrainedPolicies()).containsExactly(P1);
  }

  @Test
  void policyMapping_inhibitedByCaller_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(P1).policyMapping(P1, P2).issue();
    Issued leaf = leaf("a.example", ica).policies(P2).issue();

    ChainVerification v =
        validate(
            leaf, List.of(ica), b -> explicit(P1).andThen(x -> x.inhibitPolicyMapping()).accept(b));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void policyMapping_inhibitedByHigherCaPolicyConstraints_isPolicyViolation() {
    Issued ica1 = intermediate("CA1", root).policies(P1).policyConstraints(null, 0).issue();
    Issued ica2 = intermediate("CA2", ica1).policies(P1).policyMapping(P1, P2).issue();
    Issued leaf = leaf("a.example", ica2).policies(P2).issue();
    Issued ica1free = intermediate("CA1", root).policies(P1).issue();
    Issued ica2free = intermediate("CA2", ica1free).policies(P1).policyMapping(P1, P2).issue();
    Issued leafFree = leaf("a.example", ica2free).policies(P2).issue();

    ChainVerification inhibited = validate(leaf, List.of(ica1, ica2), explicit(P1));
    ChainVerification mapped = validate(leafFree, List.of(ica1free, ica2free), explicit(P1));

    assertThat(inhibited.reason()).contains(ReasonCode.POLICY_VIOLATION);
    assertThat(mapped.isValid()).as(mapped.message()).isTrue();
  }

  @Test
  void policyMapping_ofAnyPolicy_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(ANY).policyMapping(ANY, P2).issue();
    Issued leaf = leaf("a.example", ica).policies(P2).issue();

    ChainVerification v = validate(leaf, List.of(ica), b -> {});

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
    assertThat(v.message()).contains("anyPolicy");
  }

  @Test
  void anyPolicyInCa_matchesSpecificLeafPolicy() {
    Issued ica = intermediate("CA", root).policies(ANY).issue();
    Issued leaf = leaf("a.example", ica).policies(P1).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(P1));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.authoritiesConstrainedPolicies()).containsExactly(P1);
  }

  @Test
  void anyPolicyInCa_inhibitedByCaller_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(ANY).issue();
    Issued leaf = leaf("a.example", ica).policies(P1).issue();

    ChainVerification v =
        validate(
            leaf, List.of(ica), b -> explicit(P1).andThen(x -> x.inhibitAnyPolicy()).accept(b));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void inhibitAnyPolicyZeroInCa_anyPolicyBelowIsNotHonoured() {
    Issued ica1 = intermediate("CA1", root).policies(ANY).inhibitAnyPolicy(0).issue();
    Issued ica2 = intermediate("CA2", ica1).policies(ANY).issue();
    Issued leaf = leaf("a.example", ica2).policies(P1).issue();

    ChainVerification v = validate(leaf, List.of(ica1, ica2), explicit(P1));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void inhibitAnyPolicyOneInCa_allowsAnyPolicyInTheNextCaOnly() {
    Issued ica1 = intermediate("CA1", root).policies(ANY).inhibitAnyPolicy(1).issue();
    Issued ica2 = intermediate("CA2", ica1).policies(ANY).issue();
    Issued leafP1 = leaf("a.example", ica2).policies(P1).issue();
    Issued ica3 = intermediate("CA3", ica2).policies(ANY).issue();
    Issued leafBelowIca3 = leaf("b.example", ica3).policies(P1).issue();

    ChainVerification twoCas = validate(leafP1, List.of(ica1, ica2), explicit(P1));
    ChainVerification threeCas = validate(leafBelowIca3, List.of(ica1, ica2, ica3), explicit(P1));

    assertThat(twoCas.isValid()).as(twoCas.message()).isTrue();
    assertThat(threeCas.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }

  @Test
  void anyPolicyThroughout_userSetSpecific_intersectsToUserPolicies() {
    Issued ica = intermediate("CA", root).policies(ANY).issue();
    Issued leaf = leaf("a.example", ica).policies(ANY).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(P1, P3));

    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.authoritiesConstrainedPolicies()).containsExactly(ANY);
    assertThat(v.userConstrainedPolicies()).containsExactlyInAnyOrder(P1, P3);
  }

  @Test
  void policyOnlyInSomeCertificates_explicit_isPolicyViolation() {
    Issued ica = intermediate("CA", root).policies(P1).issue();
    Issued leaf = leaf("a.example", ica).policies(P2).issue();

    ChainVerification v = validate(leaf, List.of(ica), explicit(ANY));

    assertThat(v.reason()).contains(ReasonCode.POLICY_VIOLATION);
  }
}
