package io.sessionsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.sandbox.SalesforceSimulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT bearer login through camel-salesforce: a keystore made with the JDK's keytool, checked by the simulator. */
class SalesforceJwtLoginIT {

    @Test
    void jwt_bearer_login_signs_with_the_keystore_key_and_reads_data(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("sf.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sessionsync", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=session-sync test", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }

        try (SalesforceSimulator sim = new SalesforceSimulator(3)) {
            sim.trustJwtKey(ks.getCertificate("sessionsync").getPublicKey());
            CamelContext camel = new DefaultCamelContext();
            SalesforceComponentFactory.register(camel, SalesforceSettings.jwt(sim.url(), SalesforceSimulator.CLIENT_ID,
                    SalesforceSimulator.USERNAME, "file:" + p12, "changeit"));
            camel.start();
            try {
                Exchange ex = camel.createProducerTemplate().send("salesforce:query?rawPayload=true",
                        e -> e.getIn().setBody("SELECT Id FROM SOSSession"));
                assertThat(ex.getException()).isNull();
                assertThat(ex.getMessage().getBody(String.class)).contains("\"totalSize\":3");
                assertThat(sim.calls("login")).isEqualTo(1);
            } finally {
                camel.stop();
            }
        }
    }
}
