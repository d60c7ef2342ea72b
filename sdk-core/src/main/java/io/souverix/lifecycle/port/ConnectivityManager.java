package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.util.List;
import java.util.Objects;

/**
 * Coordinates nodes that lose and regain their link: takes autonomy transitions in, reports the
 * sync debt a node owes on return, and gives the events to replay to it.
 *
 * <p>An autonomy window opens when a node goes autonomous and closes when it comes back; it stays
 * owed until {@link #acknowledge} confirms the node received a replay. Events "for a node" are the
 * events of its stream and of its software components' streams ({@code "<nodeId>/<name>"}).
 *
 * @since 0.1
 */
public interface ConnectivityManager {
  /**
   * Records that a node went autonomous or came back.
   *
   * @param transition the transition; not null
   * @since 0.1
   */
  void onTransition(AutonomyTransition transition);

  /**
   * Returns what a node owes: the count of events for it recorded in its unreplayed window.
   *
   * @param nodeId the node; not null
   * @return the debt; {@link SyncDebt#none} if there is no window
   * @throws EventStoreException if reading the store fails
   * @since 0.1
   */
  SyncDebt syncDebt(String nodeId) throws EventStoreException;

  /**
   * Returns the events a node missed, in global order: those of its unreplayed window.
   *
   * @param nodeId the node; not null
   * @return the events, oldest first; empty if none
   * @throws EventStoreException if reading the store fails
   * @since 0.1
   */
  List<RecordedEvent> replayFrom(String nodeId) throws EventStoreException;

  /**
   * Records that a node received every missed event up to a position; the debt shrinks to what lies
   * above it, and the window is closed once the node is back and fully replayed.
   *
   * @param nodeId the node; not null
   * @param position the last global position the node received
   * @since 0.1
   */
  void acknowledge(String nodeId, long position);

  /**
   * Creates the in-process connectivity manager, which reads missed events from a store.
   *
   * <p>It indexes, per open window, the positions of its node's events, so {@link #syncDebt} reads
   * nothing and {@link #replayFrom} reads only the node's missed events: a region of many nodes
   * coming back costs its missed events, not nodes times window. The index is fed by {@link
   * #transitionsFeed} as it applies events; without the feed (transitions reported by {@link
   * #onTransition} directly), the first query after new events scans the global order since the
   * last query once, for every window together.
   *
   * @param store the event store; not null
   * @return a new manager with no windows; thread-safe
   * @since 0.1
   */
  static ConnectivityManager inProcess(EventStore store) {
    return new InProcessConnectivityManager(Objects.requireNonNull(store, "store"));
  }

  /**
   * Returns a projection that feeds a manager from {@code node.connectivity_changed} events: a
   * change to {@code autonomous} opens a window after that event; any later change away from {@code
   * autonomous} closes it before that event (the node reported it, so it did not miss it). Fed to
   * an {@link #inProcess} manager, it also indexes every event it applies for that manager, so
   * queries need not scan the store.
   *
   * @param manager the manager to feed; not null
   * @return the projection, named {@code "autonomy-transitions"}
   * @since 0.1
   */
  static Projection<java.util.Set<String>> transitionsFeed(ConnectivityManager manager) {
    return new AutonomyFeed(Objects.requireNonNull(manager, "manager"));
  }
}
