package io.souverix.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code souverix attest}: checks of attestation evidence. Its subcommands implement the {@code
 * attest ...} sections of the attestation contract (../shared/contracts/attestation.md).
 */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = "Verify attestation evidence: TPM quotes and attestation results.",
    subcommands = {AttestVerifyQuoteCommand.class, AttestVerifyResultCommand.class})
final class AttestCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
