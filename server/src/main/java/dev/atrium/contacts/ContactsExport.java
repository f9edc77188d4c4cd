package dev.atrium.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contacts section of an account export: who the account relates to, by account id. */
record ContactsExport(
    List<ExportedContact> contacts,
    List<ExportedRequest> incomingRequests,
    List<ExportedRequest> outgoingRequests,
    List<ExportedBlock> blocks,
    ExportedContactLink contactLink) {

  record ExportedContact(String accountId, Instant since) {}

  /** A pending request; {@code accountId} is the other party. */
  record ExportedRequest(String id, String accountId, String note, Instant createdAt) {}

  record ExportedBlock(String accountId, Instant blockedAt) {}

  record ExportedContactLink(String token, Instant createdAt) {}

  static ContactsExport of(
      String accountId,
      List<Contact> contacts,
      List<ContactRequest> incoming,
      List<ContactRequest> outgoing,
      List<Block> blocks,
      Optional<ContactLink> link) {
    return new ContactsExport(
        contacts.stream()
            .map(
                c ->
                    new ExportedContact(
                        c.contactAccountId(), Instant.ofEpochMilli(c.createdAtMillis())))
            .toList(),
        incoming.stream().map(r -> exported(r, accountId)).toList(),
        outgoing.stream().map(r -> exported(r, accountId)).toList(),
        blocks.stream()
            .map(
                b ->
                    new ExportedBlock(
                        b.blockedAccountId(), Instant.ofEpochMilli(b.createdAtMillis())))
            .toList(),
        link.map(l -> new ExportedContactLink(l.token(), Instant.ofEpochMilli(l.createdAtMillis())))
            .orElse(null));
  }

  private static ExportedRequest exported(ContactRequest request, String accountId) {
    return new ExportedRequest(
        request.id(),
        request.counterpartOf(accountId),
        request.note(),
        Instant.ofEpochMilli(request.createdAtMillis()));
  }
}
