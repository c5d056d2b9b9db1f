package io.tickstream.auth;

import static io.tickstream.auth.JwtFixtures.EC;
import static io.tickstream.auth.JwtFixtures.RSA;
import static io.tickstream.auth.JwtFixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldApplyDefaultsWhenOnlySecretIsGiven() {
        JwtSettings settings = JwtSettings.hs256(SECRET);

        assertThat(settings.instrumentsClaim()).isEqualTo("instruments");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.issuer()).isNull();
        assertThat(settings.audience()).isNull();
        assertThat(settings.publicKeys()).isEmpty();
        assertThat(settings.hs256Secret()).isEqualTo(SECRET).isNotSameAs(SECRET);
        assertThat(settings).isEqualTo(JwtSettings.hs256(SECRET.clone()));
        assertThat(settings.toString()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRejectSecretWhenShorterThan32Bytes() {
        assertThatThrownBy(() -> JwtSettings.hs256(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void shouldRejectSettingsWhenNoKeyIsGiven() {
        assertThatThrownBy(() -> JwtSettings.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HS256 secret, a public key");
    }

    @Test
    void shouldRejectSettingsWhenValuesAreInvalid() {
        assertThatThrownBy(() -> JwtSettings.builder().hs256Secret(SECRET).clockSkew(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> JwtSettings.builder().hs256Secret(SECRET).issuer(" ").build())
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> JwtSettings.builder().publicKey(RSA).build())
                .hasMessageContaining("private parts");
    }

    @Test
    void shouldLoadPublicKeysWhenPemFilesAreValid() throws Exception {
        JwtSettings settings = JwtSettings.builder()
                .publicKeyPem(JwtFixtures.writePem(dir.resolve("rsa.pem"), RSA.toPublicKey()))
                .publicKeyPem(JwtFixtures.writePem(dir.resolve("ec.pem"), EC.toPublicKey()))
                .build();

        assertThat(settings.publicKeys()).hasSize(2);
        assertThat(((RSAKey) settings.publicKeys().get(0)).toPublicKey()).isEqualTo(RSA.toPublicKey());
        assertThat(((ECKey) settings.publicKeys().get(1)).toPublicKey()).isEqualTo(EC.toPublicKey());
    }

    @Test
    void shouldNameFileWhenPemIsUnusable() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path text = Files.writeString(dir.resolve("text.pem"), "hello");
        Path privateKey = Files.writeString(dir.resolve("private.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path notAKey = Files.writeString(dir.resolve("junk.pem"),
                "-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n-----END PUBLIC KEY-----\n");
        Path binary = Files.write(dir.resolve("key.der"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});

        assertThatThrownBy(() -> JwtSettings.loadPem(missing)).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> JwtSettings.loadPem(text)).hasMessageContaining(text.toString())
                .hasMessageContaining("BEGIN PUBLIC KEY");
        assertThatThrownBy(() -> JwtSettings.loadPem(privateKey)).hasMessageContaining(privateKey.toString())
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> JwtSettings.loadPem(notAKey)).hasMessageContaining(notAKey.toString())
                .hasMessageContaining("not an RSA or EC public key");
        assertThatThrownBy(() -> JwtSettings.loadPem(binary)).hasMessageContaining(binary.toString());
    }

    @Test
    void shouldNameFileWhenPemKeyIsTooWeakOrOnWrongCurve() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path weak = JwtFixtures.writePem(dir.resolve("weak.pem"), rsa.generateKeyPair().getPublic());
        ECKey p384Key = new ECKeyGenerator(Curve.P_384).generate();
        Path p384 = JwtFixtures.writePem(dir.resolve("p384.pem"), p384Key.toPublicKey());

        assertThatThrownBy(() -> JwtSettings.loadPem(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(weak.toString()).hasMessageContaining("1024 bits");
        assertThatThrownBy(() -> JwtSettings.loadPem(p384)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p384.toString()).hasMessageContaining("P-384");
    }

    @Test
    void shouldKeepPublicSigningKeysWhenJwksMixesKeys() throws Exception {
        RSAKey encryption = new RSAKey.Builder(RSA).keyID("enc").keyUse(KeyUse.ENCRYPTION).build();
        OctetSequenceKey secret = new OctetSequenceKey.Builder(SECRET).keyID("oct").build();
        Path file = JwtFixtures.writeJwks(dir.resolve("keys.json"), RSA, encryption, secret, EC);

        JwtSettings settings = JwtSettings.loadJwks(file);

        assertThat(settings.publicKeys()).extracting(JWK::getKeyID).containsExactly(RSA.getKeyID(), EC.getKeyID());
        assertThat(settings.publicKeys()).noneMatch(JWK::isPrivate);
    }

    @Test
    void shouldNameFileWhenJwksIsUnusable() throws Exception {
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{not json");
        Path noKeys = Files.writeString(dir.resolve("empty.json"), "{\"keys\": []}");
        Path onlySecret = JwtFixtures.writeJwks(dir.resolve("oct.json"), new OctetSequenceKey.Builder(SECRET).build());

        assertThatThrownBy(() -> JwtSettings.loadJwks(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notJson.toString()).hasMessageContaining("not a valid JSON Web Key Set");
        assertThatThrownBy(() -> JwtSettings.loadJwks(noKeys)).hasMessageContaining(noKeys.toString())
                .hasMessageContaining("no RSA or EC P-256 signing key");
        assertThatThrownBy(() -> JwtSettings.loadJwks(onlySecret)).hasMessageContaining(onlySecret.toString());
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> JwtSettings.loadJwks(missing)).hasMessageContaining(missing.toString());
    }
}
