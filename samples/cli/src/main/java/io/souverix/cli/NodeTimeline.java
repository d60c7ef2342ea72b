package io.souverix.cli;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import io.souverix.lifecycle.projection.Timeline;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Timeline} projection restricted to one node's streams (the node and its {@code
 * <nodeId>/<name>} software components), so that printing one node's timeline keeps only that
 * node's entries in memory however large the store is.
 */
final class NodeTimeline implements Projection<Timeline.Snapshot> {
  private final Timeline timeline = Timeline.create();
  private final String nodeId;
  private final String prefix;

  NodeTimeline(String nodeId) {
    this.nodeId = nodeId;
    this.prefix = nodeId + "/";
  }

  Timeline timeline() {
    return timeline;
  }

  @Override
  public String name() {
    return timeline.name();
  }

  @Override
  public void apply(RecordedEvent event) {
    String stream = event.streamId();
    if (stream.equals(nodeId) || stream.startsWith(prefix)) {
      timeline.apply(event);
    }
  }

  @Override
  public Timeline.Snapshot snapshot() {
    return timeline.snapshot();
  }

  @Override
  public void restore(Timeline.@Nullable Snapshot snapshot) {
    timeline.restore(snapshot);
  }

  @Override
  public Timeline.Snapshot merge(List<Timeline.Snapshot> partials) {
    return timeline.merge(partials);
  }
}
