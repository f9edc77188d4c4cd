package dev.atrium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.http.Caller;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/**
 * The hub's choice between connections of one device, made deterministic: the connections register
 * in the order a slow load would produce, without any socket.
 */
class DeliveryHubTest {

  /** Close codes sent per socket; a stand-in for Jetty's session, which the hub never sees. */
  private final ConcurrentHashMap<Object, Integer> closeCodes = new ConcurrentHashMap<>();

  @Test
  void olderConnectionThatFinishesLoadingLast_isClosed_andTheNewerStaysLive() {
    DeliveryHub hub = new DeliveryHub();
    Session olderSession = session();
    Session newerSession = session();
    DeviceConnection older = connection(hub, olderSession, 1);
    DeviceConnection newer = connection(hub, newerSession, 2);

    assertThat(hub.register(newer, List.of("c1"))).isTrue();
    assertThat(hub.register(older, List.of("c1"))).isFalse();

    assertThat(hub.connection("device-1")).isSameAs(newer);
    assertThat(closeCodes)
        .containsEntry(olderSession, CloseCodes.REPLACED)
        .doesNotContainKey(newerSession);
  }

  @Test
  void newerConnectionThatFinishesLoadingLast_replacesTheOlder() {
    DeliveryHub hub = new DeliveryHub();
    Session olderSession = session();
    Session newerSession = session();
    DeviceConnection older = connection(hub, olderSession, 1);
    DeviceConnection newer = connection(hub, newerSession, 2);

    assertThat(hub.register(older, List.of("c1"))).isTrue();
    assertThat(hub.register(newer, List.of("c1"))).isTrue();

    assertThat(hub.connection("device-1")).isSameAs(newer);
    assertThat(closeCodes)
        .containsEntry(olderSession, CloseCodes.REPLACED)
        .doesNotContainKey(newerSession);
  }

  private static DeviceConnection connection(
      DeliveryHub hub, Session session, long acceptSequence) {
    DeviceConnection[] holder = new DeviceConnection[1];
    holder[0] =
        new DeviceConnection(
            session,
            acceptSequence,
            new Caller("account-1", "device-1"),
            (conversationId, afterSeq, untilSeq, rowsMax) -> List.of(),
            10,
            16,
            65_536,
            () -> hub.unregister(holder[0]));
    return holder[0];
  }

  /** A session that records the close code it is asked to send and otherwise does nothing. */
  @SuppressWarnings("ReferenceEquality") // a proxy's equals is identity, as Object's is
  private Session session() {
    Object[] self = new Object[1];
    Session session =
        (Session)
            Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close") && args != null && args.length == 3) {
                    closeCodes.put(self[0], (Integer) args[0]);
                  }
                  return switch (method.getReturnType().getName()) {
                    case "long" -> 0L;
                    case "int" -> 0;
                    case "boolean" -> method.getName().equals("equals") ? proxy == args[0] : false;
                    case "java.lang.String" -> "session";
                    default -> null;
                  };
                });
    self[0] = session;
    return session;
  }
}
