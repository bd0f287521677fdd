package io.opsgate.engine.http;

/**
 * What /api/v2/status says about this process.
 *
 * @param version   the engine version
 * @param startedAt epoch milliseconds of the start
 */
public record ServerInfo(String version, long startedAt) {
}
