package io.souverix.supplychain.sbom;

import static io.souverix.supplychain.sbom.Boms.bom;
import static io.souverix.supplychain.sbom.Boms.licence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private static byte[] v1() {
    Boms b = bom();
    licence(b.add("left-pad", "1.0.0"), "MIT");
    return b.bytes();
  }

  private static byte[] v2() {
    Boms b = bom();
    licence(b.add("left-pad", "1.1.0"), "MIT");
    b.add("fresh", "1");
    return b.bytes();
  }

  @Test
  void put_validBom_storedWithSha256OfBytesAndLinkedToComponent() throws Exception {
    SbomStore store = SbomStore.inMemory(CLOCK);

    StoredSbom s = store.put(D1, "software-web", v1());

    assertThat(s.sbomHash()).isEqualTo("sha256:" + Sha256.hex(v1()));
    assertThat(s)
        .isEqualTo(
            new StoredSbom(
                D1, s.sbomHash(), "software-web", CLOCK.instant(), "1.6", Sbom.Format.JSON, 1));
    assertThat(store.get(D1)).contains(s);
    assertThat(store.bytes(D1)).isEqualTo(v1());
    assertThat(store.forComponent("software-web")).containsExactly(s);
    assertThat(store.forComponent("other")).isEmpty();
  }

  @Test
  void put_sameBytesAgain_idempotent_otherBytesConflict() throws Exception {
    SbomStore store = SbomStore.inMemory(CLOCK);
    StoredSbom first = store.put(D1, "software-web", v1());

    assertThat(store.put(D1, "software-web", v1())).isEqualTo(first);
    SbomStoreException e =
        catchThrowableOfType(SbomStoreException.class, () -> store.put(D1, "software-web", v2()));
    assertThat(e.code()).isEqualTo(SbomStoreException.Code.CONFLICT);
    assertThat(store.bytes(D1)).isEqualTo(v1());
  }

  @Test
  void put_invalidDigestOrBom_rejectedAndNothingStored() {
    SbomStore store = SbomStore.inMemory(CLOCK);

    SbomStoreException bad =
        catchThrowableOfType(
            SbomStoreException.class, () -> store.put("sha256:ABC", "software-web", v1()));
    SbomParseException notBom =
        catchThrowableOfType(
            SbomParseException.class,
            () -> store.put(D1, "software-web", "{\"x\":1}".getBytes(StandardCharsets.UTF_8)));

    assertThat(bad.code()).isEqualTo(SbomStoreException.Code.INVALID_DIGEST);
    assertThat(notBom.code()).isEqualTo(SbomParseException.Code.NOT_CYCLONEDX);
    assertThat(store.get(D1)).isEmpty();
  }

  @Test
  void diff_twoStoredImages_diffsTheirBoms_missingDigestNotFound() throws Exception {
    SbomStore store = SbomStore.inMemory(CLOCK);
    store.put(D1, "software-web", v1());
    store.put(D2, "software-web", v2());

    SbomDiff d = store.diff(D1, D2);

    assertThat(d.added()).extracting(SbomDiff.Entry::key).containsExactly("pkg:npm/fresh");
    assertThat(d.versionChanged())
        .extracting(SbomDiff.VersionChange::direction)
        .containsExactly("upgrade");
    SbomStoreException e =
        catchThrowableOfType(
            SbomStoreException.class, () -> store.diff(D1, "sha256:" + "3".repeat(64)));
    assertThat(e.code()).isEqualTo(SbomStoreException.Code.NOT_FOUND);
  }

  @Test
  void inDirectory_reopened_keepsEntriesAndBytes(@TempDir Path dir) throws Exception {
    SbomStore store = SbomStore.inDirectory(dir, CLOCK);
    StoredSbom a = store.put(D1, "software-web", v1());
    StoredSbom b = store.put(D2, "software-web", v2());

    SbomStore reopened = SbomStore.inDirectory(dir, CLOCK);

    assertThat(reopened.forComponent("software-web")).containsExactlyInAnyOrder(a, b);
    assertThat(reopened.bytes(D2)).isEqualTo(v2());
    assertThat(reopened.diff(D1, D2).added()).hasSize(1);
    assertThat(Files.exists(dir.resolve("blobs").resolve(a.sbomHash().replace(':', '-') + ".cdx")))
        .isTrue();
  }

  @Test
  void inDirectory_blobTamperedWith_corrupt(@TempDir Path dir) throws Exception {
    SbomStore store = SbomStore.inDirectory(dir, CLOCK);
    StoredSbom a = store.put(D1, "software-web", v1());
    Path blob = dir.resolve("blobs").resolve(a.sbomHash().replace(':', '-') + ".cdx");
    Files.write(blob, v2());

    SbomStoreException e =
        catchThrowableOfType(
            SbomStoreException.class, () -> SbomStore.inDirectory(dir, CLOCK).sbom(D1));

    assertThat(e.code()).isEqualTo(SbomStoreException.Code.CORRUPT);
  }

  @Test
  void imagesOf_imageEventsOfStream_digestsInOrderAndBomsDiffable() throws Exception {
    EventStore events = EventStore.inMemory(CLOCK);
    events.append(
        "software-web",
        ExpectedVersion.any(),
        List.of(
            event(EventType.SOFTWARE_REGISTERED, Payload.of("name", "web")),
            event(
                EventType.SOFTWARE_BASE_IMAGE_DEPLOYED,
                Payload.of("image", "base", "version", "1", "digest", D1)),
            event(
                EventType.SOFTWARE_CONTAINER_IMAGE_PULLED,
                Payload.of("image", "web", "version", "2", "digest", D2))));
    SbomStore store = SbomStore.inMemory(CLOCK);
    store.put(D1, "software-web", v1());
    store.put(D2, "software-web", v2());

    List<String> digests = SbomStore.imagesOf(events, "software-web");

    assertThat(digests).containsExactly(D1, D2);
    assertThat(store.diff(digests.get(0), digests.get(1)).added()).hasSize(1);
  }

  private static NewEvent event(EventType type, Payload payload) {
    return NewEvent.builder(type)
        .eventId(UUID.randomUUID())
        .occurredAt(CLOCK.instant())
        .actor("test")
        .payload(payload)
        .build();
  }
}
