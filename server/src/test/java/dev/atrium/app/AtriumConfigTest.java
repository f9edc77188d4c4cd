package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.contacts.ContactsSettings;
import dev.atrium.identity.IdentitySettings;
import dev.atrium.identity.RegistrationMode;
import dev.atrium.keys.KeysSettings;
import dev.atrium.media.AttachmentSettings;
import dev.atrium.messaging.MessagingSettings;
import dev.atrium.miniapps.webhooks.WebhookSettings;
import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateRule;
import dev.atrium.wallet.WalletSettings;
import dev.atrium.wallet.merchants.MerchantSettings;
import dev.atrium.wallet.sepa.SepaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtriumConfigTest {
  @TempDir Path directory;

  @Test
  void defaults_runSqliteOnLoopback8080WithOpenRegistration() {
    AtriumConfig config = AtriumConfig.load(null, Map.of());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.database().isPostgresql()).isFalse();
    assertThat(config.database().dataDir()).isEqualTo(Path.of("./data"));
    assertThat(IdentitySettings.read(config.tree()).registrationModeDefault())
        .isEqualTo(RegistrationMode.OPEN);
    assertThat(IdentitySettings.read(config.tree()).devicesPerAccountMax()).isEqualTo(10);
    assertThat(AttachmentSettings.read(config.tree()).attachmentBytesMax())
        .isEqualTo(100L * 1024 * 1024);
    assertThat(AttachmentSettings.read(config.tree()).storedBytesPerAccountMax())
        .isEqualTo(2L * 1024 * 1024 * 1024);
  }

  @Test
  void file_isOverriddenByEnvironment() throws IOException {
    Path file = directory.resolve("atrium.yml");
    Files.writeString(
        file,
        """
        server:
          port: 9000
        identity:
          registrationMode: invite-only
        rateLimits:
          loginPerIp: 5/1m
        """);

    AtriumConfig config = AtriumConfig.load(file, Map.of("ATRIUM_PORT", "9100"));

    assertThat(config.http().port()).isEqualTo(9100);
    assertThat(IdentitySettings.read(config.tree()).registrationModeDefault())
        .isEqualTo(RegistrationMode.INVITE_ONLY);
    assertThat(config.rateLimits()).containsEntry(RateLimiter.LOGIN_PER_IP, new RateRule(5, 60));
  }

  @Test
  void configFile_canComeFromTheEnvironment() throws IOException {
    Path file = directory.resolve("other.yml");
    Files.writeString(file, "identity:\n  devicesPerAccountMax: 3\n");

    AtriumConfig config = AtriumConfig.load(null, Map.of("ATRIUM_CONFIG", file.toString()));

    assertThat(IdentitySettings.read(config.tree()).devicesPerAccountMax()).isEqualTo(3);
  }

  @Test
  void attachmentLimits_comeFromTheFileOrTheEnvironment_andMayPassTwoGibibytes()
      throws IOException {
    Path file = directory.resolve("media.yml");
    Files.writeString(
        file, "media:\n  attachmentBytesMax: 5000000\n  storedBytesPerAccountMax: 10000000000\n");

    AtriumConfig fromFile = AtriumConfig.load(file, Map.of());
    AtriumConfig fromEnvironment =
        AtriumConfig.load(file, Map.of("ATRIUM_ATTACHMENT_BYTES_MAX", "2048"));

    assertThat(AttachmentSettings.read(fromFile.tree()).attachmentBytesMax()).isEqualTo(5_000_000);
    assertThat(AttachmentSettings.read(fromFile.tree()).storedBytesPerAccountMax())
        .isEqualTo(10_000_000_000L);
    assertThat(AttachmentSettings.read(fromEnvironment.tree()).attachmentBytesMax())
        .isEqualTo(2048);
  }

  @Test
  void invalidValues_failWithMessagesNamingTheSetting() {
    assertThatThrownBy(() -> AtriumConfig.load(null, Map.of("ATRIUM_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ATRIUM_PORT");
    assertThatThrownBy(() -> AtriumConfig.load(null, Map.of("ATRIUM_PORT", "70000")))
        .hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(
            () -> AtriumConfig.load(null, Map.of("ATRIUM_REGISTRATION_MODE", "sometimes")))
        .hasMessageContaining("open, invite-only or closed");
    assertThatThrownBy(() -> AtriumConfig.load(null, Map.of("ATRIUM_DATABASE_URL", "mysql://x/y")))
        .hasMessageContaining("ATRIUM_DATABASE_URL");
    assertThatThrownBy(() -> AtriumConfig.load(null, Map.of("ATRIUM_ATTACHMENT_BYTES_MAX", "12")))
        .hasMessageContaining("ATRIUM_ATTACHMENT_BYTES_MAX")
        .hasMessageContaining("between 1024");
    assertThatThrownBy(() -> AtriumConfig.load(directory.resolve("missing.yml"), Map.of()))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () -> AtriumConfig.load(null, Map.of("ATRIUM_PUBLIC_BASE_URL", "chat.example.org")))
        .hasMessageContaining("ATRIUM_PUBLIC_BASE_URL");
    assertThatThrownBy(
            () -> AtriumConfig.load(null, Map.of("ATRIUM_PUBLIC_BASE_URL", "https://x.org/?q=1")))
        .hasMessageContaining("ATRIUM_PUBLIC_BASE_URL");
  }

  @Test
  void publicBaseUrl_losesItsTrailingSlash() {
    assertThat(
            AtriumConfig.load(null, Map.of("ATRIUM_PUBLIC_BASE_URL", "https://chat.example.org/"))
                .publicBaseUrl())
        .hasToString("https://chat.example.org");
  }

  @Test
  void exampleConfiguration_loadsAndEqualsTheDefaults() {
    AtriumConfig example = AtriumConfig.load(Path.of("../config/atrium.example.yml"), Map.of());
    AtriumConfig defaults = AtriumConfig.load(null, Map.of());

    assertThat(example.http()).isEqualTo(defaults.http());
    assertThat(IdentitySettings.read(example.tree()))
        .isEqualTo(IdentitySettings.read(defaults.tree()));
    assertThat(example.passwordHashing()).isEqualTo(defaults.passwordHashing());
    assertThat(example.retention()).isEqualTo(defaults.retention());
    assertThat(AttachmentSettings.read(example.tree()))
        .isEqualTo(AttachmentSettings.read(defaults.tree()));
    assertThat(MessagingSettings.read(example.tree()))
        .isEqualTo(MessagingSettings.read(defaults.tree()));
    assertThat(example.publicBaseUrl()).isNull();
    assertThat(ContactsSettings.read(example.tree()))
        .isEqualTo(ContactsSettings.read(defaults.tree()));
    assertThat(KeysSettings.read(example.tree())).isEqualTo(KeysSettings.read(defaults.tree()));
    assertThat(WalletSettings.read(example.tree())).isEqualTo(WalletSettings.read(defaults.tree()));
    assertThat(SepaSettings.read(example.tree())).isEqualTo(SepaSettings.read(defaults.tree()));
    assertThat(MerchantSettings.read(example.tree()))
        .isEqualTo(MerchantSettings.read(defaults.tree()));
    assertThat(WebhookSettings.read(example.tree()))
        .isEqualTo(WebhookSettings.read(defaults.tree()));
    for (RateLimiter limiter : RateLimiter.values()) {
      assertThat(example.rateLimits().get(limiter))
          .as(limiter.name())
          .isEqualTo(limiter.defaultRule());
    }
  }

  @Test
  void invalidYaml_isReported() throws IOException {
    Path file = directory.resolve("broken.yml");
    Files.writeString(file, "server: [unclosed\n");

    assertThatThrownBy(() -> AtriumConfig.load(file, Map.of()))
        .hasMessageContaining("not valid YAML");
  }
}
