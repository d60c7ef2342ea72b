package io.souverix.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option every command accepts. */
final class JsonOption {
  @Option(
      names = "--json",
      description = "Print exactly one JSON object on stdout instead of text.")
  boolean enabled;
}
