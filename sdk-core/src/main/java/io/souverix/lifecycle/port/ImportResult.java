package io.souverix.lifecycle.port;

/**
 * The outcome of importing a {@link FederationBatch}.
 *
 * @param imported events appended to the target store
 * @param duplicates events the target already held (same event id and content): no-ops
 * @param rejected events refused because another region is master of record for their node
 * @since 0.1
 */
public record ImportResult(int imported, int duplicates, int rejected) {}
