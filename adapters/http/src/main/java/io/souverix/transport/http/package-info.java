/**
 * A {@link io.souverix.lifecycle.spi.Transport} over HTTPS with mutual TLS, for nodes and regional
 * masters. Start with {@link io.souverix.transport.http.HttpTransport} (the client, on {@code
 * java.net.http}) and {@link io.souverix.transport.http.HttpTransportServer} (the server side, on
 * the JDK's embeddable {@code HttpsServer}, in front of any other transport that stores the
 * envelopes); {@link io.souverix.transport.http.MutualTls} builds their TLS contexts. The protocol
 * is described in {@code docs/transport.md}.
 */
@NullMarked
package io.souverix.transport.http;

import org.jspecify.annotations.NullMarked;
