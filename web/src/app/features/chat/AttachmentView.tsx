// An attachment inside a message bubble: images are fetched, decrypted and shown inline — at once
// from the thumbnail the message carries, if any, and in full when tapped; other files are
// fetched and decrypted when the person asks to save them. A tap on an image also opens the
// full-screen viewer (ImageViewer.tsx), when the bubble offers one.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../state';
import type { FileRef } from './engine/attachments';
import type { ChatEngine } from './engine/engine';
import { thumbnailUrl } from './thumbnail';

export function AttachmentView({
  engine,
  file,
  thumbnail,
  onOpen,
}: {
  engine: ChatEngine | null;
  file: FileRef;
  thumbnail?: string;
  onOpen?: () => void;
}) {
  const { t } = useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [thumbUrl, setThumbUrl] = useState<string | null>(null);
  const isImage = file.mime.startsWith('image/') && file.mime !== 'image/svg+xml';
  // With a thumbnail the full image waits for a tap; without one it loads right away.
  const [wantFull, setWantFull] = useState(!thumbnail);

  useEffect(() => {
    if (!thumbnail || !isImage) return;
    let objectUrl: string | null = null;
    try {
      objectUrl = thumbnailUrl(thumbnail);
      setThumbUrl(objectUrl);
    } catch {
      setWantFull(true);
    }
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [thumbnail]);

  useEffect(() => {
    if (!engine || !isImage || !wantFull) return;
    let live = true;
    let objectUrl: string | null = null;
    engine.openAttachment(file).then(
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
  }, [engine, file.attachmentId, wantFull]);

  const save = async () => {
    if (!engine) return;
    try {
      const objectUrl = URL.createObjectURL(await engine.openAttachment(file));
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    } catch {
      setFailed(true);
    }
  };

  if (failed) return <span class="muted">{t('chat.attachmentFailed')}</span>;
  if (isImage && !url && thumbUrl) {
    return (
      <button
        type="button"
        class="thumbnail-button"
        data-testid="open-image"
        aria-label={t('chatFeat.showImage')}
        aria-busy={wantFull}
        onClick={() => {
          setWantFull(true);
          onOpen?.();
        }}
      >
        <img class="bubble-image bubble-thumbnail" src={thumbUrl} alt={file.name} data-testid="message-thumbnail" />
      </button>
    );
  }
  if (isImage) {
    if (!url) return <span class="muted">{t('common.loading')}</span>;
    const image = <img class="bubble-image" src={url} alt={file.name} data-testid="message-image" />;
    return onOpen ? (
      <button
        type="button"
        class="thumbnail-button"
        data-testid="open-viewer"
        aria-label={t('chatFeat.showImage')}
        onClick={onOpen}
      >
        {image}
      </button>
    ) : (
      image
    );
  }
  return (
    <button type="button" class="small" data-testid="message-file" onClick={save}>
      {t('chat.saveFile', { name: file.name, size: formatSize(file.size) })}
    </button>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
