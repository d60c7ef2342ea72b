package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.audit.AuditLog;
import io.souverix.attestation.audit.AuditLogException;
import io.souverix.attestation.audit.AuditLogVerifier;
import io.souverix.attestation.audit.SignedTreeHead;
import io.souverix.attestation.audit.VerifiedAuditLog;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code souverix audit}: the tamper-evident audit log. {@code verify} implements the {@code audit
 * verify} section of the attestation CLI contract; {@code demo} writes a log and its public key to
 * try it on.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Tamper-evident audit log: verify a log offline, or write a demo log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Demo.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: verify, demo");
  }

  /** {@code souverix audit verify}: checks a log file with the signer's public key. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an audit log: --log LOG_DIR_OR_FILE --public-key KEY.pem --json",
        "Checks every signed tree head, the consistency between successive heads, and that every"
            + " entry is included under the latest head.",
        "Exit 0 valid, 1 tampering (the first bad entry or head is named on stderr), 2 usage error"
            + " or unreadable input."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOption json;

    @Option(
        names = "--log",
        description = "The log file, or a directory holding " + AuditLog.FILE_NAME + ".")
    @Nullable Path log;

    @Option(
        names = "--public-key",
        description = "The signer's public key, PEM (SubjectPublicKeyInfo): Ed25519, EC or RSA.")
    @Nullable Path publicKey;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (log == null || publicKey == null) {
        return fail(
            out,
            err,
            "USAGE",
            "missing option "
                + (log == null ? "--log" : "--public-key")
                + " (see 'souverix audit verify --help')",
            2);
      }
      PublicKey key;
      try {
        key = readPublicKey(publicKey);
      } catch (CliException e) {
        return fail(out, err, "UNREADABLE", e.getMessage(), 2);
      }
      try {
        VerifiedAuditLog v = AuditLogVerifier.create(key).verify(log);
        print(out, true, "ok", v.size(), v.rootHex());
        return 0;
      } catch (AuditLogException e) {
        SignedTreeHead good = e.lastVerifiedHead().orElse(null);
        int exit = e.code().tampering() ? 1 : 2;
        print(
            out,
            false,
            e.code().name(),
            good == null ? 0 : good.size(),
            good == null ? "" : good.rootHex());
        err.println("souverix audit verify: " + e.code() + ": " + e.getMessage());
        err.flush();
        return exit;
      }
    }

    private int fail(PrintWriter out, PrintWriter err, String code, String message, int exit) {
      print(out, false, code, 0, "");
      err.println("souverix audit verify: " + code + ": " + message);
      err.flush();
      return exit;
    }

    private void print(PrintWriter out, boolean valid, String reason, long size, String root) {
      if (json.enabled) {
        ObjectNode n = Json.object();
        n.put("valid", valid);
        n.put("reason", reason);
        n.put("size", size);
        n.put("root", root);
        Json.print(out, n);
      } else {
        out.println(
            valid
                ? String.format(Locale.ROOT, "valid: %d entries, root %s", size, root)
                : "invalid: " + reason);
        out.flush();
      }
    }
  }

  /** {@code souverix audit demo}: writes a signed log and its public key to a directory. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
        "Write a demo audit log: --dir DIR [--entries N] [--alg EdDSA|ES256] [--head-every N]",
        "Creates DIR/"
            + AuditLog.FILE_NAME
            + " signed by a fresh key pair and DIR/public-key.pem;"
            + " the private key is not kept. Then run: souverix audit verify --log DIR"
            + " --public-key DIR/public-key.pem"
      })
  static final class Demo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOption json;

    @Option(names = "--dir", required = true, description = "An existing, empty directory.")
    Path dir;

    @Option(names = "--entries", defaultValue = "100", description = "How many entries.")
    int entries;

    @Option(names = "--alg", defaultValue = "EdDSA", description = "EdDSA (Ed25519) or ES256.")
    String alg;

    @Option(
        names = "--head-every",
        defaultValue = "10",
        description = "Entries between signed tree heads.")
    int headEvery;

    @Override
    public Integer call() throws CliException {
      if (entries < 0 || headEvery < 0) {
        throw new CliException(
            CliException.Kind.USAGE, "--entries and --head-every; expected 0 or more");
      }
      Signer signer = demoSigner(alg);
      Path keyFile = dir.resolve("public-key.pem");
      try {
        Files.writeString(keyFile, pem(signer.publicKey()), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new CliException(CliException.Kind.INPUT, "cannot write " + keyFile + ": " + e, e);
      }
      SignedTreeHead head;
      Path file;
      try (AuditLog log =
          AuditLog.newBuilder()
              .signer(signer)
              .clock(Clock.systemUTC())
              .headEvery(headEvery)
              .create(dir)) {
        for (int i = 0; i < entries; i++) {
          log.append(
              String.format(Locale.ROOT, "{\"demo\":%d}", i).getBytes(StandardCharsets.UTF_8));
        }
        head = log.signTreeHead();
        file = log.file();
      } catch (AuditLogException e) {
        throw new CliException(CliException.Kind.INPUT, e.code() + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled) {
        ObjectNode n = Json.object();
        n.put("log", file.toString());
        n.put("public_key", keyFile.toString());
        n.put("size", head.size());
        n.put("root", head.rootHex());
        Json.print(out, n);
      } else {
        out.printf(
            Locale.ROOT,
            "wrote %s (%d entries, root %s) and %s%n",
            file,
            head.size(),
            head.rootHex(),
            keyFile);
        out.flush();
      }
      return 0;
    }
  }

  static Signer demoSigner(String alg) throws CliException {
    try {
      return switch (alg) {
        case "EdDSA", "Ed25519" ->
            Signer.inMemory(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                SigningAlgorithm.ED25519);
        case "ES256" -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          KeyPair kp = g.generateKeyPair();
          yield Signer.inMemory(kp, SigningAlgorithm.ES256);
        }
        default ->
            throw new CliException(
                CliException.Kind.USAGE, "--alg; expected EdDSA or ES256, but got " + alg);
      };
    } catch (GeneralSecurityException e) {
      throw new CliException(CliException.Kind.FAILED, "cannot generate a key pair: " + e, e);
    }
  }

  /** Encodes a public key as PEM (SubjectPublicKeyInfo). */
  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** Reads a PEM SubjectPublicKeyInfo of an Ed25519, EC or RSA key. */
  static PublicKey readPublicKey(Path file) throws CliException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliException(CliException.Kind.INPUT, "cannot read " + file + ": " + e, e);
    }
    int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = text.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new CliException(
          CliException.Kind.INPUT,
          "public key " + file + "; expected a PEM 'PUBLIC KEY' block, but got none");
    }
    byte[] der;
    try {
      der =
          Base64.getMimeDecoder()
              .decode(text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          CliException.Kind.INPUT, "public key " + file + "; expected base64, but " + e, e);
    }
    for (String type : List.of("Ed25519", "EC", "RSA")) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new CliException(
        CliException.Kind.INPUT,
        "public key " + file + "; expected an Ed25519, EC or RSA key, but got none of them");
  }
}
