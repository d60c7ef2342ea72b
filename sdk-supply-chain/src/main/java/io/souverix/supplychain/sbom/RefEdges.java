package io.souverix.supplychain.sbom;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The dependency edges of a BOM read by {@link StreamingSbomReader}, kept as dense reference ids
 * already resolved to component indices, so that {@link SbomDiffer} never hashes a {@code bom-ref}
 * string. As a {@code List<Sbom.Edge>} it is immutable and equal to the list of edges as the
 * document gives them (each {@link Sbom.Edge} is made on demand).
 */
final class RefEdges extends AbstractList<Sbom.Edge> implements RandomAccess {
  /** Reference id to its text. */
  private final String[] refs;

  /** Per edge, in document order: the reference ids of both ends. */
  private final int[] from;

  private final int[] to;

  /**
   * Reference id to the index in {@link #components} of the first component with that {@code
   * bom-ref}, or -1.
   */
  private final int[] target;

  /** The reference id of {@code metadata.component}'s {@code bom-ref}, or -1. */
  private final int metaRef;

  /** The component list the indices refer to (the very instance held by the {@link Sbom}). */
  final List<SbomComponent> components;

  /** The metadata component the {@link #metaRef} belongs to. */
  final @Nullable SbomComponent meta;

  RefEdges(
      String[] refs,
      int[] from,
      int[] to,
      int[] target,
      int metaRef,
      List<SbomComponent> components,
      @Nullable SbomComponent meta) {
    this.refs = refs;
    this.from = from;
    this.to = to;
    this.target = target;
    this.metaRef = metaRef;
    this.components = components;
    this.meta = meta;
  }

  /** Whether this list was resolved against exactly these components and metadata component. */
  boolean resolves(Sbom bom) {
    return bom.components() == components && bom.metadataComponent() == meta;
  }

  /**
   * Maps each reference id to a key id: the metadata component's (it wins), else the first
   * component's with that {@code bom-ref}, else -1.
   *
   * @param componentKey the key id of each component, by component index
   * @param metaKey the key id of the metadata component, or -1
   */
  int[] refKeys(int[] componentKey, int metaKey) {
    int[] out = new int[refs.length];
    Arrays.fill(out, -1);
    for (int r = 0; r < refs.length; r++) {
      if (target[r] >= 0) {
        out[r] = componentKey[target[r]];
      }
    }
    if (metaRef >= 0) {
      out[metaRef] = metaKey;
    }
    return out;
  }

  int from(int edge) {
    return from[edge];
  }

  int to(int edge) {
    return to[edge];
  }

  @Override
  public Sbom.Edge get(int index) {
    return new Sbom.Edge(refs[from[index]], refs[to[index]]);
  }

  @Override
  public int size() {
    return from.length;
  }
}
