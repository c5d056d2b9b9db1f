package io.tickstream.cli;

import picocli.CommandLine.Command;

/** {@code tickstream catalog}: groups the commands on the Redis instrument catalog; has no action of its own. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Manage the instrument catalog in Redis.",
        subcommands = CatalogAddCommand.class)
final class CatalogCommand {
}
