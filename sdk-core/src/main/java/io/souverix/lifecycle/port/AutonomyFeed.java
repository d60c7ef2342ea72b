package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns node.connectivity_changed events into autonomy transitions; state = autonomous nodes. Also
 * hands every event to an in-process manager, which indexes the events of autonomous nodes.
 */
final class AutonomyFeed implements Projection<Set<String>> {
  private final ConnectivityManager manager;
  private final Set<String> autonomous = new HashSet<>();

  AutonomyFeed(ConnectivityManager manager) {
    this.manager = manager;
  }

  @Override
  public String name() {
    return "autonomy-transitions";
  }

  @Override
  public void apply(RecordedEvent event) {
    if (manager instanceof InProcessConnectivityManager) {
      // Index the event before any transition it causes, so the manager need not read it again.
      ((InProcessConnectivityManager) manager).observe(event);
    }
    if (!"node.connectivity_changed".equals(event.type())) {
      return;
    }
    String nodeId = event.streamId();
    boolean now = "autonomous".equals(event.payload().text("state").orElse(null));
    if (now && autonomous.add(nodeId)) {
      manager.onTransition(
          new AutonomyTransition(nodeId, true, event.occurredAt(), event.position()));
    } else if (!now && autonomous.remove(nodeId)) {
      manager.onTransition(
          new AutonomyTransition(nodeId, false, event.occurredAt(), event.position() - 1));
    }
  }

  @Override
  public Set<String> snapshot() {
    return Set.copyOf(autonomous);
  }

  @Override
  public void restore(@Nullable Set<String> snapshot) {
    autonomous.clear();
    if (snapshot != null) {
      autonomous.addAll(snapshot);
    }
  }

  @Override
  public Set<String> merge(List<Set<String>> partials) {
    Set<String> all = new HashSet<>();
    partials.forEach(all::addAll);
    return Set.copyOf(all);
  }
}
