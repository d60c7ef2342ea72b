package io.souverix.kafka;

import io.souverix.lifecycle.event.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * A projection kept per record key (per node) whose state is published to Kafka: {@link
 * KafkaProjectionWorker} folds each event of a node into that node's state and writes the new state
 * to the output topic, which is therefore both the projection's output and its checkpoint.
 *
 * <p>A fold must be deterministic and free of side effects: the same events give the same state on
 * every worker, and a state decoded from its encoding folds on exactly as the original.
 *
 * @param <S> the immutable state of one node
 * @since 0.1
 */
public interface KeyedFold<S> {
  /**
   * Folds one event into a node's state.
   *
   * @param state the node's state so far, or null before its first event
   * @param event the node's next event in the events topic; not null
   * @return the new state; not null
   * @throws IllegalArgumentException if the event cannot be folded (the worker then stops)
   * @since 0.1
   */
  S apply(@Nullable S state, RecordedEvent event);

  /**
   * Encodes a state as the value of an output record.
   *
   * @param state a state from {@link #apply}; not null
   * @return the bytes; {@link #decode} gives back an equal state
   * @since 0.1
   */
  byte[] encode(S state);

  /**
   * Decodes the value of an output record.
   *
   * @param bytes bytes from {@link #encode}; not null
   * @return the state
   * @throws IllegalArgumentException if the bytes are no encoding of a state
   * @since 0.1
   */
  S decode(byte[] bytes);
}
