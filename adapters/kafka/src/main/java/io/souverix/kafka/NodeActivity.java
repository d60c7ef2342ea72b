package io.souverix.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A built-in {@link KeyedFold}: per node, how many events it has, the head (last sequence and hash)
 * of each of its streams, and how many events did not continue their stream's hash chain.
 *
 * <p>Idempotent by stream sequence: an event whose sequence is at or below its stream's head is a
 * re-delivery (e.g. a relay that published a page twice) and leaves the state as it is. An event
 * that is not the next link of its stream (a gap in sequences, or a {@code prevHash} other than the
 * head's hash) is folded and counted in {@link State#chainBreaks()}: a streaming check of the
 * chain, per node, on whatever worker owns the node. The stream heads are what a signed log
 * anchors.
 *
 * <p>Encoding: canonical-order JSON {@code {"chainBreaks":n,"events":n,"streams":{"<streamId>":
 * {"hash":"..","sequence":n}}}}.
 *
 * @since 0.1
 */
public final class NodeActivity implements KeyedFold<NodeActivity.State> {
  private static final NodeActivity INSTANCE = new NodeActivity();

  private NodeActivity() {}

  /**
   * Returns the fold; it is stateless.
   *
   * @return the fold
   * @since 0.1
   */
  public static NodeActivity create() {
    return INSTANCE;
  }

  /**
   * The head of one stream: its last folded event.
   *
   * @param sequence the last sequence, at least 1
   * @param hash that event's hash
   * @since 0.1
   */
  public record StreamHead(long sequence, String hash) {
    /**
     * Validates the head.
     *
     * @throws IllegalArgumentException if {@code sequence} is below 1
     */
    public StreamHead {
      Objects.requireNonNull(hash, "hash");
      if (sequence < 1) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "stream head; expected sequence >= 1, but got %d", sequence));
      }
    }
  }

  /**
   * One node's activity.
   *
   * @param events how many distinct events the node's streams have had
   * @param streams the head of each of the node's streams, by stream id; sorted, unmodifiable
   * @param chainBreaks how many events did not continue their stream's hash chain
   * @since 0.1
   */
  public record State(long events, SortedMap<String, StreamHead> streams, long chainBreaks) {
    /** Copies the stream heads into an unmodifiable sorted map. */
    public State {
      streams = Collections.unmodifiableSortedMap(new TreeMap<>(streams));
    }
  }

  @Override
  public State apply(@Nullable State state, RecordedEvent event) {
    Objects.requireNonNull(event, "event");
    StreamHead head = state == null ? null : state.streams().get(event.streamId());
    if (head != null && event.sequence() <= head.sequence()) {
      return state; // re-delivery of an event already folded
    }
    boolean links =
        head == null
            ? event.sequence() == 1 && event.prevHash() == null
            : event.sequence() == head.sequence() + 1 && head.hash().equals(event.prevHash());
    TreeMap<String, StreamHead> streams =
        state == null ? new TreeMap<>() : new TreeMap<>(state.streams());
    streams.put(event.streamId(), new StreamHead(event.sequence(), event.hash()));
    long events = state == null ? 0 : state.events();
    long breaks = state == null ? 0 : state.chainBreaks();
    return new State(events + 1, streams, breaks + (links ? 0 : 1));
  }

  @Override
  public byte[] encode(State state) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("chainBreaks", state.chainBreaks());
    root.put("events", state.events());
    ObjectNode streams = root.putObject("streams");
    for (Map.Entry<String, StreamHead> e : state.streams().entrySet()) {
      ObjectNode h = streams.putObject(e.getKey());
      h.put("hash", e.getValue().hash());
      h.put("sequence", e.getValue().sequence());
    }
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding node activity failed", e);
    }
  }

  @Override
  public State decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      JsonNode root = Json.MAPPER.readTree(bytes);
      TreeMap<String, StreamHead> streams = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : required(root, "streams").properties()) {
        streams.put(
            e.getKey(),
            new StreamHead(
                required(e.getValue(), "sequence").asLong(),
                required(e.getValue(), "hash").asText()));
      }
      return new State(
          required(root, "events").asLong(), streams, required(root, "chainBreaks").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "node activity; expected its JSON encoding, but got unreadable bytes: " + e.getMessage(),
          e);
    }
  }

  private static JsonNode required(@Nullable JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "node activity; expected field '%s', but it is missing", field));
    }
    return v;
  }
}
