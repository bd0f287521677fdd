package io.opsgate.operator.app;

import ch.qos.logback.classic.Level;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.opsgate.api.audit.VerifyLogCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code opsgate-operator.jar}: reads the environment, starts the operator against the
 * cluster the Fabric8 client finds (in-cluster service account, or KUBECONFIG), and stops it
 * gracefully on SIGTERM. With {@code verify-log <file>} it checks an audit log's hash chain instead.
 */
public final class OperatorMain {

    private OperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && VerifyLogCommand.NAME.equals(args[0])) {
            System.exit(VerifyLogCommand.run("opsgate-operator.jar", args, System.out, System.err));
            return;
        }
        OperatorSettings settings;
        try {
            settings = OperatorSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("opsgate-operator: " + e.getMessage());
            System.exit(2);
            return;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(settings.logLevel()));
        KubernetesClient client = new KubernetesClientBuilder().build();
        OperatorProcess process = OperatorProcess.start(client, settings, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            stopped.countDown();
        }, "opsgate-operator-shutdown"));
        stopped.await();
    }
}
