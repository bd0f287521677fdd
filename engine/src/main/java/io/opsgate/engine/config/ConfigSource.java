package io.opsgate.engine.config;

/** Where the engine's configuration comes from. */
public interface ConfigSource {
    /** A cheap fingerprint of the source (file names, sizes, times) that changes when the content may have. */
    String version();

    /** Reads and compiles the configuration. Never throws for bad content: problems are reported in the result. */
    LoadedConfig load();

    /** Names the source in logs. */
    String describe();
}
