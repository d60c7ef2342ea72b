package io.souverix.supplychain.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.validation.Schema;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.SAXException;

/**
 * The XSD of each spec version, compiled once. For 1.5 and 1.6 the bundled XSD is patched where it
 * lags the specification's own valid documents: the four considerations lists repeat, and a
 * modelCard may carry properties.
 */
final class XmlSchemas {
  private static final Map<Version, Schema> CACHE = new EnumMap<>(Version.class);

  private XmlSchemas() {}

  static synchronized Schema schema(Version v) throws SAXException {
    Schema s = CACHE.get(v);
    if (s == null) {
      s = compile(v);
      CACHE.put(v, s);
    }
    return s;
  }

  private static Schema compile(Version v) throws SAXException {
    XmlParser p = new XmlParser();
    if (v != Version.VERSION_15 && v != Version.VERSION_16) {
      return p.getXmlSchema(v);
    }
    String xsd = resource("bom-" + v.getVersionString() + ".xsd");
    for (String e :
        new String[] {"user", "useCase", "technicalLimitation", "performanceTradeoff"}) {
      xsd =
          xsd.replace(
              "<xs:element name=\""
                  + e
                  + "\" type=\"xs:string\" minOccurs=\"0\" maxOccurs=\"1\" />",
              "<xs:element name=\""
                  + e
                  + "\" type=\"xs:string\" minOccurs=\"0\" maxOccurs=\"unbounded\" />");
    }
    // The bundled XSD's modelCard ends after considerations; the specification allows properties.
    int fairness = xsd.indexOf("name=\"fairnessAssessments\"");
    int end = fairness < 0 ? -1 : xsd.indexOf("\n        </xs:sequence>", fairness);
    if (end > 0 && !xsd.substring(fairness, end).contains("bom:propertiesType")) {
      xsd =
          xsd.substring(0, end)
              + "\n            <xs:element name=\"properties\" type=\"bom:propertiesType\""
              + " minOccurs=\"0\" maxOccurs=\"1\"/>"
              + xsd.substring(end);
    }
    return p.getXmlSchema(
        new ByteArrayInputStream(resource("spdx.xsd").getBytes(StandardCharsets.UTF_8)),
        new ByteArrayInputStream(xsd.getBytes(StandardCharsets.UTF_8)));
  }

  private static String resource(String name) {
    try (InputStream in = XmlParser.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("cyclonedx-core-java lacks " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
