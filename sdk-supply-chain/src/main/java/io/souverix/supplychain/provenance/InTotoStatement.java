package io.souverix.supplychain.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.supplychain.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-toto Statement v1 ({@code https://in-toto.io/Statement/v1}): the subjects it is about (by
 * digest) and a typed predicate, such as SLSA provenance v1.
 *
 * @since 0.1
 */
public final class InTotoStatement {
  /** The in-toto statement type this class reads. */
  public static final String TYPE = "https://in-toto.io/Statement/v1";

  /** The DSSE payload type of an in-toto statement. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /**
   * A subject of the statement: a name and its SHA-256 digest.
   *
   * @param name the subject name (a file name or image reference)
   * @param digest the subject's SHA-256 digest
   * @since 0.1
   */
  public record Subject(String name, Digest digest) {
    /** Checks both parts are present. */
    public Subject {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(digest, "digest");
    }
  }

  private final List<Subject> subjects;
  private final String predicateType;
  private final JsonNode predicate;

  private InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate) {
    this.subjects = subjects;
    this.predicateType = predicateType;
    this.predicate = predicate;
  }

  /**
   * Parses a statement from a DSSE payload.
   *
   * @param payload the JSON bytes; not null
   * @return the statement
   * @throws ProvenanceException with {@code STATEMENT_UNREADABLE} if it is not an in-toto Statement
   *     v1 with at least one subject carrying a SHA-256 digest
   * @since 0.1
   */
  public static InTotoStatement parse(byte[] payload) throws ProvenanceException {
    Objects.requireNonNull(payload, "payload");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw unreadable("not JSON: " + e.getMessage());
    }
    if (root == null || !TYPE.equals(root.path("_type").asText())) {
      throw unreadable(
          String.format(
              Locale.ROOT,
              "_type; expected %s, but got '%s'",
              TYPE,
              root == null ? "" : root.path("_type").asText()));
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : root.path("subject")) {
      JsonNode sha = s.path("digest").path("sha256");
      if (!sha.isTextual()) {
        continue;
      }
      try {
        subjects.add(
            new Subject(s.path("name").asText(""), Digest.parse("sha256:" + sha.asText())));
      } catch (IllegalArgumentException e) {
        throw unreadable("subject digest; " + e.getMessage());
      }
    }
    if (subjects.isEmpty()) {
      throw unreadable("subject; expected at least one subject with a sha256 digest");
    }
    if (!root.path("predicateType").isTextual()) {
      throw unreadable("predicateType; expected a string");
    }
    return new InTotoStatement(
        List.copyOf(subjects), root.path("predicateType").asText(), root.path("predicate"));
  }

  private static ProvenanceException unreadable(String why) {
    return new ProvenanceException(
        ProvenanceException.Code.STATEMENT_UNREADABLE, "in-toto statement; " + why);
  }

  /**
   * Returns the subjects that carry a SHA-256 digest.
   *
   * @return an unmodifiable, non-empty list
   * @since 0.1
   */
  public List<Subject> subjects() {
    return subjects;
  }

  /**
   * Returns the predicate type URI.
   *
   * @return the predicate type, such as {@code https://slsa.dev/provenance/v1}
   * @since 0.1
   */
  public String predicateType() {
    return predicateType;
  }

  /**
   * Returns the SLSA provenance v1 builder id ({@code predicate.runDetails.builder.id}).
   *
   * @return the builder id, or empty when the predicate has none
   * @since 0.1
   */
  public Optional<String> slsaBuilderId() {
    JsonNode id = predicate.path("runDetails").path("builder").path("id");
    return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
  }

  /**
   * Returns the source repositories the SLSA provenance v1 names: {@code
   * buildDefinition.externalParameters.workflow.repository} (GitHub Actions builds) and the URIs of
   * {@code buildDefinition.resolvedDependencies}.
   *
   * @return the source URIs, possibly empty
   * @since 0.1
   */
  public List<String> slsaSources() {
    List<String> out = new ArrayList<>();
    JsonNode def = predicate.path("buildDefinition");
    JsonNode repo = def.path("externalParameters").path("workflow").path("repository");
    if (repo.isTextual()) {
      out.add(repo.asText());
    }
    for (JsonNode d : def.path("resolvedDependencies")) {
      if (d.path("uri").isTextual()) {
        out.add(d.path("uri").asText());
      }
    }
    return List.copyOf(out);
  }

  boolean hasSubject(Digest digest) {
    return subjects.stream().anyMatch(s -> s.digest().equals(digest));
  }
}
