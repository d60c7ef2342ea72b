package io.souverix.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a verification class through the JUnit Platform Launcher, as a vendor's build would. */
final class TckRuns {
  private TckRuns() {}

  /** Runs every rule of {@code verification}; returns the results by rule method name. */
  static Map<String, RuleResult> run(Class<?> verification) {
    RuleResultsListener listener = new RuleResultsListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(verification)).build(),
            listener);
    Map<String, RuleResult> byMethod = new LinkedHashMap<>();
    List<RuleResult> results = listener.results();
    for (RuleResult r : results) {
      byMethod.put(r.method(), r);
    }
    return byMethod;
  }
}
