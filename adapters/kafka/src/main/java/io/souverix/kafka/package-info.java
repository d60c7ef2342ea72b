/**
 * Kafka as the fleet's event log and projection transport: {@link io.souverix.kafka.KafkaEventLog}
 * publishes recorded events to an events topic keyed by node id (per-node order), and {@link
 * io.souverix.kafka.KafkaProjectionWorker} folds them in a consumer group, one shard per topic
 * partition, writing the fold's per-node state and its consumer offsets in one Kafka transaction
 * (exactly once). {@link io.souverix.kafka.KafkaTransport} implements the {@code Transport} SPI: a
 * topic per channel, envelopes keyed for per-key order, cursors of partition offsets. See {@code
 * docs/kafka.md}.
 *
 * @since 0.1
 */
@NullMarked
package io.souverix.kafka;

import org.jspecify.annotations.NullMarked;
