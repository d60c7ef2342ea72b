package io.souverix.tck;

import io.souverix.lifecycle.spi.Transport;

/**
 * The far side of a {@link Transport} under test: what a connection reaches (an in-process log, an
 * HTTP server, a Kafka cluster). {@link TransportVerification} opens connections to it, closes them
 * and opens new ones to simulate a reconnect; the backend keeps what was accepted in between.
 *
 * @since 0.1
 */
public interface TransportBackend extends AutoCloseable {
  /**
   * Opens a new connection to the backend.
   *
   * @return an open transport; the kit closes it
   * @throws Exception if the connection cannot be opened
   */
  Transport connect() throws Exception;

  /**
   * Stops the backend and releases everything it holds. Called once after each rule.
   *
   * @throws Exception if releasing fails
   */
  @Override
  void close() throws Exception;
}
