package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import java.util.List;
import java.util.Map;

/** The upcasters of the SDK's catalogue, one per superseded schema version. */
final class BuiltInUpcasters {
  private BuiltInUpcasters() {}

  static List<Upcaster> all() {
    return List.of(
        Upcaster.of(
            EventType.NODE_SERIAL_REGISTERED.name(), 1, BuiltInUpcasters::serialRegisteredV1ToV2));
  }

  /**
   * node.serial_registered v1 to v2: the top-level {@code batch_id} moves into the {@code
   * manufacturing} block, which v1 did not have; a v1 payload without a batch gets no block.
   */
  static Payload serialRegisteredV1ToV2(Payload v1) {
    if (!v1.has("batch_id")) {
      return v1;
    }
    String batchId = v1.requireText("batch_id");
    return v1.without("batch_id").with("manufacturing", Map.of("batch_id", batchId));
  }
}
