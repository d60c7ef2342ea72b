package io.souverix.drift.federation;

/**
 * The link from a regional master to global control: one request/response exchange. {@link
 * GlobalControl#exchange} is the in-process implementation; a network adapter serialises the
 * request and response.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Upstream {
  /**
   * Sends the region's updates and receives global control's.
   *
   * @param request the request; not null
   * @return the response
   * @throws FederationException with {@code UNREACHABLE} if the upstream cannot be reached, or the
   *     upstream's refusal ({@code CLOCK_AHEAD}, {@code AUTHORITY_MISMATCH}, {@code
   *     INVALID_REQUEST}), in which case it applied nothing
   * @since 0.1
   */
  SyncResponse exchange(SyncRequest request) throws FederationException;
}
