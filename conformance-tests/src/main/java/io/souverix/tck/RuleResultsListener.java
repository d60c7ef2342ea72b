package io.souverix.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

/** Collects a {@link RuleResult} for every rule a JUnit Platform run executes or skips. */
final class RuleResultsListener implements TestExecutionListener {
  private final List<RuleResult> results = Collections.synchronizedList(new ArrayList<>());
  private volatile TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) {
      add(id, RuleResult.Status.SKIPPED, reason);
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!id.isTest()) {
      return;
    }
    Optional<Throwable> t = result.getThrowable();
    switch (result.getStatus()) {
      case SUCCESSFUL:
        add(id, RuleResult.Status.PASSED, "");
        break;
      case ABORTED:
        // A failed assumption: the store opted out of what the rule tests.
        add(
            id,
            RuleResult.Status.SKIPPED,
            t.filter(TestAbortedException.class::isInstance)
                .map(x -> String.valueOf(x.getMessage()).replaceFirst("^Assumption failed: ", ""))
                .orElse(t.map(String::valueOf).orElse("aborted")));
        break;
      default:
        add(id, RuleResult.Status.FAILED, t.map(RuleResultsListener::describe).orElse("failed"));
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getName() : m.strip();
  }

  private void add(TestIdentifier id, RuleResult.Status status, String message) {
    String method =
        id.getSource()
            .filter(MethodSource.class::isInstance)
            .map(s -> ((MethodSource) s).getMethodName())
            .orElse(id.getDisplayName());
    String[] parts = RuleResult.splitDisplayName(id.getDisplayName());
    results.add(new RuleResult(spiOf(id), parts[0], method, parts[1], status, message));
  }

  /** The SPI of the outermost class container: the verification class the rule belongs to. */
  private String spiOf(TestIdentifier id) {
    TestPlan p = plan;
    if (p == null) {
      return "";
    }
    TestIdentifier top = id;
    for (Optional<TestIdentifier> parent = p.getParent(id);
        parent.isPresent() && parent.get().getParentId().isPresent();
        parent = p.getParent(parent.get())) {
      top = parent.get();
    }
    return top.getSource()
        .filter(ClassSource.class::isInstance)
        .map(s -> spiName(((ClassSource) s).getJavaClass()))
        .orElse(top.getDisplayName());
  }

  static String spiName(Class<?> verification) {
    if (EventStoreVerification.class.isAssignableFrom(verification)) {
      return "EventStore";
    }
    if (CheckpointStoreVerification.class.isAssignableFrom(verification)) {
      return "CheckpointStore";
    }
    if (PolicyEngineVerification.class.isAssignableFrom(verification)) {
      return "PolicyEngine";
    }
    if (SignerVerification.class.isAssignableFrom(verification)) {
      return "Signer";
    }
    if (TransportVerification.class.isAssignableFrom(verification)) {
      return "Transport";
    }
    return verification.getSimpleName();
  }

  /** Returns the results so far, in the order the rules finished. */
  List<RuleResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }
}
