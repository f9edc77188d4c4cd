package dev.atrium.wallet;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.WalletModels.Claim;
import dev.atrium.sdk.WalletModels.RedPacket;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Red packets in groups and 1:1 chats, through the SDK. */
class RedPacketIntegrationTest {
  private static final MutableClock CLOCK = WalletFixture.clock();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = WalletFixture.server(CLOCK).start();
  }

  @AfterAll
  static void stop() {
    assertThat(server.atrium().wallet().ledger().check().problems()).isEmpty();
    server.close();
  }

  @Test
  void statement_namesTheSenderOfAClaimedShare_butNoOneForTheGroupHold() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String group = WalletFixture.group(server, alice, List.of(bob));
    RedPacket packet =
        alice.client().wallet().sendRedPacket(group, 50, 1, "equal", null, PIN, key());
    bob.client().wallet().claimRedPacket(packet.id(), key());

    JsonNode bobsLine =
        bob.client()
            .raw("GET", "/api/v1/wallet/statement?limit=10", null, null)
            .json()
            .path("lines")
            .get(0);
    JsonNode alicesLine =
        alice
            .client()
            .raw("GET", "/api/v1/wallet/statement?limit=10", null, null)
            .json()
            .path("lines")
            .get(0);

    assertThat(bobsLine.path("kind").asText()).isEqualTo("red_packet_claim");
    assertThat(bobsLine.path("otherAccountId").asText()).isEqualTo(alice.id());
    assertThat(alicesLine.path("kind").asText()).isEqualTo("red_packet_hold");
    assertThat(alicesLine.path("otherAccountId").asText("none")).isEqualTo("none");
  }

  @Test
  void luckyRedPacket_inAGroup_isClaimedOncePerMember_andSharesSumToTheTotal() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    Person carol = WalletFixture.person(server, "carol", 0);
    Person dave = WalletFixture.person(server, "dave", 0);
    String group = WalletFixture.group(server, alice, List.of(bob, carol));

    RedPacket packet =
        alice
            .client()
            .wallet()
            .sendRedPacket(group, 1_00, 3, "lucky", "happy new year", PIN, key());
    RedPacket afterBob = bob.client().wallet().claimRedPacket(packet.id(), key());
    carol.client().wallet().claimRedPacket(packet.id(), key());
    AtriumApiException twice =
        catchApi(() -> bob.client().wallet().claimRedPacket(packet.id(), key()));
    AtriumApiException outsider =
        catchApi(() -> dave.client().wallet().claimRedPacket(packet.id(), key()));
    RedPacket last = alice.client().wallet().claimRedPacket(packet.id(), key());

    assertThat(packet.status()).isEqualTo("open");
    assertThat(alice.balance()).isEqualTo(9_00 + last.yourShareCents());
    assertThat(afterBob.yourShareCents()).isEqualTo(bob.balance()).isPositive();
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("already_claimed");
    assertThat(outsider.status()).isEqualTo(404);
    assertThat(catchApi(() -> dave.client().wallet().redPacket(packet.id())).status())
        .isEqualTo(404);
    assertThat(last.status()).isEqualTo("empty");
    assertThat(last.claims())
        .extracting(Claim::accountId)
        .containsExactly(bob.id(), carol.id(), alice.id());
    assertThat(last.claims()).allMatch(claim -> claim.amountCents() >= 1);
    assertThat(last.claims().stream().mapToLong(Claim::amountCents).sum()).isEqualTo(1_00);
    assertThat(carol.client().wallet().redPacket(packet.id()).claims()).hasSize(3);
    assertThat(bob.balance() + carol.balance() + last.yourShareCents()).isEqualTo(1_00);
  }

  @Test
  void equalRedPacket_splitsToTheCent_andAnEmptyPacketSaysSo() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    Person carol = WalletFixture.person(server, "carol", 0);
    String group = WalletFixture.group(server, alice, List.of(bob, carol));

    RedPacket packet =
        alice.client().wallet().sendRedPacket(group, 1_01, 2, "equal", null, PIN, key());
    RedPacket bobs = bob.client().wallet().claimRedPacket(packet.id(), key());
    RedPacket carols = carol.client().wallet().claimRedPacket(packet.id(), key());
    AtriumApiException empty =
        catchApi(() -> alice.client().wallet().claimRedPacket(packet.id(), key()));

    assertThat(List.of(bobs.yourShareCents(), carols.yourShareCents())).containsExactly(51L, 50L);
    assertThat(empty.code()).isEqualTo("red_packet_empty");
  }

  @Test
  void redPacket_refusesBadSplits() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String direct = WalletFixture.direct(server, alice, bob);

    assertThat(
            catchApi(
                    () ->
                        alice
                            .client()
                            .wallet()
                            .sendRedPacket(direct, 1_00, 2, "equal", null, PIN, key()))
                .status())
        .isEqualTo(422);
    assertThat(
            catchApi(
                    () ->
                        alice
                            .client()
                            .wallet()
                            .sendRedPacket(direct, 1_00, 1, "random", null, PIN, key()))
                .status())
        .isEqualTo(422);
    assertThat(
            catchApi(
                    () ->
                        alice
                            .client()
                            .wallet()
                            .sendRedPacket(direct, 1_00, 1, "equal", null, "000000", key()))
                .code())
        .isEqualTo("pin_wrong");
    assertThat(
            catchApi(
                    () ->
                        alice
                            .client()
                            .wallet()
                            .sendRedPacket(direct, 20_00, 1, "equal", null, PIN, key()))
                .code())
        .isEqualTo("insufficient_funds");
    assertThat(alice.balance()).isEqualTo(10_00);
  }

  @Test
  void redPacketIn1to1_isForTheOtherMember_andTheRestIsRefundedAfter24Hours() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    Person carol = WalletFixture.person(server, "carol", 0);
    String direct = WalletFixture.direct(server, alice, bob);
    String group = WalletFixture.group(server, alice, List.of(bob, carol));

    RedPacket single =
        alice.client().wallet().sendRedPacket(direct, 2_00, 1, "equal", null, PIN, key());
    RedPacket shared =
        alice.client().wallet().sendRedPacket(group, 3_00, 3, "lucky", null, PIN, key());
    assertThat(catchApi(() -> alice.client().wallet().claimRedPacket(single.id(), key())).code())
        .isEqualTo("not_allowed");
    long bobsShare = bob.client().wallet().claimRedPacket(shared.id(), key()).yourShareCents();
    CLOCK.advance(Duration.ofHours(24));
    AtriumApiException late =
        catchApi(() -> carol.client().wallet().claimRedPacket(shared.id(), key()));
    int refunded = server.atrium().wallet().sweepNow();

    assertThat(late.status()).isEqualTo(410);
    assertThat(refunded).isGreaterThanOrEqualTo(2);
    RedPacket after = carol.client().wallet().redPacket(shared.id());
    assertThat(after.status()).isEqualTo("refunded");
    assertThat(after.refundedCents()).isEqualTo(3_00 - bobsShare);
    assertThat(bob.client().wallet().redPacket(single.id()).status()).isEqualTo("refunded");
    assertThat(alice.balance()).isEqualTo(10_00 - bobsShare);
    assertThat(server.atrium().wallet().sweepNow()).isZero();
  }
}
