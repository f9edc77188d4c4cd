package dev.atrium.messaging;

/**
 * The answer to a send: where the envelope sits in its conversation.
 *
 * @param duplicate true when this was a retry and nothing new was stored
 */
public record SendResult(
    String conversationId, String clientMessageId, long seq, long epoch, boolean duplicate) {}
