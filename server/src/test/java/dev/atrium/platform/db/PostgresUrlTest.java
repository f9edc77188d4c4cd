package dev.atrium.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void libpqStyleUrl_becomesJdbcUrlWithCredentials() {
    PostgresUrl url =
        PostgresUrl.parse("postgresql://atrium:s%40cret@db.example:6543/atrium?sslmode=require");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/atrium?sslmode=require");
    assertThat(url.user()).isEqualTo("atrium");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(url.toString()).doesNotContain("s@cret");
  }

  @Test
  void defaultsPortAndDatabase() {
    PostgresUrl url = PostgresUrl.parse("postgres://me@localhost");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
    assertThat(url.user()).isEqualTo("me");
    assertThat(url.password()).isNull();
  }

  @Test
  void jdbcUrl_isPassedThrough() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://h/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void otherSchemes_areRejected() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://h/db"))
        .hasMessageContaining("postgresql://");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql:///nohost"))
        .hasMessageContaining("host");
  }
}
