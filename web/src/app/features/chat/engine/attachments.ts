// Attachments are encrypted in the browser before they leave it: AES-256-GCM (WebCrypto) with a
// fresh key and nonce per file. The server stores only the ciphertext under a random id; the key,
// nonce, name and type travel inside the MLS message, so only the conversation's members can
// open the file.
import { fromBase64, toBase64 } from '../../../mls/mls';

/** Files larger than this are refused before encrypting (they are held in memory whole). */
export const ATTACHMENT_BYTES_MAX = 25 * 1024 * 1024;

export interface FileRef {
  attachmentId: string;
  /** The AES-256-GCM key, base64. */
  key: string;
  /** The 12-byte nonce, base64. */
  iv: string;
  name: string;
  mime: string;
  /** Size of the plaintext in bytes. */
  size: number;
}

export class AttachmentTooLarge extends Error {}

export async function encryptAttachment(
  bytes: Uint8Array,
): Promise<{ ciphertext: Uint8Array; key: string; iv: string }> {
  if (bytes.length > ATTACHMENT_BYTES_MAX) throw new AttachmentTooLarge('file too large');
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes as Uint8Array<ArrayBuffer>),
  );
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
  return { ciphertext, key: toBase64(raw), iv: toBase64(iv) };
}

/** Decrypts and authenticates; a changed blob or a wrong key fails rather than yielding garbage. */
export async function decryptAttachment(
  ciphertext: Uint8Array,
  file: Pick<FileRef, 'key' | 'iv'>,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', fromBase64(file.key) as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [
    'decrypt',
  ]);
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(file.iv) as Uint8Array<ArrayBuffer> },
    key,
    ciphertext as Uint8Array<ArrayBuffer>,
  );
  return new Uint8Array(plaintext);
}
