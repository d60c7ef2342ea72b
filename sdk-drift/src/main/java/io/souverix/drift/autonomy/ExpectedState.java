package io.souverix.drift.autonomy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.FieldKey;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The state a node is expected to be in (the resolved desired state), with its hash: {@code
 * "sha256:" + hex(SHA-256(canonical JSON))} of the object that maps each field's label ({@code
 * <kind>:<name>}, see {@link FieldKey#toString()}) to its value, canonical per RFC 8785. A node
 * computes the same hash over its reported state, so equal states have equal hashes on both sides.
 * Immutable.
 *
 * @since 0.1
 */
public final class ExpectedState {
  private final String node;
  private final SortedMap<FieldKey, String> fields;
  private final String json;
  private final String hash;

  private ExpectedState(String node, SortedMap<FieldKey, String> fields) {
    this.node = node;
    this.fields = fields;
    ObjectNode o = Json.MAPPER.createObjectNode();
    fields.forEach((k, v) -> o.put(k.toString(), v));
    this.json = CanonicalJson.write(o);
    this.hash = "sha256:" + Sha256.hex(json);
  }

  /**
   * Returns a node's state and its hash.
   *
   * @param node the node id; not null
   * @param fields the values by field; not null, no null values
   * @return the state
   * @since 0.1
   */
  public static ExpectedState of(String node, Map<FieldKey, String> fields) {
    Objects.requireNonNull(node, "node");
    TreeMap<FieldKey, String> copy = new TreeMap<>();
    Objects.requireNonNull(fields, "fields")
        .forEach(
            (k, v) ->
                copy.put(Objects.requireNonNull(k, "field"), Objects.requireNonNull(v, "value")));
    return new ExpectedState(node, Collections.unmodifiableSortedMap(copy));
  }

  /**
   * Returns the node id.
   *
   * @return the node
   * @since 0.1
   */
  public String node() {
    return node;
  }

  /**
   * Returns the values by field.
   *
   * @return the fields, in field order; unmodifiable
   * @since 0.1
   */
  public SortedMap<FieldKey, String> fields() {
    return fields;
  }

  /**
   * Returns the hash of the state.
   *
   * @return {@code "sha256:<64 hex>"} of {@link #toJson()}
   * @since 0.1
   */
  public String hash() {
    return hash;
  }

  /**
   * Returns the canonical JSON that is hashed.
   *
   * @return the RFC 8785 text
   * @since 0.1
   */
  public String toJson() {
    return json;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ExpectedState
        && node.equals(((ExpectedState) o).node)
        && fields.equals(((ExpectedState) o).fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, fields);
  }

  @Override
  public String toString() {
    return node + " " + hash + " " + json;
  }
}
