// Limits of the backup screen and format, kept apart so the screen can show them without loading
// the backup code (and argon2id) up front.

/** Shorter passphrases are refused when making a backup. */
export const PASSPHRASE_MIN_LENGTH = 10;
