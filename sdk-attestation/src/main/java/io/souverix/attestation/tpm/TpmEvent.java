package io.souverix.attestation.tpm;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One measurement of a measured-boot event log ({@code TCG_PCR_EVENT2}, or the Spec ID header).
 *
 * @since 0.1
 */
public final class TpmEvent {
  /** {@code EV_NO_ACTION}: informational, never extended into a PCR. */
  public static final long EV_NO_ACTION = 0x3;

  /** {@code EV_SEPARATOR}: the end of a boot phase; its digest is that of its data. */
  public static final long EV_SEPARATOR = 0x4;

  private static final Map<Long, String> NAMES =
      Map.ofEntries(
          Map.entry(0x0L, "EV_PREBOOT_CERT"),
          Map.entry(0x1L, "EV_POST_CODE"),
          Map.entry(0x2L, "EV_UNUSED"),
          Map.entry(0x3L, "EV_NO_ACTION"),
          Map.entry(0x4L, "EV_SEPARATOR"),
          Map.entry(0x5L, "EV_ACTION"),
          Map.entry(0x6L, "EV_EVENT_TAG"),
          Map.entry(0x7L, "EV_S_CRTM_CONTENTS"),
          Map.entry(0x8L, "EV_S_CRTM_VERSION"),
          Map.entry(0x9L, "EV_CPU_MICROCODE"),
          Map.entry(0xAL, "EV_PLATFORM_CONFIG_FLAGS"),
          Map.entry(0xBL, "EV_TABLE_OF_DEVICES"),
          Map.entry(0xCL, "EV_COMPACT_HASH"),
          Map.entry(0xDL, "EV_IPL"),
          Map.entry(0xEL, "EV_IPL_PARTITION_DATA"),
          Map.entry(0xFL, "EV_NONHOST_CODE"),
          Map.entry(0x10L, "EV_NONHOST_CONFIG"),
          Map.entry(0x11L, "EV_NONHOST_INFO"),
          Map.entry(0x12L, "EV_OMIT_BOOT_DEVICE_EVENTS"),
          Map.entry(0x80000001L, "EV_EFI_VARIABLE_DRIVER_CONFIG_LEGACY"),
          Map.entry(0x80000002L, "EV_EFI_VARIABLE_BOOT"),
          Map.entry(0x80000003L, "EV_EFI_BOOT_SERVICES_APPLICATION"),
          Map.entry(0x80000004L, "EV_EFI_BOOT_SERVICES_DRIVER"),
          Map.entry(0x80000005L, "EV_EFI_RUNTIME_SERVICES_DRIVER"),
          Map.entry(0x80000006L, "EV_EFI_GPT_EVENT"),
          Map.entry(0x80000007L, "EV_EFI_ACTION"),
          Map.entry(0x80000008L, "EV_EFI_PLATFORM_FIRMWARE_BLOB"),
          Map.entry(0x80000009L, "EV_EFI_HANDOFF_TABLES"),
          Map.entry(0x8000000AL, "EV_EFI_PLATFORM_FIRMWARE_BLOB2"),
          Map.entry(0x8000000BL, "EV_EFI_HANDOFF_TABLES2"),
          Map.entry(0x8000000CL, "EV_EFI_VARIABLE_BOOT2"),
          Map.entry(0x80000010L, "EV_EFI_HCRTM_EVENT"),
          Map.entry(0x800000E0L, "EV_EFI_VARIABLE_DRIVER_CONFIG"),
          Map.entry(0x800000E1L, "EV_EFI_VARIABLE_AUTHORITY"),
          Map.entry(0x800000E2L, "EV_EFI_SPDM_FIRMWARE_BLOB"),
          Map.entry(0x800000E3L, "EV_EFI_SPDM_FIRMWARE_CONFIG"));

  private final int index;
  private final int pcr;
  private final long type;
  private final Map<TpmHash, byte[]> digests;
  private final byte[] data;

  TpmEvent(int index, int pcr, long type, Map<TpmHash, byte[]> digests, byte[] data) {
    this.index = index;
    this.pcr = pcr;
    this.type = type;
    this.digests = Map.copyOf(digests);
    this.data = data;
  }

  /**
   * Returns the event's position in the log; the Spec ID header is event 0.
   *
   * @return the index, from 0
   */
  public int index() {
    return index;
  }

  /**
   * Returns the PCR the event was extended into.
   *
   * @return the PCR index
   */
  public int pcr() {
    return pcr;
  }

  /**
   * Returns the event type.
   *
   * @return the 32-bit {@code eventType}, unsigned
   */
  public long type() {
    return type;
  }

  /**
   * Returns the event type's name in the TCG PC Client specification.
   *
   * @return for example {@code EV_SEPARATOR}, or {@code EV_0x...} for an unknown type
   */
  public String typeName() {
    return typeName(type);
  }

  static String typeName(long type) {
    String name = NAMES.get(type);
    return name != null ? name : String.format(Locale.ROOT, "EV_0x%08x", type);
  }

  /**
   * Returns the event's digest in one bank.
   *
   * @param bank the bank; not null
   * @return a copy of the digest, or empty if the event has none of that bank
   */
  public Optional<byte[]> digest(TpmHash bank) {
    Objects.requireNonNull(bank, "bank");
    byte[] d = digests.get(bank);
    return d == null ? Optional.empty() : Optional.of(d.clone());
  }

  byte[] rawDigest(TpmHash bank) {
    return Objects.requireNonNull(digests.get(bank), "digest");
  }

  /**
   * Returns the event data.
   *
   * @return a copy of the bytes
   */
  public byte[] data() {
    return data.clone();
  }

  byte[] rawData() {
    return data;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "event %d (PCR %d, %s)", index, pcr, typeName());
  }
}
