package dev.seatflow.reconciler.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A broker keystore holding a self-signed certificate for 127.0.0.1 and localhost, and a client truststore holding
 * that certificate. Made with the JDK's own {@code keytool}, so the tests need no certificate library.
 */
record SelfSignedTls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {

    static SelfSignedTls create(Path directory, String name) throws IOException, InterruptedException {
        Path keystore = directory.resolve(name + "-broker.p12");
        Path certificate = directory.resolve(name + "-broker.pem");
        Path truststore = directory.resolve(name + "-trust.p12");
        String keystorePassword = "ks-" + UUID.randomUUID();
        String truststorePassword = "ts-" + UUID.randomUUID();
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", keystorePassword, "-keypass", keystorePassword);
        keytool("-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
                "-keystore", keystore.toString(), "-storepass", keystorePassword);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", truststorePassword);
        return new SelfSignedTls(keystore, keystorePassword, truststore, truststorePassword);
    }

    /** The broker listener's {@code ssl.*} settings. */
    Map<String, Object> brokerSettings() {
        return Map.of(
                "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", keystorePassword,
                "ssl.keystore.type", "PKCS12",
                "ssl.key.password", keystorePassword);
    }

    /** What the service is given to trust the broker. */
    Map<String, String> clientEnvironment() {
        return Map.of(
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", truststorePassword,
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    }

    /** The same, as client properties (for {@code SecuredListener}). */
    Map<String, Object> clientSettings() {
        return Map.of(
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", truststorePassword,
                "ssl.truststore.type", "PKCS12");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
