package io.opsgate.operator.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the Kubernetes objects made for OpsJobs. Kubernetes copies a Job's name into a pod label
 * (at most 63 characters) and a CronJob adds 11 characters to its own, so long names are cut and made
 * unique again with a short hash of the full name.
 */
public final class JobNames {
    static final int JOB_MAX = 63;
    static final int CRONJOB_MAX = 52;

    private JobNames() {
    }

    /** The CronJob of a scheduled OpsJob. */
    public static String cronJob(String opsJob) {
        return fit("opsjob-" + opsJob, CRONJOB_MAX);
    }

    /** The Job of one step (one OpsJob of the net) of a run. */
    public static String step(String run, String opsJob) {
        return fit(run + "-" + opsJob, JOB_MAX);
    }

    static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String hash = sha256(name).substring(0, 8);
        String head = name.substring(0, max - hash.length() - 1);
        while (head.endsWith("-") || head.endsWith(".")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
