package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kit tests itself: each deliberately broken adapter of {@link BrokenStores} fails the rules it
 * breaks, with a message that says why, while the rules it does not break still pass.
 */
class BrokenAdapterTest {
  private static RuleResult rule(Map<String, RuleResult> results, String method) {
    assertThat(results).as("rules run").containsKey(method);
    return results.get(method);
  }

  private static void assertFails(Map<String, RuleResult> results, String method, String message) {
    RuleResult r = rule(results, method);
    assertThat(r.status()).as("%s: %s", method, r.message()).isEqualTo(RuleResult.Status.FAILED);
    assertThat(r.message()).as("failure message of %s", method).contains(message);
  }

  private static void assertPasses(Map<String, RuleResult> results, String method) {
    RuleResult r = rule(results, method);
    assertThat(r.status()).as("%s: %s", method, r.message()).isEqualTo(RuleResult.Status.PASSED);
  }

  @Test
  void verification_storeIgnoringExpectedVersion_failsES301AndES302() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.IgnoresExpectedVersion.class);
    assertFails(
        results,
        "required_ES301_staleExpectedVersionIsRejected",
        "expected EventStoreException CONCURRENCY_CONFLICT, but got null");
    assertFails(
        results, "required_ES302_noStreamOnExistingStreamIsRejected", "CONCURRENCY_CONFLICT");
    assertFails(results, "optional_ES304_racingWritersHaveOneWinnerPerVersion", "writers that won");
    assertPasses(results, "required_ES101_streamReadsBackInAppendOrder");
    assertPasses(results, "required_ES104_retryReturnsOriginalEvents");
  }

  @Test
  void verification_storeNotDedupingRetries_failsES104() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.DoesNotDedupeRetries.class);
    assertFails(
        results, "required_ES104_retryReturnsOriginalEvents", "duplicate flag of the retry");
    assertFails(results, "required_ES105_mixedBatchIsRejected", "EVENT_ID_CONFLICT");
    assertFails(results, "required_ES106_reusedIdWithOtherContentIsRejected", "EVENT_ID_CONFLICT");
    assertPasses(results, "required_ES201_readAllPagesCoverEveryEventOnce");
  }

  @Test
  void verification_storeReorderingReadAll_failsGlobalOrderRules() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.ReordersReadAll.class);
    assertFails(
        results,
        "required_ES102_globalOrderFollowsAppendOrder",
        "readAll in the order the appends were acknowledged");
    assertFails(results, "required_ES201_readAllPagesCoverEveryEventOnce", "size of the page");
    assertPasses(results, "required_ES101_streamReadsBackInAppendOrder");
  }

  @Test
  void verification_storeTamperingPayloads_failsES103() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.TampersPayloads.class);
    assertFails(results, "required_ES103_hashChainIsIntact", "matches its envelope");
  }

  @Test
  void verification_storeIgnoringClose_failsES605() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.IgnoresClose.class);
    assertFails(
        results,
        "required_ES605_closedStoreFailsWithClosed",
        "append on a closed store; expected EventStoreException CLOSED");
    assertPasses(results, "required_ES101_streamReadsBackInAppendOrder");
  }

  @Test
  void verification_storeLosingEventsOnReopenAndCrash_failsES501AndES502() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.LosesEventsOnReopen.class);
    assertFails(
        results, "required_ES501_acknowledgedEventsSurviveReopen", "events after reopening");
    assertFails(
        results,
        "required_ES502_acknowledgedEventsSurviveProcessCrash",
        "crash round 1: acknowledged event");
  }

  @Test
  void verification_checkpointStoreMovingBackwards_failsCP201() {
    Map<String, RuleResult> results = TckRuns.run(BrokenStores.CheckpointMovesBackwards.class);
    assertFails(
        results,
        "required_CP201_savingBelowTheSavedPositionIsRejected",
        "a checkpoint must never move backwards");
    assertPasses(results, "required_CP102_savedCheckpointLoadsBack");
  }

  @Test
  void verification_inMemoryStore_skipsDurabilityRulesWithTheReason() {
    Map<String, RuleResult> results = TckRuns.run(InMemoryEventStoreConformanceTest.class);
    RuleResult reopen = rule(results, "required_ES501_acknowledgedEventsSurviveReopen");
    assertThat(reopen.status()).isEqualTo(RuleResult.Status.SKIPPED);
    assertThat(reopen.message()).isEqualTo("not a durable store (isDurable() is false)");
    assertThat(reopen.ruleId()).isEqualTo("ES-5.1");
    assertThat(results.values().stream().filter(r -> r.status() == RuleResult.Status.FAILED))
        .isEmpty();
    assertThat(results.values().stream().map(RuleResult::spi).collect(Collectors.toSet()))
        .containsExactly("EventStore");
  }

  @Test
  void verification_engineTurningErrorsIntoDenials_failsPE201AndPE202() {
    Map<String, RuleResult> results =
        TckRuns.run(BrokenPolicyEnginesAndSigners.ErrorsBecomeDenials.class);
    assertFails(
        results,
        "required_PE201_evaluationErrorIsAnErrorNotADenial",
        "tck_failing with trusted=true; expected a PolicyException, but got Decision[allow=false");
    assertFails(
        results, "optional_PE202_undefinedResultIsDistinctFromDeny", "expected a PolicyException");
    assertFails(results, "required_PE104_unknownPolicyIsUnknownPolicy", "an unknown policy");
    assertPasses(results, "required_PE101_policyThatHoldsAllows");
    assertPasses(results, "required_PE102_policyThatDoesNotHoldDeniesWithReasons");
  }

  @Test
  void verification_engineSharingStateBetweenThreads_failsPE301() {
    Map<String, RuleResult> results =
        TckRuns.run(BrokenPolicyEnginesAndSigners.SharesStateBetweenThreads.class);
    assertFails(
        results,
        "required_PE301_concurrentEvaluationsAreIndependent",
        "evaluations that got another input's outcome");
    assertPasses(results, "required_PE101_policyThatHoldsAllows");
  }

  @Test
  void verification_referenceEngine_passesEveryRuleAndSkipsWhatItLacks() {
    Map<String, RuleResult> results = TckRuns.run(ReferencePolicyEngineConformanceTest.class);
    assertThat(results.values().stream().filter(r -> r.status() == RuleResult.Status.FAILED))
        .isEmpty();
    RuleResult compile = rule(results, "optional_PE203_compileErrorIsReportedWithACode");
    assertThat(compile.status()).isEqualTo(RuleResult.Status.SKIPPED);
    assertThat(compile.message())
        .isEqualTo("the engine does not compile policies (supportsCompilation() is false)");
    assertThat(compile.spi()).isEqualTo("PolicyEngine");
    assertPasses(results, "optional_PE202_undefinedResultIsDistinctFromDeny");
  }

  @Test
  void verification_signerPublishingAnotherKey_failsSG101() {
    Map<String, RuleResult> results =
        TckRuns.run(BrokenPolicyEnginesAndSigners.PublishesAnotherKey.class);
    assertFails(
        results,
        "required_SG101_signatureVerifiesWithThePublicKey",
        "under ES384 verifies with publicKey()");
    assertFails(results, "required_SG201_concurrentSigningIsSafe", "signatures made concurrently");
    assertThat(rule(results, "required_SG104_keyIdIsStable").spi()).isEqualTo("Signer");
  }

  @Test
  void verification_signerWithUnstableKeyId_failsSG104() {
    Map<String, RuleResult> results =
        TckRuns.run(BrokenPolicyEnginesAndSigners.UnstableKeyId.class);
    assertFails(results, "required_SG104_keyIdIsStable", "keyId() after signing");
    assertPasses(results, "required_SG101_signatureVerifiesWithThePublicKey");
    assertPasses(results, "required_SG201_concurrentSigningIsSafe");
  }

  @Test
  void verification_inProcessTransport_passesEveryRule() {
    Map<String, RuleResult> results = TckRuns.run(InProcessTransportConformanceTest.class);
    assertThat(results).hasSize(18);
    assertThat(results.values())
        .allSatisfy(
            r ->
                assertThat(r.status())
                    .as("%s: %s", r.method(), r.message())
                    .isEqualTo(RuleResult.Status.PASSED));
    assertThat(rule(results, "required_TR101_acknowledgedSendsAreDelivered").spi())
        .isEqualTo("Transport");
  }

  @Test
  void verification_transportDroppingForgeriesSilently_failsTR301ToTR303() {
    Map<String, RuleResult> results = TckRuns.run(BrokenTransports.DropsForgeriesSilently.class);
    String silent = "but it was neither (dropped silently)";
    assertFails(results, "required_TR301_unsignedEnvelopeIsNeverDelivered", silent);
    assertFails(results, "required_TR302_forgedSignatureIsNeverDelivered", silent);
    assertFails(results, "required_TR303_keyOfAnotherSenderIsNotAccepted", silent);
    assertPasses(results, "required_TR101_acknowledgedSendsAreDelivered");
    assertPasses(results, "optional_TR304_revokedKeyIsRejectedOnReceive");
  }

  @Test
  void verification_transportRewindingCursors_failsResumeRules() {
    Map<String, RuleResult> results = TckRuns.run(BrokenTransports.RewindsCursorByOne.class);
    assertFails(
        results,
        "required_TR201_resumeFromCursorAfterReconnect",
        "first delivery after resuming from the cursor of sequence 4");
    assertFails(results, "required_TR105_pollAtTheHeadIsEmpty", "poll at the head is empty");
    assertPasses(results, "required_TR101_acknowledgedSendsAreDelivered");
    assertPasses(results, "required_TR301_unsignedEnvelopeIsNeverDelivered");
  }

  @Test
  void verification_transportReversingBatches_failsOrderRules() {
    Map<String, RuleResult> results = TckRuns.run(BrokenTransports.ReversesBatches.class);
    assertFails(
        results, "required_TR102_orderIsKeptPerKey", "sequences of node-b in delivery order");
    assertFails(results, "required_TR501_concurrentSendersKeepPerKeyOrder", "in delivery order");
    assertPasses(results, "required_TR103_channelsAreSeparate");
    assertPasses(results, "required_TR601_closedTransportFailsWithClosed");
  }
}
