package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.internal.Sha256;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.supplychain.sbom.SbomStoreException.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * BOMs by image digest: each container or base image digest has at most one CycloneDX BOM, checked
 * by {@link SbomParser} when stored, kept byte for byte and identified by its {@code sbom_hash}
 * ({@code sha256:HEX} of the bytes as given), and linked to the software component (its event
 * stream id) that runs the image.
 *
 * <p>The link to the event log is by digest: {@code software.container_image_pulled} and {@code
 * software.base_image_deployed} events carry the image digest ({@link #imagesOf}), and the BOM's
 * bytes stay here, out of the event payloads. Two variants: {@link #inMemory} and {@link
 * #inDirectory} ({@code blobs/sha256-HEX.cdx} for the bytes, {@code index/sha256-HEX.json} per
 * image digest, each written to a temporary file and moved into place). Thread-safe.
 *
 * @since 0.1
 */
public final class SbomStore {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int PAGE = 500;

  private final Clock clock;
  private final SbomParser parser;
  private final @Nullable Path dir;
  private final Map<String, StoredSbom> byDigest = new LinkedHashMap<>();
  private final Map<String, byte[]> blobs = new HashMap<>();

  private SbomStore(Clock clock, SbomParser parser, @Nullable Path dir) {
    this.clock = clock;
    this.parser = parser;
    this.dir = dir;
  }

  /**
   * A store that keeps everything in memory.
   *
   * @param clock the clock of {@link StoredSbom#storedAt()}; not null
   * @return the store
   * @since 0.1
   */
  public static SbomStore inMemory(Clock clock) {
    return new SbomStore(Objects.requireNonNull(clock, "clock"), SbomParser.defaults(), null);
  }

  /**
   * A store in a directory, created if missing; what it already holds is loaded.
   *
   * @param dir the directory; not null
   * @param clock the clock of {@link StoredSbom#storedAt()}; not null
   * @return the store
   * @throws SbomStoreException with {@code IO} if the directory cannot be created or read, or an
   *     index file is unreadable
   * @since 0.1
   */
  public static SbomStore inDirectory(Path dir, Clock clock) throws SbomStoreException {
    Objects.requireNonNull(dir, "dir");
    SbomStore s = new SbomStore(Objects.requireNonNull(clock, "clock"), SbomParser.defaults(), dir);
    try {
      Files.createDirectories(dir.resolve("blobs"));
      Files.createDirectories(dir.resolve("index"));
      List<StoredSbom> loaded = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("index"), "*.json")) {
        for (Path f : files) {
          loaded.add(fromJson(f, Files.readString(f, StandardCharsets.UTF_8)));
        }
      }
      loaded.sort(
          Comparator.comparing(StoredSbom::storedAt).thenComparing(StoredSbom::imageDigest));
      loaded.forEach(x -> s.byDigest.put(x.imageDigest(), x));
    } catch (IOException e) {
      throw new SbomStoreException(Code.IO, "cannot open " + dir + ": " + e.getMessage(), e);
    }
    return s;
  }

  /**
   * Stores the BOM of an image, after checking it. Storing the same bytes again for the same digest
   * returns the existing entry (idempotent).
   *
   * @param imageDigest the image digest, {@code sha256:} and 64 lower-case hex digits; not null
   * @param component the software component's stream id; not null
   * @param bom the BOM's bytes, CycloneDX JSON or XML 1.2 to 1.6; not null
   * @return what was stored
   * @throws SbomParseException if the bytes are not a valid CycloneDX BOM
   * @throws SbomStoreException with {@code INVALID_DIGEST}, {@code CONFLICT} (the digest has a BOM
   *     with another hash, or the same BOM under another component) or {@code IO}
   * @since 0.1
   */
  public synchronized StoredSbom put(String imageDigest, String component, byte[] bom)
      throws SbomParseException, SbomStoreException {
    checkDigest(imageDigest);
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(bom, "bom");
    String hash = "sha256:" + Sha256.hex(bom);
    StoredSbom existing = byDigest.get(imageDigest);
    if (existing != null) {
      if (existing.sbomHash().equals(hash) && existing.component().equals(component)) {
        return existing;
      }
      throw new SbomStoreException(
          Code.CONFLICT,
          String.format(
              Locale.ROOT,
              "BOM of %s; expected %s for %s, but got %s for %s",
              imageDigest,
              existing.sbomHash(),
              existing.component(),
              hash,
              component),
          null);
    }
    Sbom parsed = parser.parse(bom);
    StoredSbom s =
        new StoredSbom(
            imageDigest,
            hash,
            component,
            clock.instant(),
            parsed.specVersion(),
            parsed.format(),
            parsed.components().size());
    if (dir == null) {
      blobs.putIfAbsent(hash, bom.clone());
    } else {
      try {
        Path blob = blob(hash);
        if (!Files.exists(blob)) {
          atomicWrite(blob, bom);
        }
        atomicWrite(
            dir.resolve("index").resolve(fileName(imageDigest) + ".json"),
            toJson(s).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new SbomStoreException(
            Code.IO, "cannot store the BOM of " + imageDigest + ": " + e.getMessage(), e);
      }
    }
    byDigest.put(imageDigest, s);
    return s;
  }

  /**
   * What is stored for an image digest.
   *
   * @param imageDigest the image digest; not null
   * @return the entry, or empty when none
   * @since 0.1
   */
  public synchronized Optional<StoredSbom> get(String imageDigest) {
    return Optional.ofNullable(byDigest.get(Objects.requireNonNull(imageDigest, "imageDigest")));
  }

  /**
   * The BOM's bytes for an image digest, exactly as stored, checked against the {@code sbom_hash}.
   *
   * @param imageDigest the image digest; not null
   * @return a copy of the bytes
   * @throws SbomStoreException with {@code NOT_FOUND}, {@code CORRUPT} (the bytes no longer match
   *     the hash) or {@code IO}
   * @since 0.1
   */
  public synchronized byte[] bytes(String imageDigest) throws SbomStoreException {
    StoredSbom s = require(imageDigest);
    byte[] b;
    if (dir == null) {
      b = blobs.get(s.sbomHash()).clone();
    } else {
      try {
        b = Files.readAllBytes(blob(s.sbomHash()));
      } catch (IOException e) {
        throw new SbomStoreException(
            Code.IO, "cannot read the BOM of " + imageDigest + ": " + e.getMessage(), e);
      }
    }
    String actual = "sha256:" + Sha256.hex(b);
    if (!actual.equals(s.sbomHash())) {
      throw new SbomStoreException(
          Code.CORRUPT,
          String.format(
              Locale.ROOT,
              "BOM of %s; expected sbom_hash %s, but the bytes hash to %s",
              imageDigest,
              s.sbomHash(),
              actual),
          null);
    }
    return b;
  }

  /**
   * The parsed BOM of an image digest.
   *
   * @param imageDigest the image digest; not null
   * @return the BOM
   * @throws SbomStoreException as {@link #bytes}, or {@code CORRUPT} if the stored bytes no longer
   *     parse
   * @since 0.1
   */
  public Sbom sbom(String imageDigest) throws SbomStoreException {
    byte[] b = bytes(imageDigest);
    try {
      // Checked against the schema when stored, and the bytes still hash to sbom_hash.
      return parser.withoutSchemaCheck().parse(b);
    } catch (SbomParseException e) {
      throw new SbomStoreException(
          Code.CORRUPT, "stored BOM of " + imageDigest + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every BOM stored for a software component, in the order stored.
   *
   * @param component the component's stream id; not null
   * @return the entries
   * @since 0.1
   */
  public synchronized List<StoredSbom> forComponent(String component) {
    Objects.requireNonNull(component, "component");
    return byDigest.values().stream().filter(s -> s.component().equals(component)).toList();
  }

  /**
   * Diffs the BOMs of two image digests.
   *
   * @param olderDigest the image running now; not null
   * @param newerDigest the image to roll out; not null
   * @return the diff
   * @throws SbomStoreException with {@code NOT_FOUND} when a digest has no BOM, or as {@link #sbom}
   * @since 0.1
   */
  public SbomDiff diff(String olderDigest, String newerDigest) throws SbomStoreException {
    return SbomDiffer.diff(sbom(olderDigest), sbom(newerDigest));
  }

  /**
   * The image digests a software component ran, from its event stream: the {@code digest} of each
   * {@code software.container_image_pulled} and {@code software.base_image_deployed} event, in
   * stream order, repeats kept.
   *
   * @param events the event store; not null
   * @param streamId the component's stream id; not null
   * @return the digests, oldest first
   * @throws EventStoreException if the stream cannot be read
   * @since 0.1
   */
  public static List<String> imagesOf(EventStore events, String streamId)
      throws EventStoreException {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(streamId, "streamId");
    String pulled = EventType.SOFTWARE_CONTAINER_IMAGE_PULLED.name();
    String deployed = EventType.SOFTWARE_BASE_IMAGE_DEPLOYED.name();
    List<String> out = new ArrayList<>();
    long from = 1;
    while (true) {
      List<RecordedEvent> page = events.readStream(streamId, from, PAGE);
      for (RecordedEvent e : page) {
        if (e.type().equals(pulled) || e.type().equals(deployed)) {
          e.payload().text("digest").ifPresent(out::add);
        }
        from = e.sequence() + 1;
      }
      if (page.size() < PAGE) {
        return out;
      }
    }
  }

  private StoredSbom require(String imageDigest) throws SbomStoreException {
    StoredSbom s = byDigest.get(Objects.requireNonNull(imageDigest, "imageDigest"));
    if (s == null) {
      throw new SbomStoreException(Code.NOT_FOUND, "no BOM stored for " + imageDigest, null);
    }
    return s;
  }

  private static void checkDigest(String imageDigest) throws SbomStoreException {
    if (imageDigest == null || !DIGEST.matcher(imageDigest).matches()) {
      throw new SbomStoreException(
          Code.INVALID_DIGEST,
          "image digest; expected sha256: and 64 lower-case hex digits, but got " + imageDigest,
          null);
    }
  }

  private Path blob(String hash) {
    return Objects.requireNonNull(dir).resolve("blobs").resolve(fileName(hash) + ".cdx");
  }

  private static String fileName(String digest) {
    return digest.replace(':', '-');
  }

  private static void atomicWrite(Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String toJson(StoredSbom s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("image_digest", s.imageDigest());
    n.put("sbom_hash", s.sbomHash());
    n.put("component", s.component());
    n.put("stored_at", s.storedAt().toString());
    n.put("spec_version", s.specVersion());
    n.put("format", s.format().name());
    n.put("components", s.components());
    return CanonicalJson.write(n);
  }

  private static StoredSbom fromJson(Path file, String json) throws IOException {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      return new StoredSbom(
          n.get("image_digest").textValue(),
          n.get("sbom_hash").textValue(),
          n.get("component").textValue(),
          Instant.parse(n.get("stored_at").textValue()),
          n.get("spec_version").textValue(),
          Sbom.Format.valueOf(n.get("format").textValue()),
          n.get("components").intValue());
    } catch (RuntimeException e) {
      throw new IOException("index file " + file + " is not readable: " + e.getMessage(), e);
    }
  }
}
