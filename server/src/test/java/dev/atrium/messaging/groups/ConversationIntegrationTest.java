package dev.atrium.messaging.groups;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.messaging.MessagingFixture;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.ConversationDetails;
import dev.atrium.sdk.MessagingModels.Member;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.Friends;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().set("ATRIUM_GROUP_MEMBERS_MAX", "4").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void directConversation_isOnePerPair_andListedForBoth() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);

    Conversation again =
        pair.bobClient(server).conversations().createDirect(pair.alice().account().id());

    assertThat(again.id()).isEqualTo(pair.conversationId());
    assertThat(pair.aliceClient(server).conversations().list())
        .extracting(Conversation::id)
        .contains(pair.conversationId());
    assertThat(pair.bobClient(server).conversations().list())
        .extracting(Conversation::id)
        .contains(pair.conversationId());
  }

  @Test
  void directConversation_needsAContact_andIsRefusedOnceBlocked() {
    Session alice = server.newUser("nocontact");
    Session bob = server.newUser("stranger");
    AtriumClient aliceClient = server.client().as(alice);

    assertThat(catchApi(() -> aliceClient.conversations().createDirect(bob.account().id())).code())
        .isEqualTo("not_contacts");

    Friends.make(server, alice, bob);
    String conversationId = aliceClient.conversations().createDirect(bob.account().id()).id();
    server.client().as(bob).contacts().block(alice.account().id());

    var refused =
        catchApi(
            () ->
                aliceClient
                    .conversations()
                    .send(Outgoing.application(conversationId, id(), 0, bytes("let me in"))));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("not_allowed");
  }

  @Test
  void directConversation_blockTakesEffectOnTheNextSend_andUnblockLiftsIt() {
    Session alice = server.newUser("chatty");
    Session bob = server.newUser("moody");
    AtriumClient aliceClient = server.client().as(alice);
    Friends.make(server, alice, bob);
    String conversationId = aliceClient.conversations().createDirect(bob.account().id()).id();
    // The first send makes the server remember who the conversation is between; the block check
    // itself happens in the writer's batch for every send.
    long first =
        aliceClient
            .conversations()
            .send(Outgoing.application(conversationId, id(), 0, bytes("hi")))
            .seq();

    server.client().as(bob).contacts().block(alice.account().id());
    var refused =
        catchApi(
            () ->
                aliceClient
                    .conversations()
                    .send(Outgoing.application(conversationId, id(), 0, bytes("hello?"))));
    var refusedOtherWay =
        catchApi(
            () ->
                server
                    .client()
                    .as(bob)
                    .conversations()
                    .send(Outgoing.application(conversationId, id(), 0, bytes("go away"))));
    server.client().as(bob).contacts().unblock(alice.account().id());
    long after =
        aliceClient
            .conversations()
            .send(Outgoing.application(conversationId, id(), 0, bytes("sorry")))
            .seq();

    assertThat(refused.code()).isEqualTo("not_allowed");
    assertThat(refusedOtherWay.code()).isEqualTo("not_allowed");
    assertThat(after).isEqualTo(first + 1);
  }

  @Test
  void group_addingSomeoneWhoIsNotYourContact_isRefused() {
    Session admin = server.newUser("picky");
    String group = MessagingFixture.group(server, admin, List.of());
    Session stranger = server.newUser("unknown");

    var refused =
        catchApi(
            () ->
                server
                    .client()
                    .as(admin)
                    .conversations()
                    .send(
                        Outgoing.commit(group, id(), 1, bytes("add"))
                            .addingAccounts(List.of(stranger.account().id()))));

    assertThat(refused.code()).isEqualTo("not_contacts");
  }

  @Test
  void groupDetails_nameEveryMember_evenToMembersWhoAreNotTheirContacts() {
    Session host = server.newUser("host");
    Session bob = server.newUser("bob");
    Session cat = server.newUser("cat");
    String group = MessagingFixture.group(server, host, List.of(bob, cat));

    var members = server.client().as(bob).conversations().get(group).members();

    assertThat(members)
        .extracting(member -> member.accountId(), member -> member.displayName())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(host.account().id(), host.account().displayName()),
            org.assertj.core.groups.Tuple.tuple(bob.account().id(), bob.account().displayName()),
            org.assertj.core.groups.Tuple.tuple(cat.account().id(), cat.account().displayName()));
    assertThat(cat.account().displayName()).isNotBlank();
  }

  @Test
  void directConversationWithYourself_isInvalid() {
    Session alice = server.newUser("self");

    assertThat(
            catchApi(
                    () ->
                        server
                            .client()
                            .as(alice)
                            .conversations()
                            .createDirect(alice.account().id()))
                .status())
        .isEqualTo(422);
  }

  @Test
  void details_showMembersAndTheirDevicesInTheGroup() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);

    ConversationDetails details =
        pair.aliceClient(server).conversations().get(pair.conversationId());

    assertThat(details.conversation().kind()).isEqualTo("direct");
    assertThat(details.conversation().epoch()).isEqualTo(1);
    assertThat(details.members())
        .extracting(Member::accountId)
        .containsExactlyInAnyOrder(pair.alice().account().id(), pair.bob().account().id());
    assertThat(details.members())
        .flatExtracting(Member::deviceIds)
        .containsExactlyInAnyOrder(pair.alice().device().id(), pair.bob().device().id());
  }

  @Test
  void group_adminAddsContactsByCommit_butMembersCannotChangeMembership() {
    Session admin = server.newUser("gadmin");
    Session member = server.newUser("gmember");
    Session newcomer = server.newUser("gnew");
    String group = MessagingFixture.group(server, admin, List.of(member));
    Friends.make(server, member, newcomer);

    var refused =
        catchApi(
            () ->
                server
                    .client()
                    .as(member)
                    .conversations()
                    .send(
                        Outgoing.commit(group, id(), 1, bytes("add"))
                            .addingAccounts(List.of(newcomer.account().id()))));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("admin_required");
    assertThat(server.client().as(admin).conversations().get(group).members()).hasSize(2);
  }

  @Test
  void group_cannotGrowBeyondItsLimit() {
    Session admin = server.newUser("fulladmin");
    List<Session> members =
        List.of(server.newUser("f1"), server.newUser("f2"), server.newUser("f3"));
    String group = MessagingFixture.group(server, admin, members);
    Session extra = server.newUser("f4");
    Friends.make(server, admin, extra);

    var refused =
        catchApi(
            () ->
                server
                    .client()
                    .as(admin)
                    .conversations()
                    .send(
                        Outgoing.commit(group, id(), 1, bytes("add"))
                            .addingAccounts(List.of(extra.account().id()))));

    assertThat(refused.code()).isEqualTo("group_full");
  }

  @Test
  void inviteLink_letsANonContactAskToJoin_andTheAdminAddsThem() {
    Session admin = server.newUser("linkadmin");
    String group = MessagingFixture.group(server, admin, List.of());
    AtriumClient adminClient = server.client().as(admin);
    Session joiner = server.newUser("joiner");
    AtriumClient joinerClient = server.client().as(joiner);
    String token = adminClient.conversations().createInviteLink(group);

    assertThat(joinerClient.conversations().join(token)).isEqualTo(group);
    assertThat(adminClient.conversations().joinRequests(group))
        .containsExactly(joiner.account().id());
    adminClient
        .conversations()
        .send(
            Outgoing.commit(group, id(), 1, bytes("add joiner"))
                .addingAccounts(List.of(joiner.account().id()))
                .withWelcome(bytes("w"), List.of(joiner.device().id())));

    assertThat(joinerClient.conversations().get(group).members()).hasSize(2);
    assertThat(adminClient.conversations().joinRequests(group)).isEmpty();
    adminClient.conversations().revokeInviteLink(group);
    assertThat(catchApi(() -> server.newUserClient("late").conversations().join(token)).status())
        .isEqualTo(404);
  }

  @Test
  void removedMember_canNoLongerSendOrRead() {
    Session admin = server.newUser("radmin");
    Session member = server.newUser("removed");
    String group = MessagingFixture.group(server, admin, List.of(member));
    AtriumClient memberClient = server.client().as(member);

    server
        .client()
        .as(admin)
        .conversations()
        .send(
            Outgoing.commit(group, id(), 1, bytes("remove"))
                .removingAccounts(List.of(member.account().id())));

    assertThat(
            catchApi(
                    () ->
                        memberClient
                            .conversations()
                            .send(Outgoing.application(group, id(), 2, bytes("x"))))
                .status())
        .isEqualTo(404);
    assertThat(catchApi(() -> memberClient.conversations().envelopes(group, 0, 10)).status())
        .isEqualTo(404);
  }

  @Test
  void leaving_takesEffectAtOnce_andTheLastAdminHandsOver() {
    Session admin = server.newUser("leaver");
    Session member = server.newUser("stayer");
    String group = MessagingFixture.group(server, admin, List.of(member));

    server.client().as(admin).conversations().leave(group);

    assertThat(catchApi(() -> server.client().as(admin).conversations().get(group)).status())
        .isEqualTo(404);
    ConversationDetails details = server.client().as(member).conversations().get(group);
    assertThat(details.members())
        .singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo("admin"));
  }

  @Test
  void afterALeave_anyMemberMayCommitTheLeaversRemoval_butNotRemoveAnotherMembersDevice() {
    Session admin = server.newUser("treeadmin");
    Session leaver = server.newUser("treeleaver");
    Session member = server.newUser("treemember");
    String group = MessagingFixture.group(server, admin, List.of(leaver, member));
    AtriumClient memberClient = server.client().as(member);
    server.client().as(leaver).conversations().leave(group);

    var tidied =
        memberClient
            .conversations()
            .send(
                Outgoing.commit(group, id(), 1, bytes("remove leaver"))
                    .removingDevices(List.of(leaver.device().id()))
                    .removingAccounts(List.of()));
    var refused =
        catchApi(
            () ->
                memberClient
                    .conversations()
                    .send(
                        Outgoing.commit(group, id(), 2, bytes("kick"))
                            .removingDevices(List.of(admin.device().id()))));

    assertThat(tidied.epoch()).isEqualTo(2);
    assertThat(refused.code()).isEqualTo("admin_required");
    assertThat(memberClient.conversations().get(group).members())
        .extracting(Member::accountId)
        .containsExactlyInAnyOrder(admin.account().id(), member.account().id());
  }

  @Test
  void rolesAndRenaming_areForAdminsOnly() {
    Session admin = server.newUser("roleadmin");
    Session member = server.newUser("rolemember");
    String group = MessagingFixture.group(server, admin, List.of(member));
    AtriumClient memberClient = server.client().as(member);

    assertThat(catchApi(() -> memberClient.conversations().rename(group, "mine now")).code())
        .isEqualTo("admin_required");
    server.client().as(admin).conversations().setRole(group, member.account().id(), "admin");
    assertThat(memberClient.conversations().rename(group, "ours").name()).isEqualTo("ours");
    assertThat(memberClient.conversations().get(group).conversation().role()).isEqualTo("admin");
  }
}
