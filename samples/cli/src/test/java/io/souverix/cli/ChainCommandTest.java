package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error paths of the `chain verify` contract (../shared/contracts/chain-verify.md); valid and
 * invalid chains are covered by the validator's tests and, black-box, by the x509-limbo run in
 * .ci/run.
 */
class ChainCommandTest {
  @TempDir Path dir;

  @Test
  void verify_missingLeafFile_exitsTwoWithUsageError() {
    Cli.Result r =
        Cli.run(
            "chain",
            "verify",
            "--roots",
            dir.resolve("roots.pem").toString(),
            "--leaf",
            dir.resolve("absent.pem").toString(),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).startsWith("usage-error:");
  }

  @Test
  void verify_garbagePem_exitsTwoWithParseError() throws Exception {
    Path roots = Files.writeString(dir.resolve("roots.pem"), "not a certificate\n");
    Path leaf =
        Files.writeString(
            dir.resolve("leaf.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Cli.Result r =
        Cli.run(
            "chain", "verify", "--roots", roots.toString(), "--leaf", leaf.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText()).startsWith("parse-error:");
  }

  @Test
  void verify_batchWithABadLine_reportsItAndExitsZero() throws Exception {
    Path batch =
        Files.writeString(
            dir.resolve("cases.jsonl"),
            "{\"id\": \"one\", \"args\": [\"--roots\", \"/nonexistent/roots.pem\", \"--leaf\","
                + " \"/nonexistent/leaf.pem\"]}\n");
    Cli.Result r = Cli.run("chain", "verify", "--batch", batch.toString(), "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode line = r.json();
    assertThat(line.get("id").asText()).isEqualTo("one");
    assertThat(line.get("exit").asInt()).isEqualTo(2);
    assertThat(line.get("reason").asText()).startsWith("usage-error:");
  }

  @Test
  void verify_batchOfManyCases_printsWhatEachSingleCallPrintsInInputOrder() throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    KeyPair rootKeys = ecKeys();
    X500Name rootName = new X500Name("CN=Batch Root");
    Path roots = pem("roots.pem", cert(rootName, rootKeys, rootName, rootKeys, true, now));
    List<List<String>> templates = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=Batch CA " + c);
      Path ints = pem("ints-" + c + ".pem", cert(caName, caKeys, rootName, rootKeys, true, now));
      for (int l = 0; l < 2; l++) {
        X500Name leafName = new X500Name("CN=node-" + c + "-" + l);
        Path leaf =
            pem(
                "leaf-" + c + "-" + l + ".pem",
                cert(leafName, ecKeys(), caName, caKeys, false, now));
        for (String extra : List.of("node.example", "other.example", "expired", "none")) {
          List<String> a =
              new ArrayList<>(
                  List.of(
                      "--roots",
                      roots.toString(),
                      "--leaf",
                      leaf.toString(),
                      "--intermediates",
                      ints.toString(),
                      "--eku",
                      "serverAuth"));
          a.addAll(
              List.of("--at", extra.equals("expired") ? "2030-01-01T00:00:00Z" : now.toString()));
          if (extra.endsWith(".example")) {
            a.addAll(List.of("--hostname", extra));
          }
          a.add("--json");
          templates.add(a);
        }
      }
    }
    templates.add(List.of("--roots", roots.toString(), "--leaf", "/nonexistent/leaf.pem"));
    templates.add(List.of("--roots", roots.toString(), "--leaf", roots.toString(), "--bogus"));
    List<String> expected = new ArrayList<>();
    for (List<String> t : templates) {
      List<String> args = new ArrayList<>(List.of("chain", "verify"));
      args.addAll(t);
      Cli.Result single = Cli.run(args.toArray(String[]::new));
      String body = single.out().strip();
      expected.add(body.substring(1, body.length() - 1) + ",\"exit\":" + single.exitCode() + "}");
    }
    StringBuilder lines = new StringBuilder();
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < 400; i++) { // more cases than the batch keeps in flight
      int t = (i * 7) % templates.size();
      String id = "case-" + i;
      lines.append(
          Json.MAPPER.writeValueAsString(
              Json.object().put("id", id).set("args", Json.MAPPER.valueToTree(templates.get(t)))));
      lines.append('\n');
      want.append("{\"id\":\"").append(id).append("\",").append(expected.get(t));
      want.append(System.lineSeparator());
    }
    Path batch = Files.writeString(dir.resolve("cases.jsonl"), lines.toString());

    Cli.Result r = Cli.run("chain", "verify", "--batch", batch.toString(), "--json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(want.toString());
    assertThat(r.out()).contains("\"valid\":true", "hostname-mismatch", "expired", "usage-error");
  }

  private Path pem(String name, byte[] der) throws Exception {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(
        dir.resolve(name), "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n");
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static long serial = 100;

  private static byte[] cert(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      boolean ca,
      Instant now)
      throws Exception {
    JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial++),
            Date.from(now.minus(Duration.ofDays(365))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        u.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    if (subjectKeys != issuerKeys) {
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          u.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    }
    if (!ca) {
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "node.example")));
    }
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()))
        .getEncoded();
  }
}
