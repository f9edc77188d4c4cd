package dev.atrium.wallet;

import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.WalletModels.Claim;
import dev.atrium.sdk.WalletModels.RedPacket;
import dev.atrium.sdk.WalletModels.Transfer;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of top-ups, chat transfers, accepts, declines, red packets, claims, expiries,
 * shop payments and the shop's payouts (paid or failed), run through the API of a real node against
 * a model of who should have what. After every sequence: each balance equals the model, escrow
 * holds exactly what is pending, the payout account exactly the payouts on their way, the journal
 * sums to zero and every stored balance equals its lines, and every red packet's claims and refund
 * add up to its total. State carries over between tries, so shrinking is off.
 */
class WalletLedgerPropertyTest {
  private static final int PEOPLE = 4;
  private static final MutableClock CLOCK = WalletFixture.clock();
  private static TestServer server;
  private static List<Person> people;
  private static Map<String, String> directChats;
  private static String group;
  private static Model model;
  private static final String OPERATOR_TOKEN =
      "op_" + dev.atrium.platform.security.SecretTokens.randomUrlSafe(32);
  private static final String SHOP_IBAN = "DE89370400440532013000";
  private static String shop;
  private static String shopCode;

  @BeforeContainer
  static void start() {
    server =
        WalletFixture.server(CLOCK)
            .set("wallet.paymentCentsMax", "100000000")
            .set("wallet.dailyOutgoingCentsMax", "1000000000")
            .set("ATRIUM_SEPA_OPERATOR_NAME", "Atrium Operator GmbH")
            .set("ATRIUM_SEPA_OPERATOR_IBAN", "DE02 1203 0000 0000 2020 51")
            .set(
                "ATRIUM_ADMIN_TOKEN_SHA256",
                dev.atrium.platform.security.SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .start();
    people = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      people.add(WalletFixture.person(server, "prop" + i, 0));
    }
    directChats = new HashMap<>();
    for (int i = 0; i < PEOPLE; i++) {
      for (int j = i + 1; j < PEOPLE; j++) {
        String chat = WalletFixture.direct(server, people.get(i), people.get(j));
        directChats.put(i + ":" + j, chat);
        directChats.put(j + ":" + i, chat);
      }
    }
    group = WalletFixture.group(server, people.getFirst(), people.subList(1, PEOPLE));
    // Person 0 owns a shop that everyone may pay and that pays out to its IBAN.
    shop = people.getFirst().client().merchants().apply("Prop Shop", "Berlin", "5812").id();
    operator().merchants().approve(shop);
    people.getFirst().client().merchants().setPayoutAccount(shop, SHOP_IBAN, null, PIN);
    shopCode = people.getFirst().client().merchants().staticCode(shop).payload();
    model = new Model();
  }

  private static dev.atrium.sdk.AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  /** One step of a random sequence. */
  sealed interface Action permits TopUp, Send, Resolve, Pack, Grab, Expire, Buy, Payout, Settle {}

  record TopUp(int person, long cents) implements Action {}

  record Send(int from, int to, long cents) implements Action {}

  record Resolve(int pick, boolean accept) implements Action {}

  record Pack(int sender, long cents, int count, boolean lucky) implements Action {}

  record Grab(int person, int pick) implements Action {}

  record Expire(int hours) implements Action {}

  record Buy(int person, long cents) implements Action {}

  record Payout(long cents) implements Action {}

  /** The operator exports the pending payouts, then marks one paid or failed. */
  record Settle(int pick, boolean paid) implements Action {}

  @Property(tries = 25, shrinking = ShrinkingMode.OFF)
  void randomSequences_keepEveryInvariant(@ForAll("sequences") List<Action> actions) {
    for (Action action : actions) {
      model.apply(action);
    }
    model.verify();
  }

  @Provide
  Arbitrary<List<Action>> sequences() {
    Arbitrary<Integer> person = Arbitraries.integers().between(0, PEOPLE - 1);
    Arbitrary<Action> topUp =
        net.jqwik.api.Combinators.combine(person, Arbitraries.longs().between(1, 5_000))
            .as(TopUp::new);
    Arbitrary<Action> send =
        net.jqwik.api.Combinators.combine(person, person, Arbitraries.longs().between(1, 3_000))
            .filter((from, to, cents) -> !from.equals(to))
            .as(Send::new);
    Arbitrary<Action> resolve =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false))
            .as(Resolve::new);
    Arbitrary<Action> pack =
        net.jqwik.api.Combinators.combine(
                person,
                Arbitraries.longs().between(0, 3_000),
                Arbitraries.integers().between(1, PEOPLE),
                Arbitraries.of(true, false))
            .as((sender, extra, count, lucky) -> new Pack(sender, count + extra, count, lucky));
    Arbitrary<Action> grab =
        net.jqwik.api.Combinators.combine(person, Arbitraries.integers().between(0, 1000))
            .as(Grab::new);
    Arbitrary<Action> expire = Arbitraries.integers().between(1, 30).map(Expire::new);
    Arbitrary<Action> buy =
        net.jqwik.api.Combinators.combine(person, Arbitraries.longs().between(1, 3_000))
            .as(Buy::new);
    Arbitrary<Action> payout = Arbitraries.longs().between(1, 4_000).map(Payout::new);
    Arbitrary<Action> settle =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false))
            .as(Settle::new);
    Arbitrary<Action> action =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, topUp),
            net.jqwik.api.Tuple.of(4, send),
            net.jqwik.api.Tuple.of(3, resolve),
            net.jqwik.api.Tuple.of(2, pack),
            net.jqwik.api.Tuple.of(4, grab),
            net.jqwik.api.Tuple.of(1, expire),
            net.jqwik.api.Tuple.of(2, buy),
            net.jqwik.api.Tuple.of(2, payout),
            net.jqwik.api.Tuple.of(2, settle));
    return action.list().ofMinSize(1).ofMaxSize(25);
  }

  /** What everyone should have, kept from the answers the API gave. */
  static final class Model {
    private final long[] balances = new long[PEOPLE];
    private final List<PendingTransfer> pending = new ArrayList<>();
    private final List<OpenPacket> packets = new ArrayList<>();
    private final List<String> allPackets = new ArrayList<>();
    private final long escrowAtStart = ledger().balanceCents(AccountId.ESCROW);
    private final long payoutAtStart = ledger().balanceCents(AccountId.PAYOUT);
    private long shopBalance;
    private final Map<String, Long> payoutsOnTheirWay = new java.util.LinkedHashMap<>();

    record PendingTransfer(String id, int from, int to, long cents, long expiresAtMillis) {}

    static final class OpenPacket {
      final String id;
      final int sender;
      final long total;
      final long expiresAtMillis;
      final Set<Integer> claimed = new HashSet<>();
      long claimedCents;
      int shares;

      OpenPacket(String id, int sender, long total, int shares, long expiresAtMillis) {
        this.id = id;
        this.sender = sender;
        this.total = total;
        this.shares = shares;
        this.expiresAtMillis = expiresAtMillis;
      }
    }

    void apply(Action action) {
      switch (action) {
        case TopUp topUp -> {
          people.get(topUp.person()).client().wallet().sandboxTopUp(topUp.cents(), key());
          balances[topUp.person()] += topUp.cents();
        }
        case Send send -> send(send);
        case Resolve resolve -> resolve(resolve);
        case Pack pack -> pack(pack);
        case Grab grab -> grab(grab);
        case Expire expire -> expire(expire);
        case Buy buy -> buy(buy);
        case Payout payout -> payout(payout);
        case Settle settle -> settle(settle);
      }
    }

    private void buy(Buy buy) {
      try {
        people.get(buy.person()).client().merchants().pay(shopCode, buy.cents(), PIN, key());
        assertThat(balances[buy.person()]).isGreaterThanOrEqualTo(buy.cents());
        balances[buy.person()] -= buy.cents();
        shopBalance += buy.cents();
      } catch (AtriumApiException e) {
        assertThat(e.code()).isEqualTo("insufficient_funds");
        assertThat(balances[buy.person()]).isLessThan(buy.cents());
      }
    }

    private void payout(Payout payout) {
      try {
        String id =
            people.getFirst().client().merchants().payout(shop, payout.cents(), PIN, key()).id();
        assertThat(shopBalance).isGreaterThanOrEqualTo(payout.cents());
        shopBalance -= payout.cents();
        payoutsOnTheirWay.put(id, payout.cents());
      } catch (AtriumApiException e) {
        assertThat(e.code()).isEqualTo("insufficient_funds");
        assertThat(shopBalance).isLessThan(payout.cents());
      }
    }

    private void settle(Settle settle) {
      if (payoutsOnTheirWay.isEmpty()) {
        return;
      }
      String id =
          new ArrayList<>(payoutsOnTheirWay.keySet()).get(settle.pick() % payoutsOnTheirWay.size());
      long cents = payoutsOnTheirWay.remove(id);
      operator().sepa().exportPain001();
      if (settle.paid()) {
        assertThat(operator().sepa().markWithdrawalPaid(id).status()).isEqualTo("PAID");
      } else {
        assertThat(operator().sepa().markWithdrawalFailed(id).status()).isEqualTo("FAILED");
        shopBalance += cents;
      }
      // Settled once: a second outcome is refused and moves nothing.
      AtriumApiException again =
          dev.atrium.testing.ApiCalls.catchApi(() -> operator().sepa().markWithdrawalFailed(id));
      assertThat(again.status()).isEqualTo(409);
    }

    private void send(Send send) {
      String chat = directChats.get(send.from() + ":" + send.to());
      try {
        Transfer transfer =
            people
                .get(send.from())
                .client()
                .wallet()
                .sendTransfer(chat, send.cents(), null, PIN, key());
        assertThat(balances[send.from()]).isGreaterThanOrEqualTo(send.cents());
        balances[send.from()] -= send.cents();
        pending.add(
            new PendingTransfer(
                transfer.id(),
                send.from(),
                send.to(),
                send.cents(),
                transfer.expiresAt().toEpochMilli()));
      } catch (AtriumApiException e) {
        assertThat(e.code()).isEqualTo("insufficient_funds");
        assertThat(balances[send.from()]).isLessThan(send.cents());
      }
    }

    private void resolve(Resolve resolve) {
      if (pending.isEmpty()) {
        return;
      }
      PendingTransfer transfer = pending.get(resolve.pick() % pending.size());
      Person recipient = people.get(transfer.to());
      try {
        if (resolve.accept()) {
          recipient.client().wallet().acceptTransfer(transfer.id(), key());
          balances[transfer.to()] += transfer.cents();
        } else {
          recipient.client().wallet().declineTransfer(transfer.id(), key());
          balances[transfer.from()] += transfer.cents();
        }
        assertThat(CLOCK.millis()).isLessThan(transfer.expiresAtMillis());
        pending.remove(transfer);
      } catch (AtriumApiException e) {
        assertThat(e.code()).isEqualTo("expired");
        assertThat(CLOCK.millis()).isGreaterThanOrEqualTo(transfer.expiresAtMillis());
      }
    }

    private void pack(Pack pack) {
      try {
        RedPacket packet =
            people
                .get(pack.sender())
                .client()
                .wallet()
                .sendRedPacket(
                    group,
                    pack.cents(),
                    pack.count(),
                    pack.lucky() ? "lucky" : "equal",
                    null,
                    PIN,
                    key());
        assertThat(balances[pack.sender()]).isGreaterThanOrEqualTo(pack.cents());
        balances[pack.sender()] -= pack.cents();
        packets.add(
            new OpenPacket(
                packet.id(),
                pack.sender(),
                pack.cents(),
                pack.count(),
                packet.expiresAt().toEpochMilli()));
        allPackets.add(packet.id());
      } catch (AtriumApiException e) {
        assertThat(e.code()).isEqualTo("insufficient_funds");
        assertThat(balances[pack.sender()]).isLessThan(pack.cents());
      }
    }

    private void grab(Grab grab) {
      if (packets.isEmpty()) {
        return;
      }
      OpenPacket packet = packets.get(grab.pick() % packets.size());
      try {
        RedPacket after =
            people.get(grab.person()).client().wallet().claimRedPacket(packet.id, key());
        assertThat(packet.claimed.add(grab.person())).isTrue();
        assertThat(CLOCK.millis()).isLessThan(packet.expiresAtMillis);
        balances[grab.person()] += after.yourShareCents();
        packet.claimedCents += after.yourShareCents();
      } catch (AtriumApiException e) {
        String expected =
            CLOCK.millis() >= packet.expiresAtMillis
                ? "expired"
                : packet.claimed.contains(grab.person()) ? "already_claimed" : "red_packet_empty";
        assertThat(e.code()).isEqualTo(expected);
      }
    }

    private void expire(Expire expire) {
      CLOCK.advance(Duration.ofHours(expire.hours()));
      server.atrium().wallet().sweepNow();
      long now = CLOCK.millis();
      pending.removeIf(
          transfer -> {
            if (transfer.expiresAtMillis() <= now) {
              balances[transfer.from()] += transfer.cents();
              return true;
            }
            return false;
          });
      packets.removeIf(
          packet -> {
            if (packet.expiresAtMillis <= now) {
              balances[packet.sender] += packet.total - packet.claimedCents;
              return true;
            }
            return false;
          });
    }

    void verify() {
      for (int i = 0; i < PEOPLE; i++) {
        assertThat(people.get(i).balance()).as("balance of person " + i).isEqualTo(balances[i]);
      }
      long held =
          pending.stream().mapToLong(PendingTransfer::cents).sum()
              + packets.stream().mapToLong(packet -> packet.total - packet.claimedCents).sum();
      assertThat(ledger().balanceCents(AccountId.ESCROW)).isEqualTo(escrowAtStart + held);
      assertThat(ledger().balanceCents(AccountId.merchant(shop)))
          .as("shop balance")
          .isEqualTo(shopBalance);
      assertThat(ledger().balanceCents(AccountId.PAYOUT))
          .as("payouts on their way")
          .isEqualTo(
              payoutAtStart + payoutsOnTheirWay.values().stream().mapToLong(Long::longValue).sum());
      assertThat(ledger().check().problems()).isEmpty();
      for (String id : allPackets) {
        RedPacket packet = people.getFirst().client().wallet().redPacket(id);
        long claimed = packet.claims().stream().mapToLong(Claim::amountCents).sum();
        assertThat(packet.claims()).allMatch(claim -> claim.amountCents() >= 1);
        assertThat(claimed).isEqualTo(packet.claimedCents());
        if (packet.status().equals("refunded")) {
          assertThat(claimed + packet.refundedCents()).isEqualTo(packet.totalCents());
        } else if (packet.status().equals("empty")) {
          assertThat(claimed).isEqualTo(packet.totalCents());
        }
      }
    }

    private static Ledger ledger() {
      return server.atrium().wallet().ledger();
    }
  }
}
