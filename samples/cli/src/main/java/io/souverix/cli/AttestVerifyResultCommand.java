package io.souverix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.result.AttestationResultException;
import io.souverix.attestation.result.AttestationResultVerifier;
import io.souverix.attestation.result.VerifiedAttestationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code souverix attest verify-result}: verifies an attestation-result JWT against a JWK Set, per
 * the {@code attest verify-result} section of the attestation CLI contract.
 */
@Command(
    name = "verify-result",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an attestation-result JWT: --token TOKEN.jwt --jwks KEYS.json [--audience AUD]"
          + " [--issuer ISS] [--at INSTANT] --json",
      "Checks the signature with a key of KEYS named by kid, the algorithm against the key,"
          + " crit, exp/nbf/iat (60 s skew), and audience and issuer when given.",
      "Exit 0 valid, 1 invalid (reason code printed), 2 usage error or unreadable input."
    })
final class AttestVerifyResultCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--token", required = true, description = "The compact JWS (a file).")
  Path token;

  @Option(names = "--jwks", required = true, description = "The JWK Set of accepted keys.")
  Path jwks;

  @Option(names = "--audience", description = "Require aud to include this audience.")
  @Nullable String audience;

  @Option(names = "--issuer", description = "Require iss to equal this issuer.")
  @Nullable String issuer;

  @Option(
      names = "--at",
      description = "Verify at this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z) instead of now.")
  @Nullable Instant at;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String compact;
    String keys;
    try {
      compact = Files.readString(token, StandardCharsets.US_ASCII).strip();
      keys = Files.readString(jwks, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return print(out, err, "UNREADABLE", "cannot read " + e.getMessage(), null, 2);
    }
    AttestationResultVerifier.Builder b =
        AttestationResultVerifier.newBuilder()
            .jwkSet(keys)
            .clock(at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC));
    if (audience != null) {
      b.expectedAudience(audience);
    }
    if (issuer != null) {
      b.expectedIssuer(issuer);
    }
    AttestationResultVerifier verifier;
    try {
      verifier = b.build();
    } catch (IllegalArgumentException e) {
      return print(out, err, "INVALID_KEYS", jwks + ": " + e.getMessage(), null, 2);
    }
    try {
      VerifiedAttestationResult v = verifier.verify(compact);
      return print(out, err, "ok", "", Json.parse(v.claimsJson()), 0);
    } catch (AttestationResultException e) {
      return print(out, err, e.code().name(), e.getMessage(), null, 1);
    }
  }

  private int print(
      PrintWriter out,
      PrintWriter err,
      String reason,
      String detail,
      @Nullable JsonNode claims,
      int exit) {
    if (json.enabled) {
      ObjectNode n = Json.object();
      n.put("valid", exit == 0);
      n.put("reason", reason);
      if (claims != null) {
        n.set("claims", claims);
      }
      Json.print(out, n);
    } else {
      out.println(exit == 0 ? "valid: ok" : "invalid: " + reason);
      out.flush();
    }
    if (exit != 0) {
      err.println(
          "souverix attest verify-result: " + (exit == 1 ? detail : reason + ": " + detail));
      err.flush();
    }
    return exit;
  }
}
