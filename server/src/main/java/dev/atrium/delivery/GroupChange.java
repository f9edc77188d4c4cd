package dev.atrium.delivery;

import java.util.List;
import java.util.Map;

/**
 * A commit's effect on who receives a conversation, applied before its envelopes are routed.
 *
 * @param addedDevices device id to its account, for devices that receive the conversation from
 *     {@code seq} on
 * @param removedDevices devices that receive it only up to {@code seq}
 * @param removedAccounts accounts whose devices all receive it only up to {@code seq}
 */
public record GroupChange(
    String conversationId,
    long seq,
    Map<String, String> addedDevices,
    List<String> removedDevices,
    List<String> removedAccounts) {}
