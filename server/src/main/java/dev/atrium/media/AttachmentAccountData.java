package dev.atrium.media;

import dev.atrium.platform.feature.AccountDataProvider;

/**
 * The attachments section of the account export, and the erasure of an account's blobs when it is
 * deleted.
 */
final class AttachmentAccountData implements AccountDataProvider {
  private final AttachmentService service;

  AttachmentAccountData(AttachmentService service) {
    this.service = service;
  }

  @Override
  public String sectionName() {
    return "attachments";
  }

  @Override
  public Object export(String accountId) {
    return service.export(accountId);
  }

  @Override
  public void onAccountDeleted(String accountId) {
    service.eraseAccount(accountId);
  }
}
