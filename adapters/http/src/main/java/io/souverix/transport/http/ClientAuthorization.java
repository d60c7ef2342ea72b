package io.souverix.transport.http;

import io.souverix.lifecycle.spi.TransportEnvelope;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a client, authenticated by its TLS certificate, may do on an {@link HttpTransportServer}.
 * TLS proves who holds the connection and the envelope's signature proves who wrote the envelope;
 * this decides whether the two fit together. A request it denies is answered 403 with {@link
 * io.souverix.lifecycle.spi.TransportException.Code#REFUSED} and changes nothing.
 *
 * <p>The server's default is {@link #anyClient()}: every client whose certificate chains to the
 * server's trust anchors may send envelopes of any sender (a regional master relaying for its
 * nodes) and poll every channel. Where nodes connect directly, {@link #sendersOwnEnvelopes} keeps a
 * node from sending as another node even with a key it somehow holds. Implement this interface for
 * finer rules, for example channels a client may poll.
 *
 * <p>Implementations are called from the server's threads at once and must be thread-safe and fast:
 * they run on every request.
 *
 * @since 0.1
 */
public interface ClientAuthorization {
  /**
   * Returns whether the client may send this envelope; called after the envelope was parsed and
   * before its signature is checked.
   *
   * @param client the client's certificate (the first of its TLS chain); not null
   * @param envelope the envelope it sends; not null
   * @return true to go on with the send, false to refuse it
   */
  boolean maySend(X509Certificate client, TransportEnvelope envelope);

  /**
   * Returns whether the client may poll a channel.
   *
   * @param client the client's certificate (the first of its TLS chain); not null
   * @param channel the channel it polls, a valid channel name; not null
   * @return true to serve the poll, false to refuse it
   */
  boolean mayPoll(X509Certificate client, String channel);

  /**
   * Lets every authenticated client send every envelope and poll every channel: the server's
   * default.
   *
   * @return the permissive authorization
   */
  static ClientAuthorization anyClient() {
    return AnyClient.INSTANCE;
  }

  /**
   * Lets a client send only envelopes whose {@linkplain TransportEnvelope#sender() sender} is one
   * of the identities its certificate names; polls are not restricted. With certificates of the
   * SDK's certificate authority, a node's identity is usually its subject common name or a DNS or
   * URI subject alternative name: the host says which.
   *
   * @param identities the identities a certificate names, for example {@code cert ->
   *     List.of(commonNameOf(cert))}; called on every send, must not return null
   * @return the authorization
   */
  static ClientAuthorization sendersOwnEnvelopes(
      Function<X509Certificate, ? extends Collection<String>> identities) {
    Objects.requireNonNull(identities, "identities");
    return new ClientAuthorization() {
      @Override
      public boolean maySend(X509Certificate client, TransportEnvelope envelope) {
        return identities.apply(client).contains(envelope.sender());
      }

      @Override
      public boolean mayPoll(X509Certificate client, String channel) {
        return true;
      }
    };
  }
}

/** The default of {@link ClientAuthorization#anyClient()}. */
enum AnyClient implements ClientAuthorization {
  INSTANCE;

  @Override
  public boolean maySend(X509Certificate client, TransportEnvelope envelope) {
    return true;
  }

  @Override
  public boolean mayPoll(X509Certificate client, String channel) {
    return true;
  }
}
