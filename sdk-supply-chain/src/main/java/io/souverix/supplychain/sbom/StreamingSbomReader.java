package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.souverix.supplychain.sbom.SbomParseException.Code;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A fast reader of CycloneDX JSON (1.2 to 1.6) for BOMs that were already checked once, for example
 * those read back from an {@link SbomStore}, or very large BOMs on a trusted path: one streaming
 * pass with Jackson that keeps only what diffing needs (component identity, version, hashes,
 * licences, supplier, nesting, dependencies) and skips everything else.
 *
 * <p>It gives the same {@link Sbom} as {@link SbomParser} for valid documents, but checks only
 * well-formedness, the size and depth limits, {@code bomFormat} and {@code specVersion}: it does
 * <em>not</em> check the schema. Use {@link SbomParser} for untrusted input. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class StreamingSbomReader {
  private static final Set<String> VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6");

  private final long maxBytes;
  private final JsonFactory factory;

  private StreamingSbomReader(long maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxDocumentLength(maxBytes)
                    .build())
            .build();
  }

  /**
   * A reader with the limits of {@link SbomParser#defaults()}.
   *
   * @return the reader
   * @since 0.1
   */
  public static StreamingSbomReader defaults() {
    return new StreamingSbomReader(SbomParser.DEFAULT_MAX_BYTES, SbomParser.DEFAULT_MAX_DEPTH);
  }

  /**
   * Reads a CycloneDX JSON BOM without schema checking.
   *
   * @param content the JSON document; not null
   * @return the BOM
   * @throws SbomParseException with {@code TOO_LARGE}, {@code TOO_DEEP}, {@code MALFORMED} (also
   *     for XML input or a member of the wrong JSON type), {@code NOT_CYCLONEDX} or {@code
   *     UNSUPPORTED_SPEC_VERSION}
   * @since 0.1
   */
  public Sbom read(byte[] content) throws SbomParseException {
    if (content.length > maxBytes) {
      throw new SbomParseException(
          Code.TOO_LARGE,
          "document",
          String.format(
              Locale.ROOT,
              "size; expected at most %d bytes, but got %d",
              maxBytes,
              content.length));
    }
    try (JsonParser p = factory.createParser(content)) {
      return new Reader(p).bom();
    } catch (StreamConstraintsException e) {
      throw new SbomParseException(Code.TOO_DEEP, location(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new SbomParseException(Code.MALFORMED, location(e), e.getOriginalMessage());
    } catch (IOException e) {
      throw new SbomParseException(Code.MALFORMED, "document", String.valueOf(e.getMessage()));
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "document"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** One pass over one document. */
  private static final class Reader {
    private final JsonParser p;
    private final List<SbomComponent> components = new ArrayList<>();
    private final List<Sbom.Edge> edges = new ArrayList<>();
    private @Nullable SbomComponent meta;
    private @Nullable String bomFormat;
    private @Nullable String specVersion;

    Reader(JsonParser p) {
      this.p = p;
    }

    Sbom bom() throws IOException, SbomParseException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "document");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "bomFormat" -> bomFormat = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "specVersion" -> specVersion = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "metadata" -> metadata(t);
          case "components" -> components(t);
          case "dependencies" -> dependencies(t);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new SbomParseException(
            Code.MALFORMED, where(), "trailing content after the document");
      }
      if (!"CycloneDX".equals(bomFormat)) {
        throw new SbomParseException(
            Code.NOT_CYCLONEDX,
            "/bomFormat",
            "bomFormat; expected \"CycloneDX\", but got "
                + (bomFormat == null ? "nothing" : "\"" + bomFormat + "\""));
      }
      if (specVersion == null || !VERSIONS.contains(specVersion)) {
        throw new SbomParseException(
            Code.UNSUPPORTED_SPEC_VERSION,
            "/specVersion",
            "spec version; expected one of 1.2, 1.3, 1.4, 1.5, 1.6, but got '"
                + (specVersion == null ? "" : specVersion)
                + "'");
      }
      return new Sbom(specVersion, Sbom.Format.JSON, meta, components, edges);
    }

    private void metadata(JsonToken t) throws IOException, SbomParseException {
      expect(t, JsonToken.START_OBJECT, "metadata");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("component")) {
          expect(v, JsonToken.START_OBJECT, "metadata.component");
          meta = component(null);
        } else {
          p.skipChildren();
        }
      }
    }

    private void components(JsonToken t) throws IOException, SbomParseException {
      expect(t, JsonToken.START_ARRAY, "components");
      JsonToken c;
      while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(c, JsonToken.START_OBJECT, "component");
        int slot = components.size();
        components.add(null);
        components.set(slot, component(components));
      }
    }

    /** Reads one component object (the parser is on its START_OBJECT); nested ones go to out. */
    private SbomComponent component(@Nullable List<SbomComponent> out)
        throws IOException, SbomParseException {
      String bomRef = null;
      String purl = null;
      String group = null;
      String name = null;
      String version = null;
      Map<String, String> hashes = new LinkedHashMap<>();
      List<String> ids = new ArrayList<>();
      String expression = null;
      String supplier = null;
      List<String> urls = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "bom-ref" -> bomRef = text(t);
          case "purl" -> purl = text(t);
          case "group" -> group = text(t);
          case "name" -> name = text(t);
          case "version" -> version = text(t);
          case "hashes" -> hashes(t, hashes);
          case "licenses" -> expression = licences(t, ids, expression);
          case "supplier" -> {
            if (t == JsonToken.START_OBJECT) {
              List<String> u = new ArrayList<>();
              supplier = supplier(u);
              urls = u;
            } else {
              p.skipChildren();
            }
          }
          case "components" -> {
            if (out == null || t != JsonToken.START_ARRAY) {
              p.skipChildren();
            } else {
              JsonToken c;
              while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
                expect(c, JsonToken.START_OBJECT, "component");
                int slot = out.size();
                out.add(null);
                out.set(slot, component(out));
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (expression != null) {
        ids.add(expression);
      }
      String n = name == null ? "" : name;
      String g = blankToNull(group);
      String pu = blankToNull(purl);
      return new SbomComponent(
          blankToNull(bomRef),
          Keys.key(pu, g, n),
          pu,
          g,
          n,
          version,
          hashes,
          ids,
          blankToNull(supplier),
          urls);
    }

    private void hashes(JsonToken t, Map<String, String> out)
        throws IOException, SbomParseException {
      expect(t, JsonToken.START_ARRAY, "hashes");
      JsonToken h;
      while ((h = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(h, JsonToken.START_OBJECT, "hash");
        String alg = null;
        String content = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("alg")) {
            alg = text(v);
          } else if (f.equals("content")) {
            content = text(v);
          } else {
            p.skipChildren();
          }
        }
        if (alg != null && content != null) {
          out.putIfAbsent(Adapter.algorithm(alg), content.toLowerCase(Locale.ROOT));
        }
      }
    }

    private @Nullable String licences(
        JsonToken t, List<String> ids, @Nullable String expressionSoFar)
        throws IOException, SbomParseException {
      expect(t, JsonToken.START_ARRAY, "licenses");
      String expression = expressionSoFar;
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(e, JsonToken.START_OBJECT, "license choice");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("license") && v == JsonToken.START_OBJECT) {
            String id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String lf = p.currentName();
              JsonToken lv = p.nextToken();
              if (lf.equals("id")) {
                id = text(lv);
              } else if (lf.equals("name")) {
                name = text(lv);
              } else {
                p.skipChildren();
              }
            }
            if (id != null && !id.isBlank()) {
              ids.add(id);
            } else if (name != null && !name.isBlank()) {
              ids.add("name:" + name);
            }
          } else if (f.equals("expression") && v == JsonToken.VALUE_STRING) {
            expression = p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
      return expression;
    }

    private @Nullable String supplier(List<String> urls) throws IOException {
      String name = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("name")) {
          name = text(v);
        } else if (f.equals("url") && v == JsonToken.START_ARRAY) {
          JsonToken u;
          while ((u = p.nextToken()) != JsonToken.END_ARRAY) {
            String s = text(u);
            if (s != null && !s.isBlank()) {
              urls.add(s);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      return name;
    }

    private void dependencies(JsonToken t) throws IOException, SbomParseException {
      expect(t, JsonToken.START_ARRAY, "dependencies");
      JsonToken d;
      while ((d = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(d, JsonToken.START_OBJECT, "dependency");
        String ref = null;
        List<String> to = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("ref")) {
            ref = text(v);
          } else if (f.equals("dependsOn") && v == JsonToken.START_ARRAY) {
            JsonToken x;
            while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
              String s = text(x);
              if (s != null) {
                to.add(s);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (ref != null) {
          for (String x : to) {
            edges.add(new Sbom.Edge(ref, x));
          }
        }
      }
    }

    /** The text of a scalar (its children skipped when it is a container). */
    private @Nullable String text(JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      p.skipChildren();
      return null;
    }

    private void expect(@Nullable JsonToken got, JsonToken want, String what)
        throws SbomParseException {
      if (got != want) {
        throw new SbomParseException(
            Code.MALFORMED,
            where(),
            String.format(Locale.ROOT, "%s; expected %s, but got %s", what, want, got));
      }
    }

    private String where() {
      var l = p.currentLocation();
      return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }
}
