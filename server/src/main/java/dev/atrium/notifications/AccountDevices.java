package dev.atrium.notifications;

import java.util.List;

/** The devices an account is logged in on, to wake them all; identity answers. */
@FunctionalInterface
public interface AccountDevices {
  List<String> deviceIdsOf(String accountId);
}
