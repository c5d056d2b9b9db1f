package io.tickstream.cli;

import picocli.CommandLine.IVersionProvider;

/** The version shown by {@code --version}, from the runnable jar's manifest; stateless. */
final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TickstreamCommand.class.getPackage().getImplementationVersion();
        return new String[] {"tickstream " + (version == null ? "(development build)" : version)};
    }
}
