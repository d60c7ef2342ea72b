package io.souverix.attestation.tpm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Golden reference values of SHA-256 PCRs, in layers: the firmware baseline, the boot loader and
 * the kernel (each owns its PCRs; two base layers may not claim the same PCR), and per-node
 * overrides, which replace a base layer's reference for that node.
 *
 * <p>A reference is either a PCR value, or the ordered list of measurement digests a known-good
 * boot extends into that PCR (its value is their replay from zeros). With measurements, a mismatch
 * can be traced to the event that differs.
 *
 * @since 0.1
 */
public final class ReferenceValues {
  /** Where a reference value comes from; later layers win. */
  public enum Layer {
    /** The platform firmware baseline (typically PCRs 0 to 3, 6 and 7). */
    FIRMWARE,
    /** The boot loader (typically PCRs 4 and 5). */
    BOOT_LOADER,
    /** The kernel, its command line and initrd (typically PCRs 8 and 9). */
    KERNEL,
    /** A per-node override. */
    NODE
  }

  /** One PCR's reference value, with its layer and, when known, its measurements. */
  public static final class Reference {
    private final Layer layer;
    private final int pcr;
    private final byte[] value;
    private final @Nullable List<byte[]> measurements;

    private Reference(Layer layer, int pcr, byte[] value, @Nullable List<byte[]> measurements) {
      this.layer = layer;
      this.pcr = pcr;
      this.value = value;
      this.measurements = measurements;
    }

    /**
     * Returns the layer that set this reference.
     *
     * @return the layer
     */
    public Layer layer() {
      return layer;
    }

    /**
     * Returns the PCR index.
     *
     * @return 0 to 31
     */
    public int pcr() {
      return pcr;
    }

    /**
     * Returns the expected SHA-256 PCR value.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] value() {
      return value.clone();
    }

    byte[] rawValue() {
      return value;
    }

    /**
     * Returns whether the reference holds its measurements.
     *
     * @return true if set with measurements, false if set with a value only
     */
    public boolean hasMeasurements() {
      return measurements != null;
    }

    /**
     * Returns the expected measurement digests, in extension order.
     *
     * @return copies of the digests; empty when the reference is a value only
     */
    public List<byte[]> measurements() {
      List<byte[]> out = new ArrayList<>();
      if (measurements != null) {
        measurements.forEach(d -> out.add(d.clone()));
      }
      return out;
    }

    @Nullable List<byte[]> rawMeasurements() {
      return measurements;
    }
  }

  private final Map<Integer, Reference> base;
  private final Map<String, Map<Integer, Reference>> nodes;

  private ReferenceValues(
      Map<Integer, Reference> base, Map<String, Map<Integer, Reference>> nodes) {
    this.base = base;
    this.nodes = nodes;
  }

  /**
   * Starts a set of reference values.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the references that apply to a node: the base layers, with the node's overrides.
   *
   * @param node the node's identifier; null for the base layers only
   * @return PCR index to reference, ascending, unmodifiable
   */
  public SortedMap<Integer, Reference> expected(@Nullable String node) {
    SortedMap<Integer, Reference> out = new TreeMap<>(base);
    if (node != null) {
      out.putAll(nodes.getOrDefault(node, Map.of()));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** A mutable, not thread-safe set of reference values under construction. */
  public static final class Builder {
    private final Map<Layer, Map<Integer, Reference>> layers = new EnumMap<>(Layer.class);
    private final Map<String, Map<Integer, Reference>> nodes = new HashMap<>();

    private Builder() {}

    /**
     * Sets a base layer's reference value of one PCR.
     *
     * @param layer FIRMWARE, BOOT_LOADER or KERNEL; not null
     * @param pcr the PCR index, 0 to 31
     * @param value the expected SHA-256 value, 32 bytes; not null, copied
     * @return this builder
     * @throws IllegalArgumentException if {@code layer} is NODE, or the index or length is wrong
     * @throws IllegalStateException if this layer already has a reference for {@code pcr}
     */
    public Builder pcr(Layer layer, int pcr, byte[] value) {
      put(base(layer), layer, pcr, checkDigest(value, "value").clone(), null);
      return this;
    }

    /**
     * Sets a base layer's reference of one PCR as the digests a known-good boot extends into it.
     *
     * @param layer FIRMWARE, BOOT_LOADER or KERNEL; not null
     * @param pcr the PCR index, 0 to 31
     * @param digests the SHA-256 measurement digests in extension order; not null, copied
     * @return this builder
     * @throws IllegalArgumentException if {@code layer} is NODE, or the index or a length is wrong
     * @throws IllegalStateException if this layer already has a reference for {@code pcr}
     */
    public Builder measurements(Layer layer, int pcr, List<byte[]> digests) {
      putMeasurements(base(layer), layer, pcr, digests);
      return this;
    }

    /**
     * Overrides one PCR's reference value for one node.
     *
     * @param node the node's identifier; not null
     * @param pcr the PCR index, 0 to 31
     * @param value the expected SHA-256 value, 32 bytes; not null, copied
     * @return this builder
     * @throws IllegalArgumentException if the index or length is wrong
     * @throws IllegalStateException if the node already has an override for {@code pcr}
     */
    public Builder nodePcr(String node, int pcr, byte[] value) {
      Objects.requireNonNull(node, "node");
      put(nodeMap(node), Layer.NODE, pcr, checkDigest(value, "value").clone(), null);
      return this;
    }

    /**
     * Overrides one PCR's reference for one node with the digests a known-good boot extends.
     *
     * @param node the node's identifier; not null
     * @param pcr the PCR index, 0 to 31
     * @param digests the SHA-256 measurement digests in extension order; not null, copied
     * @return this builder
     * @throws IllegalArgumentException if the index or a length is wrong
     * @throws IllegalStateException if the node already has an override for {@code pcr}
     */
    public Builder nodeMeasurements(String node, int pcr, List<byte[]> digests) {
      Objects.requireNonNull(node, "node");
      putMeasurements(nodeMap(node), Layer.NODE, pcr, digests);
      return this;
    }

    /**
     * Builds the reference values.
     *
     * @return the reference values
     * @throws IllegalStateException if two base layers hold a reference for the same PCR
     */
    public ReferenceValues build() {
      Map<Integer, Reference> base = new HashMap<>();
      for (Map<Integer, Reference> layer : layers.values()) {
        for (Reference r : layer.values()) {
          Reference clash = base.put(r.pcr(), r);
          if (clash != null) {
            throw new IllegalStateException(
                String.format(
                    Locale.ROOT,
                    "reference of PCR %d; expected one base layer, but got %s and %s",
                    r.pcr(),
                    clash.layer(),
                    r.layer()));
          }
        }
      }
      Map<String, Map<Integer, Reference>> overrides = new HashMap<>();
      nodes.forEach((n, refs) -> overrides.put(n, Map.copyOf(refs)));
      return new ReferenceValues(Map.copyOf(base), Map.copyOf(overrides));
    }

    private Map<Integer, Reference> base(Layer layer) {
      Objects.requireNonNull(layer, "layer");
      if (layer == Layer.NODE) {
        throw new IllegalArgumentException("node overrides are set with nodePcr/nodeMeasurements");
      }
      return layers.computeIfAbsent(layer, l -> new HashMap<>());
    }

    private Map<Integer, Reference> nodeMap(String node) {
      return nodes.computeIfAbsent(node, n -> new HashMap<>());
    }

    private static void putMeasurements(
        Map<Integer, Reference> into, Layer layer, int pcr, List<byte[]> digests) {
      Objects.requireNonNull(digests, "digests");
      List<byte[]> copies = new ArrayList<>(digests.size());
      byte[] value = new byte[TpmHash.SHA256.digestLength()];
      for (byte[] d : digests) {
        byte[] c = checkDigest(d, "measurement").clone();
        copies.add(c);
        value = TpmHash.SHA256.extend(value, c);
      }
      put(into, layer, pcr, value, List.copyOf(copies));
    }

    private static void put(
        Map<Integer, Reference> into,
        Layer layer,
        int pcr,
        byte[] value,
        @Nullable List<byte[]> measurements) {
      QuoteVerifier.checkPcr(pcr);
      if (into.containsKey(pcr)) {
        throw new IllegalStateException(
            String.format(Locale.ROOT, "reference of PCR %d in %s is already set", pcr, layer));
      }
      into.put(pcr, new Reference(layer, pcr, value, measurements));
    }

    private static byte[] checkDigest(byte[] d, String what) {
      Objects.requireNonNull(d, what);
      if (d.length != TpmHash.SHA256.digestLength()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "SHA-256 %s length; expected 32, but got %d", what, d.length));
      }
      return d;
    }
  }
}
