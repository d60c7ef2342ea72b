package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.supplychain.Digest;
import io.souverix.supplychain.provenance.IdentityPolicy;
import io.souverix.supplychain.provenance.ProvenanceException;
import io.souverix.supplychain.provenance.ProvenanceResult;
import io.souverix.supplychain.provenance.ProvenanceVerifier;
import io.souverix.supplychain.provenance.PublicKeys;
import io.souverix.supplychain.provenance.SigstoreBundle;
import io.souverix.supplychain.provenance.TrustedRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code souverix provenance}: software provenance. Its {@code verify-bundle} subcommand implements
 * the contract in ../shared/contracts/provenance.md.
 */
@Command(
    name = "provenance",
    mixinStandardHelpOptions = true,
    description = "Software provenance: Sigstore bundles, in-toto statements.",
    subcommands = {ProvenanceCommand.VerifyBundle.class})
final class ProvenanceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: verify-bundle");
  }

  /** {@code souverix provenance verify-bundle}. */
  @Command(
      name = "verify-bundle",
      mixinStandardHelpOptions = true,
      description = {
        "Verify a Sigstore bundle offline against a trusted root: keyless (the certificate",
        "chains to a Fulcio CA; --identity/--issuer must equal its SAN and OIDC issuer) or",
        "key mode (--key). Exit 0 valid, 1 invalid, 2 usage error or unreadable input."
      })
  static final class VerifyBundle implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "BUNDLE", description = "The bundle.")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
      @Option(names = "--artifact", paramLabel = "FILE", description = "The signed artifact.")
      Path artifact;

      @Option(names = "--digest", paramLabel = "sha256:HEX", description = "Its SHA-256 digest.")
      String digest;
    }

    @Option(
        names = "--trusted-root",
        required = true,
        paramLabel = "TRUSTED_ROOT",
        description = "A Sigstore trusted_root.json.")
    Path trustedRoot;

    @Option(names = "--identity", paramLabel = "SAN", description = "Required certificate SAN.")
    String identity;

    @Option(names = "--issuer", paramLabel = "OIDC_ISSUER", description = "Required OIDC issuer.")
    String issuer;

    @Option(names = "--key", paramLabel = "PUBLIC_KEY.pem", description = "Key mode: the key.")
    Path key;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws CliException {
      if ((identity == null) != (issuer == null)) {
        throw new ParameterException(
            spec.commandLine(), "--identity and --issuer must be given together");
      }
      if (key != null && identity != null) {
        throw new ParameterException(
            spec.commandLine(), "--key cannot be combined with --identity/--issuer");
      }
      Digest digest = null;
      if (subject.digest != null) {
        try {
          digest = Digest.parse(subject.digest);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--digest: " + e.getMessage());
        }
        if (!digest.algorithm().equals("sha256")) {
          throw new ParameterException(spec.commandLine(), "--digest: expected sha256:HEX");
        }
      }
      ProvenanceResult result;
      try {
        SigstoreBundle b = SigstoreBundle.from(bundle);
        ProvenanceVerifier.Builder v =
            ProvenanceVerifier.newBuilder().trustedRoot(TrustedRoot.from(trustedRoot));
        if (key != null) {
          v.publicKey(PublicKeys.fromPem(read(key)));
        } else if (identity != null) {
          v.identity(IdentityPolicy.exact(identity, issuer));
        } else {
          v.identity(IdentityPolicy.anyIdentity());
        }
        ProvenanceVerifier verifier = v.build();
        result =
            digest != null
                ? verifier.verify(b, digest)
                : verifier.verify(b, readBytes(subject.artifact));
      } catch (ProvenanceException e) {
        return parseError(e.code() + ": " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled) {
        ObjectNode o = Json.object();
        o.put("valid", result.valid());
        o.put("reason", result.reason().code());
        o.put("identity", result.identity().orElse(null));
        o.put("issuer", result.issuer().orElse(null));
        o.put("signed_at", result.signedAt().map(Object::toString).orElse(null));
        Json.print(out, o);
      } else {
        out.println(
            (result.valid() ? "valid" : "invalid: " + result.reason().code())
                + (result.valid() ? "" : " (" + result.message() + ")")
                + result.identity().map(s -> ", signed by " + s).orElse("")
                + result.issuer().map(s -> " via " + s).orElse("")
                + result.signedAt().map(t -> " at " + t).orElse(""));
      }
      out.flush();
      if (!result.valid()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            Main.errorLine(
                CliException.Kind.CHECK_FAILED, result.reason().code() + ": " + result.message()));
        err.flush();
        return 1;
      }
      return 0;
    }

    private int parseError(String message) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(Main.errorLine(CliException.Kind.INPUT, message));
      err.flush();
      if (json.enabled) {
        ObjectNode o = Json.object();
        o.put("valid", false);
        o.put("reason", "parse-error");
        o.putNull("identity");
        o.putNull("issuer");
        o.putNull("signed_at");
        Json.print(spec.commandLine().getOut(), o);
      }
      return CliException.Kind.INPUT.exitCode();
    }

    private static String read(Path p) throws CliException {
      return new String(readBytes(p), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path p) throws CliException {
      try {
        return Files.readAllBytes(p);
      } catch (IOException e) {
        throw new CliException(CliException.Kind.INPUT, "cannot read " + p + ": " + e, e);
      }
    }
  }
}
