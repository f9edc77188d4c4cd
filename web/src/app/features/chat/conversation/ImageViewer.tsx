// The full-screen image viewer: one of the chat's images at a time, decrypted on this device, with
// Previous / Next (buttons, arrow keys, a horizontal swipe), and Escape or the close button to leave.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CloseIcon } from '../../../components/icons';
import { useApp } from '../../../state';
import type { ChatEngine } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';

/** How far a finger moves sideways before a swipe changes the image, in CSS pixels. */
const SWIPE_PIXELS_MIN = 50;

/** The chat's images the viewer steps through, oldest first (recalled and non-image files left out). */
export function viewableImages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.filter(
    (message) =>
      message.kind === 'file' &&
      !message.recalled &&
      message.file !== undefined &&
      message.file.mime.startsWith('image/') &&
      message.file.mime !== 'image/svg+xml',
  );
}

/** The index after a step of `delta`, staying within the list (no wrapping around). */
export function steppedIndex(index: number, delta: number, count: number): number {
  return Math.min(Math.max(index + delta, 0), Math.max(count - 1, 0));
}

export function ImageViewer({
  engine,
  images,
  startKey,
  onClose,
}: {
  engine: ChatEngine;
  images: ChatMessage[];
  startKey: string;
  onClose: () => void;
}) {
  const { t } = useApp();
  const [index, setIndex] = useState(() =>
    Math.max(
      images.findIndex((image) => image.key === startKey),
      0,
    ),
  );
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const swipeFrom = useRef<number | null>(null);
  const current = images[index];
  const step = (delta: number) => setIndex((at) => steppedIndex(at, delta, images.length));

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => opener?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      else if (event.key === 'ArrowLeft') step(-1);
      else if (event.key === 'ArrowRight') step(1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    // Capture: the viewer is on top, so its keys come before the conversation's own Escape.
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [images.length, onClose]);

  useEffect(() => {
    if (!current?.file) return;
    let live = true;
    let objectUrl: string | null = null;
    setUrl(null);
    setFailed(false);
    engine.openAttachment(current.file).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        if (live) setUrl(objectUrl);
        else URL.revokeObjectURL(objectUrl);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [engine, current?.key]);

  if (!current?.file) return null;
  const title = t('viewer.title', { index: index + 1, count: images.length });
  return (
    <div
      class="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={title}
      data-testid="image-viewer"
      data-index={index}
      onPointerDown={(event) => {
        swipeFrom.current = event.clientX;
      }}
      onPointerUp={(event) => {
        const from = swipeFrom.current;
        swipeFrom.current = null;
        if (from === null || Math.abs(event.clientX - from) < SWIPE_PIXELS_MIN) return;
        step(event.clientX < from ? 1 : -1);
      }}
    >
      <header class="viewer-head">
        <span class="viewer-title" data-testid="viewer-title">
          {title}
        </span>
        <button
          type="button"
          class="viewer-close"
          ref={closeButton}
          aria-label={t('viewer.close')}
          data-testid="viewer-close"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div class="viewer-stage">
        {url ? (
          <img class="viewer-image" src={url} alt={current.file.name} data-testid="viewer-image" draggable={false} />
        ) : (
          <span class="viewer-note">{failed ? t('chat.attachmentFailed') : t('common.loading')}</span>
        )}
      </div>
      <div class="viewer-nav">
        <button
          type="button"
          class="viewer-step"
          data-testid="viewer-previous"
          aria-label={t('viewer.previous')}
          disabled={index === 0}
          onClick={() => step(-1)}
        >
          ‹
        </button>
        <span class="viewer-name">{current.file.name}</span>
        <button
          type="button"
          class="viewer-step"
          data-testid="viewer-next"
          aria-label={t('viewer.next')}
          disabled={index >= images.length - 1}
          onClick={() => step(1)}
        >
          ›
        </button>
      </div>
    </div>
  );
}
