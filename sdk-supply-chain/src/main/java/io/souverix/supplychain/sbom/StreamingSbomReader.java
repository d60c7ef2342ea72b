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
import java.util.Arrays;
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

  /**
   * Strings of one document as dense ids, looked up straight from the parser's character buffer: a
   * repeated string costs neither a {@link String} nor a scattered comparison. Open addressing over
   * {@code long}s (hash and id in one slot); the characters of each string are kept in one arena,
   * so a lookup touches one slot and one stretch of the arena.
   */
  private static final class Strings {
    private long[] slots = new long[1024]; // hash << 32 | (id + 1), 0 when empty
    private char[] arena = new char[4096];
    private int[] start = new int[257]; // id -> offset in the arena; start[size] is its end
    private String[] names = new String[256];
    private int size;

    int id(char[] buf, int off, int len) {
      int h = hash(buf, off, len);
      int mask = slots.length - 1;
      for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
        long s = slots[i];
        if (s == 0) {
          return add(buf, off, len, h, i);
        }
        if ((int) (s >>> 32) == h && is((int) s - 1, buf, off, len)) {
          return (int) s - 1;
        }
      }
    }

    /** Whether string {@code id} has exactly these characters. */
    boolean is(int id, char[] buf, int off, int len) {
      int from = start[id];
      return start[id + 1] - from == len
          && Arrays.equals(arena, from, from + len, buf, off, off + len);
    }

    String name(int id) {
      return names[id];
    }

    /** Four characters per step, so that the multiplications do not wait on each other. */
    private static int hash(char[] buf, int off, int len) {
      long h = len;
      int i = off;
      int end = off + len;
      for (; i + 3 < end; i += 4) {
        long v =
            buf[i] | (long) buf[i + 1] << 16 | (long) buf[i + 2] << 32 | (long) buf[i + 3] << 48;
        h = (h ^ v) * 0x9E3779B97F4A7C15L;
      }
      for (; i < end; i++) {
        h = (h ^ buf[i]) * 0x9E3779B97F4A7C15L;
      }
      return (int) (h ^ (h >>> 32));
    }

    int size() {
      return size;
    }

    String[] names() {
      return Arrays.copyOf(names, size);
    }

    private int add(char[] buf, int off, int len, int h, int slot) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        start = Arrays.copyOf(start, size * 2 + 1);
      }
      int from = start[size];
      if (from + len > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, from + len));
      }
      System.arraycopy(buf, off, arena, from, len);
      start[size + 1] = from + len;
      names[size] = new String(buf, off, len);
      slots[slot] = ((long) h << 32) | (size + 1);
      size++;
      if (2 * size > slots.length) {
        grow();
      }
      return size - 1;
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      int mask = slots.length - 1;
      for (long s : old) {
        if (s != 0) {
          int i = spread((int) (s >>> 32)) & mask;
          while (slots[i] != 0) {
            i = (i + 1) & mask;
          }
          slots[i] = s;
        }
      }
    }

    private static int spread(int h) {
      return (h * 0x9E3779B9) ^ (h >>> 16);
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] a = new int[256];
    private int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** One pass over one document. */
  private static final class Reader {
    /** The slot passed for {@code metadata.component}. */
    private static final int META = -1;

    private final JsonParser p;
    private final List<SbomComponent> components = new ArrayList<>();

    /** {@code bom-ref}s: dependencies name them again, so they become ids. */
    private final Strings refs = new Strings();

    /** Reference id to the lowest index of a component with that {@code bom-ref}, or -1. */
    private final IntList refTarget = new IntList();

    /** Short strings that repeat across components: groups, suppliers, licences, algorithms. */
    private final Strings shared = new Strings();

    private final IntList edgeFrom = new IntList();
    private final IntList edgeTo = new IntList();
    private final IntList dependsOn = new IntList();
    private int metaRef = -1;
    private int lastDependencyRef = -1;
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
      List<SbomComponent> all = List.copyOf(components); // Sbom keeps this very instance
      return new Sbom(specVersion, Sbom.Format.JSON, meta, all, edges(all));
    }

    private RefEdges edges(List<SbomComponent> all) {
      while (refTarget.size < refs.size()) {
        refTarget.add(-1);
      }
      return new RefEdges(
          refs.names(),
          edgeFrom.toArray(),
          edgeTo.toArray(),
          refTarget.toArray(),
          metaRef,
          all,
          meta);
    }

    private void metadata(JsonToken t) throws IOException, SbomParseException {
      expect(t, JsonToken.START_OBJECT, "metadata");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("component")) {
          expect(v, JsonToken.START_OBJECT, "metadata.component");
          meta = component(null, META);
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
        components.set(slot, component(components, slot));
      }
    }

    /**
     * Reads one component object (the parser is on its START_OBJECT); nested ones go to out. Its
     * {@code bom-ref} is registered for index {@code slot} ({@link #META} for the metadata one).
     */
    private SbomComponent component(@Nullable List<SbomComponent> out, int slot)
        throws IOException, SbomParseException {
      int ref = -1;
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
          case "bom-ref" -> ref = ref(t);
          case "purl" -> purl = text(t);
          case "group" -> group = shared(t);
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
                int nested = out.size();
                out.add(null);
                out.set(nested, component(out, nested));
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (expression != null) {
        ids.add(expression);
      }
      String bomRef = ref < 0 ? null : blankToNull(refs.name(ref));
      if (slot == META) {
        metaRef = bomRef == null ? -1 : ref;
      } else if (bomRef != null) {
        while (refTarget.size < refs.size()) {
          refTarget.add(-1);
        }
        if (refTarget.a[ref] < 0 || slot < refTarget.a[ref]) {
          refTarget.a[ref] = slot; // a parent is read after its nested components
        }
      }
      String n = name == null ? "" : name;
      String g = blankToNull(group);
      String pu = blankToNull(purl);
      return new SbomComponent(
          bomRef, Keys.key(pu, g, n), pu, g, n, version, hashes, ids, blankToNull(supplier), urls);
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
            alg = shared(v);
          } else if (f.equals("content")) {
            content = lowerCase(v);
          } else {
            p.skipChildren();
          }
        }
        if (alg != null && content != null) {
          out.putIfAbsent(Adapter.algorithm(alg), content);
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
                id = shared(lv);
              } else if (lf.equals("name")) {
                name = shared(lv);
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
          name = shared(v);
        } else if (f.equals("url") && v == JsonToken.START_ARRAY) {
          JsonToken u;
          while ((u = p.nextToken()) != JsonToken.END_ARRAY) {
            String s = shared(u);
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
        int from = -1;
        dependsOn.size = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("ref")) {
            from = dependencyRef(v);
          } else if (f.equals("dependsOn") && v == JsonToken.START_ARRAY) {
            JsonToken x;
            while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
              int to = ref(x);
              if (to >= 0) {
                dependsOn.add(to);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (from >= 0) {
          for (int i = 0; i < dependsOn.size; i++) {
            edgeFrom.add(from);
            edgeTo.add(dependsOn.a[i]);
          }
        }
      }
    }

    /**
     * Like {@link #ref} for the {@code ref} of a dependency: generators list dependencies in the
     * order of the components, so the reference after the previous one is tried first.
     */
    private int dependencyRef(JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        int next = lastDependencyRef + 1;
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        lastDependencyRef =
            next < refs.size() && refs.is(next, buf, off, len) ? next : refs.id(buf, off, len);
        return lastDependencyRef;
      }
      p.skipChildren();
      return -1;
    }

    /** The reference id of a string scalar, or -1 (children skipped when it is a container). */
    private int ref(JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return refs.id(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
      p.skipChildren();
      return -1;
    }

    /** Like {@link #text} for strings that repeat: one instance per distinct text. */
    private @Nullable String shared(JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return shared.name(shared.id(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
      }
      p.skipChildren();
      return null;
    }

    /** Like {@link #text}, lower-cased (hash values: hex digits, nearly always lower-case). */
    private @Nullable String lowerCase(JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_STRING) {
        p.skipChildren();
        return null;
      }
      char[] buf = p.getTextCharacters();
      int off = p.getTextOffset();
      int end = off + p.getTextLength();
      for (int i = off; i < end; i++) {
        char c = buf[i];
        if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
          return p.getText().toLowerCase(Locale.ROOT);
        }
      }
      return new String(buf, off, end - off);
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
