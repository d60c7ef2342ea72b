package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.supplychain.sbom.SbomParseException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads CycloneDX BOMs, JSON or XML (detected from content), spec versions 1.2 to 1.6: checks them
 * against the schema of the version they declare and adapts them into {@link Sbom}.
 *
 * <p>Hardened for untrusted input: a size limit, a nesting-depth limit, and no DTD processing at
 * all (an XML document with a DOCTYPE is rejected, so external entities are never resolved). Schema
 * checking uses the JSON Schemas and XSDs bundled with cyclonedx-core-java; for 1.5 and 1.6 XML the
 * four list elements of {@code modelCard/considerations} that the bundled XSD caps at one entry are
 * allowed to repeat, as the specification's own valid documents do.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SbomParser {
  /** Default size limit: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** Default nesting-depth limit (JSON containers or XML elements). */
  public static final int DEFAULT_MAX_DEPTH = 128;

  private static final Set<String> VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6");
  private static final String NS_PREFIX = "http://cyclonedx.org/schema/bom/";

  private static final Map<Version, com.networknt.schema.Schema> JSON_SCHEMAS =
      new EnumMap<>(Version.class);

  private final long maxBytes;
  private final int maxDepth;
  private final ObjectMapper mapper;
  private final boolean schemaCheck;

  private SbomParser(long maxBytes, int maxDepth) {
    this(maxBytes, maxDepth, true);
  }

  private SbomParser(long maxBytes, int maxDepth, boolean schemaCheck) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.schemaCheck = schemaCheck;
    JsonMapper m =
        JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxDocumentLength(maxBytes)
                .build());
    this.mapper = m;
  }

  /**
   * A parser with the default limits ({@link #DEFAULT_MAX_BYTES}, {@link #DEFAULT_MAX_DEPTH}).
   *
   * @return the parser
   * @since 0.1
   */
  public static SbomParser defaults() {
    return new SbomParser(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
  }

  /**
   * A parser with the given limits.
   *
   * @param maxBytes the largest input accepted, in bytes; positive
   * @param maxDepth the deepest nesting accepted; at least 8
   * @return the parser
   * @throws IllegalArgumentException if a limit is out of range
   * @since 0.1
   */
  public static SbomParser withLimits(long maxBytes, int maxDepth) {
    if (maxBytes <= 0 || maxDepth < 8) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "limits; expected maxBytes > 0 and maxDepth >= 8, but got %d and %d",
              maxBytes,
              maxDepth));
    }
    return new SbomParser(maxBytes, maxDepth);
  }

  /**
   * This parser without the schema check, for BOMs that passed it once and whose bytes are known to
   * be the same (for example read back from an {@link SbomStore}, which verifies their hash). Size,
   * depth, DOCTYPE, {@code bomFormat} and spec version are still checked; a document the library
   * cannot read is {@code CONTENT_INVALID}. Never use it on untrusted input.
   *
   * @return the parser
   * @since 0.1
   */
  public SbomParser withoutSchemaCheck() {
    return new SbomParser(maxBytes, maxDepth, false);
  }

  /**
   * Reads, checks and adapts the BOM in a file.
   *
   * @param file the file; not null
   * @return the BOM
   * @throws IOException if the file cannot be read
   * @throws SbomParseException if the content is not a valid CycloneDX BOM of 1.2 to 1.6
   * @since 0.1
   */
  public Sbom parse(Path file) throws IOException, SbomParseException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw tooLarge(size);
    }
    return parse(Files.readAllBytes(file));
  }

  /**
   * Checks and adapts a BOM.
   *
   * @param content the document, JSON or XML; not null
   * @return the BOM
   * @throws SbomParseException if the content is not a valid CycloneDX BOM of 1.2 to 1.6
   * @since 0.1
   */
  public Sbom parse(byte[] content) throws SbomParseException {
    if (content.length > maxBytes) {
      throw tooLarge(content.length);
    }
    int i = 0;
    if (content.length >= 3
        && (content[0] & 0xff) == 0xEF
        && (content[1] & 0xff) == 0xBB
        && (content[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < content.length && Character.isWhitespace(content[i])) {
      i++;
    }
    if (i == content.length) {
      throw new SbomParseException(Code.MALFORMED, "document", "empty input");
    }
    if (content[i] == '{') {
      return json(content);
    }
    if (content[i] == '<') {
      return xml(content);
    }
    throw new SbomParseException(
        Code.MALFORMED,
        "document",
        String.format(
            Locale.ROOT,
            "format; expected a JSON object or an XML document, but the input starts with 0x%02x",
            content[i] & 0xff));
  }

  private SbomParseException tooLarge(long size) {
    return new SbomParseException(
        Code.TOO_LARGE,
        "document",
        String.format(Locale.ROOT, "size; expected at most %d bytes, but got %d", maxBytes, size));
  }

  private Sbom json(byte[] content) throws SbomParseException {
    if (!schemaCheck) {
      return trustedJson(content);
    }
    JsonNode root;
    try {
      root = mapper.readTree(content);
    } catch (StreamConstraintsException e) {
      throw new SbomParseException(
          Code.TOO_DEEP, location(e), "nesting; expected at most " + maxDepth + " levels");
    } catch (JsonProcessingException e) {
      throw new SbomParseException(Code.MALFORMED, location(e), e.getOriginalMessage());
    } catch (IOException e) {
      throw new SbomParseException(Code.MALFORMED, "document", String.valueOf(e.getMessage()));
    }
    if (root == null || !root.isObject() || !"CycloneDX".equals(root.path("bomFormat").asText())) {
      throw new SbomParseException(
          Code.NOT_CYCLONEDX,
          "/bomFormat",
          "bomFormat; expected \"CycloneDX\", but got "
              + (root == null ? "nothing" : root.get("bomFormat")));
    }
    String spec = root.path("specVersion").asText("");
    Version version = version(spec, "/specVersion");
    org.cyclonedx.parsers.JsonParser parser = new org.cyclonedx.parsers.JsonParser();
    List<String> problems = new ArrayList<>();
    String where = "document";
    try {
      // "$schema" is a hint for editors, not content: generators write variants such as
      // bom-1.2a.schema.json, which the strict enumeration would reject.
      JsonNode checked = root;
      if (root.has("$schema")) {
        checked = root.deepCopy();
        ((ObjectNode) checked).remove("$schema");
      }
      for (com.networknt.schema.Error e : jsonSchema(version).validate(checked)) {
        String at = String.valueOf(e.getInstanceLocation());
        if (problems.isEmpty()) {
          where = at;
        }
        problems.add(at + ": " + e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      problems.add(String.valueOf(e.getMessage()));
    }
    if (!problems.isEmpty()) {
      throw new SbomParseException(Code.SCHEMA_INVALID, where, problems);
    }
    Bom bom;
    try {
      bom = parser.parse(content);
    } catch (ParseException | RuntimeException e) {
      throw new SbomParseException(
          Code.CONTENT_INVALID, "document", String.valueOf(e.getMessage()));
    }
    return Adapter.adapt(bom, spec, Sbom.Format.JSON);
  }

  private Sbom trustedJson(byte[] content) throws SbomParseException {
    Bom bom;
    try {
      bom = new org.cyclonedx.parsers.JsonParser().parse(content);
    } catch (ParseException | RuntimeException e) {
      throw new SbomParseException(
          Code.CONTENT_INVALID, "document", String.valueOf(e.getMessage()));
    }
    if (!"CycloneDX".equals(bom.getBomFormat())) {
      throw new SbomParseException(
          Code.NOT_CYCLONEDX,
          "/bomFormat",
          "bomFormat; expected \"CycloneDX\", but got " + bom.getBomFormat());
    }
    String spec = bom.getSpecVersion() == null ? "" : bom.getSpecVersion();
    version(spec, "/specVersion");
    return Adapter.adapt(bom, spec, Sbom.Format.JSON);
  }

  private Sbom xml(byte[] content) throws SbomParseException {
    String head = new String(content, StandardCharsets.ISO_8859_1);
    int doctype = head.toUpperCase(Locale.ROOT).indexOf("<!DOCTYPE");
    if (doctype >= 0) {
      throw new SbomParseException(
          Code.DOCTYPE_FORBIDDEN,
          "offset " + doctype,
          "DOCTYPE; expected none (DTDs and external entities are never processed), but got one");
    }
    String spec = scanXml(content);
    Version version = version(spec, "/bom/@xmlns");
    List<String> problems = new ArrayList<>();
    List<String> locations = new ArrayList<>();
    if (schemaCheck) {
      validateXml(version, content, problems, locations);
    }
    if (!problems.isEmpty()) {
      throw new SbomParseException(Code.SCHEMA_INVALID, locations.get(0), problems);
    }
    Bom bom;
    try {
      bom = new org.cyclonedx.parsers.XmlParser().parse(content);
    } catch (ParseException | RuntimeException e) {
      throw new SbomParseException(
          Code.CONTENT_INVALID, "document", String.valueOf(e.getMessage()));
    }
    return Adapter.adapt(bom, spec, Sbom.Format.XML);
  }

  private static void validateXml(
      Version version, byte[] content, List<String> problems, List<String> locations) {
    try {
      Validator v = XmlSchemas.schema(version).newValidator();
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      v.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
              locations.add(location(e));
              problems.add(location(e) + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              error(e);
              throw e;
            }
          });
      v.validate(new StreamSource(new ByteArrayInputStream(content)));
    } catch (SAXException | IOException e) {
      if (problems.isEmpty()) {
        problems.add(String.valueOf(e.getMessage()));
        locations.add("document");
      }
    }
  }

  /** Checks well-formedness and depth without DTDs; returns the spec version of the namespace. */
  private String scanXml(byte[] content) throws SbomParseException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    String spec = null;
    try (InputStream in = new ByteArrayInputStream(content)) {
      XMLStreamReader r = f.createXMLStreamReader(in);
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth > maxDepth) {
            throw new SbomParseException(
                Code.TOO_DEEP, location(r), "nesting; expected at most " + maxDepth + " levels");
          }
          if (depth == 1) {
            String ns = r.getNamespaceURI();
            if (!"bom".equals(r.getLocalName()) || ns == null || !ns.startsWith(NS_PREFIX)) {
              throw new SbomParseException(
                  Code.NOT_CYCLONEDX,
                  location(r),
                  String.format(
                      Locale.ROOT,
                      "root element; expected {%sX.Y}bom, but got {%s}%s",
                      NS_PREFIX,
                      ns,
                      r.getLocalName()));
            }
            spec = ns.substring(NS_PREFIX.length());
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (ev == XMLStreamConstants.DTD) {
          throw new SbomParseException(
              Code.DOCTYPE_FORBIDDEN, location(r), "DOCTYPE; expected none, but got one");
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null
              ? "document"
              : "line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber();
      throw new SbomParseException(Code.MALFORMED, where, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw new SbomParseException(Code.MALFORMED, "document", String.valueOf(e.getMessage()));
    }
    if (spec == null) {
      throw new SbomParseException(Code.MALFORMED, "document", "no root element");
    }
    return spec;
  }

  private static synchronized com.networknt.schema.Schema jsonSchema(Version v) throws IOException {
    com.networknt.schema.Schema s = JSON_SCHEMAS.get(v);
    if (s == null) {
      s = new org.cyclonedx.parsers.JsonParser().getJsonSchema(v, new ObjectMapper());
      JSON_SCHEMAS.put(v, s);
    }
    return s;
  }

  private static Version version(String spec, String where) throws SbomParseException {
    if (!VERSIONS.contains(spec)) {
      throw new SbomParseException(
          Code.UNSUPPORTED_SPEC_VERSION,
          where,
          "spec version; expected one of 1.2, 1.3, 1.4, 1.5, 1.6, but got '" + spec + "'");
    }
    return Version.fromVersionString(spec);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "document"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String location(SAXParseException e) {
    return "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
  }

  private static String location(XMLStreamReader r) {
    return "line "
        + r.getLocation().getLineNumber()
        + ", column "
        + r.getLocation().getColumnNumber();
  }
}
