package dev.atrium.miniapps;

import dev.atrium.platform.errors.OperatingError;

/** The ways a notice template, opt-in or send can be refused; each has a stable code. */
public abstract sealed class MiniAppNoticeError extends OperatingError {
  private MiniAppNoticeError(int status, String code, String message) {
    super(status, code, message);
  }

  /** Also for another app's template, so its existence is not revealed. */
  static final class TemplateNotFound extends MiniAppNoticeError {
    TemplateNotFound() {
      super(404, "notice_template_not_found", "No such notice template for this mini-program.");
    }
  }

  static final class TooManyTemplates extends MiniAppNoticeError {
    TooManyTemplates(int max) {
      super(
          409,
          "notice_template_limit_reached",
          "A mini-program may declare at most " + max + " notice templates.");
    }
  }

  /**
   * The user has no credit left for this template, or is no user of this app at all: one answer for
   * both, so an openId of another app reveals nothing.
   */
  static final class NoOptIn extends MiniAppNoticeError {
    NoOptIn() {
      super(409, "no_opt_in", "The user has not opted in to (another) notice of this template.");
    }
  }

  /** The app did not request the notifications scope, so users cannot be asked to opt in. */
  static final class ScopeNotRequested extends MiniAppNoticeError {
    ScopeNotRequested() {
      super(
          409,
          "miniapp_scope_not_requested",
          "The mini-program has not requested the notifications scope.");
    }
  }
}
