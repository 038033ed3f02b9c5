package io.moustash.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven wrote into the jar's manifest. */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {"${COMMAND-NAME} " + (version == null ? "(development build)" : version)
                + " (Moustash; Java ${java.version})"};
    }
}
