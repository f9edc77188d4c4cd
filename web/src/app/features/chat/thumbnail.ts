// Image thumbnails made in the browser before sending: a small JPEG (at most THUMBNAIL_EDGE_MAX
// pixels on its longer edge) travels inside the encrypted message, so the receiver shows it at once
// and fetches and decrypts the full image only when asked. Anything that fails just means no
// thumbnail; the message is sent regardless.
// (Kept free of the MLS module, which loads only with the chat engine, not with the first screen.)

/** An inline image thumbnail: base64 JPEG or WebP, at most this many characters (about 36 KB). */
export const THUMBNAIL_CHARS_MAX = 48_000;

export const THUMBNAIL_EDGE_MAX = 320;
/** Images this small travel without a thumbnail: the receiver loads them whole at once. */
export const THUMBNAIL_SKIP_BYTES = 48 * 1024;
/** Tried in turn until the base64 fits THUMBNAIL_CHARS_MAX. */
const ATTEMPTS: { edge: number; quality: number }[] = [
  { edge: THUMBNAIL_EDGE_MAX, quality: 0.7 },
  { edge: THUMBNAIL_EDGE_MAX, quality: 0.5 },
  { edge: 200, quality: 0.5 },
  { edge: 120, quality: 0.4 },
];

/** The size that fits `edge` on the longer side, keeping the aspect ratio (never enlarging). */
export function thumbnailSize(
  width: number,
  height: number,
  edge = THUMBNAIL_EDGE_MAX,
): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A base64 JPEG thumbnail of an image file, or undefined (not an image, or the browser cannot draw it). */
export async function makeThumbnail(blob: Blob): Promise<string | undefined> {
  if (
    blob.size <= THUMBNAIL_SKIP_BYTES ||
    !blob.type.startsWith('image/') ||
    blob.type === 'image/svg+xml' ||
    typeof createImageBitmap !== 'function'
  )
    return undefined;
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap = await createImageBitmap(blob);
    for (const attempt of ATTEMPTS) {
      const size = thumbnailSize(bitmap.width, bitmap.height, attempt.edge);
      const canvas = document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      const context = canvas.getContext('2d');
      if (!context) return undefined;
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', attempt.quality));
      if (!jpeg) return undefined;
      const encoded = toBase64(new Uint8Array(await jpeg.arrayBuffer()));
      if (encoded.length <= THUMBNAIL_CHARS_MAX) return encoded;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    bitmap?.close();
  }
}

/** An object URL for a thumbnail carried in a message (the caller revokes it). */
export function thumbnailUrl(thumbnail: string): string {
  return URL.createObjectURL(new Blob([fromBase64(thumbnail) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
