package io.souverix.supplychain.firmware;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Firmware baseline, updates and anti-rollback on a node's stream.
 *
 * <p>The baseline is a {@code node.firmware_baseline_captured} event whose {@code signature_chain}
 * is the vendor-signed manifest; each update is a {@code maintenance.firmware_updated} event, whose
 * image is identified by its digest and whose security version comes from the {@link
 * FirmwareCatalog}. An update to a lower security version is rejected ({@code ROLLBACK_REJECTED})
 * unless a {@link RollbackOverride} is given; then a {@code supplychain.firmware_rollback_approved}
 * event (who, why, both security versions) is written first, in the same atomic append.
 *
 * @since 0.1
 */
public final class FirmwareUpdates {
  /** The vendor event type that records an approved rollback. */
  public static final EventType ROLLBACK_APPROVED =
      EventType.of("supplychain.firmware_rollback_approved", 1);

  private final FirmwareCatalog catalog;

  private FirmwareUpdates(FirmwareCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Creates the updater.
   *
   * @param catalog the verified manifests by digest; not null
   * @return the updater
   * @since 0.1
   */
  public static FirmwareUpdates of(FirmwareCatalog catalog) {
    return new FirmwareUpdates(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Registers the schema of {@link #ROLLBACK_APPROVED} so that a validating store accepts it.
   *
   * @param schemas the schemas to extend; not null
   * @return the extended schemas
   * @since 0.1
   */
  public static EventSchemas withSchemas(EventSchemas schemas) {
    Objects.requireNonNull(schemas, "schemas");
    String name = ROLLBACK_APPROVED.name() + ".v1.schema.json";
    try (InputStream in = FirmwareUpdates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + name);
      }
      return schemas.withVendorSchema(
          ROLLBACK_APPROVED.name(), 1, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the {@code node.firmware_baseline_captured} event of a verified manifest, and adds the
   * manifest to the catalogue.
   *
   * @param manifest the installed firmware's verified manifest; not null
   * @param eventId the event id; not null
   * @param at when it was captured; not null
   * @param actor who captured it; not null
   * @return the event for the node's stream
   * @since 0.1
   */
  public NewEvent baseline(
      VerifiedFirmwareManifest manifest, UUID eventId, Instant at, String actor) {
    Objects.requireNonNull(manifest, "manifest");
    catalog.add(manifest);
    FirmwareManifest m = manifest.manifest();
    return NewEvent.builder(EventType.of("node.firmware_baseline_captured", 1))
        .eventId(eventId)
        .occurredAt(at)
        .actor(actor)
        .payload(
            Payload.of(
                "version", m.version(),
                "digest", m.digest().toString(),
                "signature_chain", manifest.signed().signatureChain()))
        .build();
  }

  /**
   * Folds a node's events into its firmware state.
   *
   * @param nodeEvents the node stream's events in order (other types are skipped); not null
   * @return the state
   * @throws FirmwareException {@code HISTORY_INVALID} if there is no baseline or an update comes
   *     before it, {@code UNKNOWN_IMAGE} if an update's digest is not in the catalogue, or a
   *     failing step of reading the baseline's manifest
   * @since 0.1
   */
  public FirmwareState state(List<RecordedEvent> nodeEvents) throws FirmwareException {
    Objects.requireNonNull(nodeEvents, "nodeEvents");
    List<FirmwareManifest> history = new ArrayList<>();
    for (RecordedEvent e : nodeEvents) {
      if (e.type().equals("node.firmware_baseline_captured")) {
        if (!history.isEmpty()) {
          throw new FirmwareException(
              FirmwareException.Code.HISTORY_INVALID,
              "firmware history of '" + e.streamId() + "'; expected one baseline, but got two");
        }
        List<String> chain = new ArrayList<>();
        Object raw = e.payload().toMap().get("signature_chain");
        if (raw instanceof List<?> l) {
          l.forEach(x -> chain.add(String.valueOf(x)));
        }
        history.add(SignedFirmwareManifest.fromSignatureChain(chain).manifest());
      } else if (e.type().equals("maintenance.firmware_updated")) {
        if (history.isEmpty()) {
          throw new FirmwareException(
              FirmwareException.Code.HISTORY_INVALID,
              "firmware history of '"
                  + e.streamId()
                  + "'; expected a baseline before the update at sequence "
                  + e.sequence()
                  + ", but got none");
        }
        String digest = e.payload().requireText("digest");
        history.add(
            catalog
                .byDigest(digest)
                .orElseThrow(
                    () ->
                        new FirmwareException(
                            FirmwareException.Code.UNKNOWN_IMAGE,
                            "firmware image " + digest + "; expected a catalogued manifest"))
                .manifest());
      }
    }
    if (history.isEmpty()) {
      throw new FirmwareException(
          FirmwareException.Code.HISTORY_INVALID,
          "firmware history; expected a node.firmware_baseline_captured event, but got none");
    }
    return new FirmwareState(history.get(0), history.get(history.size() - 1), history);
  }

  /** Whether an update is planned or urgent, as {@code maintenance.firmware_updated} says. */
  public enum Mode {
    /** Planned. */
    SCHEDULED,
    /** Urgent. */
    EMERGENCY
  }

  /**
   * Plans an update: checks anti-rollback and returns the events to append atomically to the node's
   * stream; adds the target manifest to the catalogue.
   *
   * @param current the node's firmware state; not null
   * @param target the verified manifest of the image to install; not null
   * @param mode scheduled or emergency; not null
   * @param override the approval to lower the security version, or null for none
   * @param ids event ids (one or two are taken); not null
   * @param at when the update happened; not null
   * @param actor who performed it; not null
   * @return the events: the rollback approval (only with an override that is used) and the update
   * @throws FirmwareException {@code ROLLBACK_REJECTED} if the target's security version is below
   *     the current one and no override is given
   * @since 0.1
   */
  public List<NewEvent> update(
      FirmwareState current,
      VerifiedFirmwareManifest target,
      Mode mode,
      @Nullable RollbackOverride override,
      Supplier<UUID> ids,
      Instant at,
      String actor)
      throws FirmwareException {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ids, "ids");
    FirmwareManifest from = current.current();
    FirmwareManifest to = target.manifest();
    List<NewEvent> out = new ArrayList<>(2);
    if (to.securityVersion() < from.securityVersion()) {
      if (override == null) {
        throw new FirmwareException(
            FirmwareException.Code.ROLLBACK_REJECTED,
            String.format(
                Locale.ROOT,
                "firmware security version; expected at least %d (installed %s), but got %d"
                    + " (%s); a rollback needs an explicit RollbackOverride",
                from.securityVersion(),
                from.version(),
                to.securityVersion(),
                to.version()));
      }
      out.add(
          NewEvent.builder(ROLLBACK_APPROVED)
              .eventId(ids.get())
              .occurredAt(at)
              .actor(override.approvedBy())
              .payload(
                  Payload.of(
                      "from_version", from.version(),
                      "to_version", to.version(),
                      "from_security_version", from.securityVersion(),
                      "to_security_version", to.securityVersion(),
                      "digest", to.digest().toString(),
                      "approved_by", override.approvedBy(),
                      "reason", override.reason()))
              .build());
    }
    catalog.add(target);
    out.add(
        NewEvent.builder(EventType.of("maintenance.firmware_updated", 1))
            .eventId(ids.get())
            .occurredAt(at)
            .actor(actor)
            .payload(
                Payload.of(
                    "from_version", from.version(),
                    "to_version", to.version(),
                    "digest", to.digest().toString(),
                    "mode", mode.name().toLowerCase(Locale.ROOT)))
            .build());
    return out;
  }
}
