package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeActivityTest {
  private final NodeActivity fold = NodeActivity.create();

  private static NodeActivity.State foldAll(NodeActivity f, List<RecordedEvent> events) {
    NodeActivity.State s = null;
    for (RecordedEvent e : events) {
      s = f.apply(s, e);
    }
    return s;
  }

  @Test
  void apply_nodeAndSoftwareStreams_countsEventsAndKeepsHeads() throws Exception {
    List<RecordedEvent> events = Fleet.events(Fleet.store(1, 3));

    NodeActivity.State s = foldAll(fold, events);

    assertThat(s.events()).isEqualTo(6);
    assertThat(s.chainBreaks()).isZero();
    assertThat(s.streams()).containsOnlyKeys("node-00", "node-00/agent");
    RecordedEvent last = events.get(events.size() - 1);
    assertThat(s.streams().get("node-00/agent"))
        .isEqualTo(new NodeActivity.StreamHead(3, last.hash()));
  }

  @Test
  void apply_redelivery_leavesStateUnchanged() throws Exception {
    List<RecordedEvent> events = Fleet.events(Fleet.store(1, 3));
    NodeActivity.State s = foldAll(fold, events);

    NodeActivity.State again = fold.apply(s, events.get(2));

    assertThat(again).isEqualTo(s);
  }

  @Test
  void apply_gapInStream_countsChainBreak() throws Exception {
    List<RecordedEvent> events = Fleet.events(Fleet.store(1, 3));
    // Skip the hardware stream's second event (index 2): its third does not link to the head.
    NodeActivity.State s =
        foldAll(fold, List.of(events.get(0), events.get(1), events.get(3), events.get(4)));

    assertThat(s.chainBreaks()).isEqualTo(1);
    assertThat(s.events()).isEqualTo(4);
  }

  @Test
  void decode_ofEncode_givesEqualState() throws Exception {
    NodeActivity.State s = foldAll(fold, Fleet.events(Fleet.store(1, 4)));

    assertThat(fold.decode(fold.encode(s))).isEqualTo(s);
    assertThat(new String(fold.encode(s), StandardCharsets.UTF_8))
        .startsWith("{\"chainBreaks\":0,\"events\":8,\"streams\":{\"node-00\":{\"hash\":");
  }

  @Test
  void decode_missingField_throwsIllegalArgument() {
    assertThatThrownBy(() -> fold.decode("{\"events\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'streams'");
  }
}
