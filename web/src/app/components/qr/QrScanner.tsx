// Scans a QR code with the camera. Where the browser has a BarcodeDetector that reads QR codes
// (Chromium on Android, ChromeOS and macOS, Safari 17+) it reads the video directly; elsewhere
// (Chromium on Linux and Windows, Firefox) frames are drawn into a canvas, downscaled to 640 px,
// about five times a second, and read by jsQR, which is fetched only when a scan starts. The
// camera stops on success, on unmount and after two minutes. Callers keep a paste field, since a
// browser without a camera or without permission can still take the text.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../state';
import { decodeFrame, frameSize, loadQrDecode, type QrDecode } from './frame-decoder';
import { scanFailureMessage, scanFailureOf, type ScanFailure } from './scan-failure';

export type { ScanFailure } from './scan-failure';
export { scanFailureMessage } from './scan-failure';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

/** Which decoder read the frames: shown on the scanner as data-decoder, for tests and support. */
export type ScanPath = 'barcode-detector' | 'jsqr';

const SCAN_INTERVAL_MILLIS = 200;
const SCAN_TIMEOUT_MILLIS = 120_000;

function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Whether a camera scan can be offered at all (getUserMedia needs a secure context). */
export function canScanQrCodes(): boolean {
  return cameraAvailable();
}

/** The browser's BarcodeDetector if it reads QR codes here, else null (then jsQR is used). */
async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (typeof Detector !== 'function') return null;
  try {
    const formats = Detector.getSupportedFormats ? await Detector.getSupportedFormats() : ['qr_code'];
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

function nativeReader(detector: BarcodeDetectorLike): FrameReader {
  return async (video) => (await detector.detect(video))[0]?.rawValue || null;
}

function jsQrReader(decode: QrDecode): FrameReader {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const size = frameSize(video.videoWidth, video.videoHeight);
    if (!context || !size || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
    if (canvas.width !== size.width) canvas.width = size.width;
    if (canvas.height !== size.height) canvas.height = size.height;
    context.drawImage(video, 0, 0, size.width, size.height);
    return decodeFrame(decode, context.getImageData(0, 0, size.width, size.height));
  };
}

/**
 * The camera's picture while scanning; calls onText once with the first QR code's text, or
 * onFailure with the reason (show it with scanFailureMessage) when the camera cannot be used.
 */
export function QrScanner({
  onText,
  onFailure,
  hint,
}: {
  onText: (text: string) => void;
  onFailure: (failure: ScanFailure) => void;
  /** What to point the camera at; a general sentence by default. */
  hint?: string;
}) {
  const { t } = useApp();
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  const [path, setPath] = useState<ScanPath | null>(null);
  // The camera starts once per mount; the latest callbacks are the ones called.
  const callbacks = useRef({ onText, onFailure });
  callbacks.current = { onText, onFailure };

  useEffect(() => {
    if (!cameraAvailable()) return callbacks.current.onFailure('unsupported');
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (deadline !== undefined) clearTimeout(deadline);
      stream?.getTracks().forEach((track) => track.stop());
      stream = null;
    };
    const fail = (failure: ScanFailure) => {
      if (stopped) return;
      stop();
      callbacks.current.onFailure(failure);
    };
    deadline = setTimeout(() => fail('timeout'), SCAN_TIMEOUT_MILLIS);

    // The decoder is chosen (and jsQR fetched) while the camera starts and asks for permission.
    const reader = nativeDetector().then(async (detector): Promise<{ path: ScanPath; read: FrameReader }> =>
      detector
        ? { path: 'barcode-detector', read: nativeReader(detector) }
        : { path: 'jsqr', read: jsQrReader(await loadQrDecode()) },
    );
    reader.catch(() => undefined);

    const scan = async (read: FrameReader) => {
      if (stopped || !video.current) return;
      try {
        const text = await read(video.current);
        if (text && !stopped) {
          stop();
          return callbacks.current.onText(text);
        }
      } catch {
        // A frame that is not ready yet; the next one will do.
      }
      if (!stopped) timer = setTimeout(() => void scan(read), SCAN_INTERVAL_MILLIS);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (!video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        let chosen: { path: ScanPath; read: FrameReader };
        try {
          chosen = await reader;
        } catch {
          return fail('failed');
        }
        if (stopped) return;
        setPath(chosen.path);
        setLive(true);
        void scan(chosen.read);
      })
      .catch((error: unknown) => fail(scanFailureOf(error)));
    return stop;
  }, []);

  return (
    <div
      class="code qr-scanner"
      data-testid="qr-scanner"
      data-decoder={path ?? undefined}
      data-state={live ? 'live' : 'starting'}
    >
      <video ref={video} class="qr" muted playsInline aria-label={hint ?? t('scan.hint')} />
      {live ? (
        <p class="muted">{hint ?? t('scan.hint')}</p>
      ) : (
        <p class="muted" role="status">
          {t('scan.starting')}
        </p>
      )}
    </div>
  );
}

/** The reason scanning stopped, in the user's language, and what to do instead. */
export function ScanFailureText({ failure, instead }: { failure: ScanFailure | null; instead: string }) {
  const { t } = useApp();
  if (!failure) return null;
  return (
    <p class="notice" role="alert" data-testid="scan-failure" data-failure={failure}>
      {t(scanFailureMessage(failure))} {instead}
    </p>
  );
}
