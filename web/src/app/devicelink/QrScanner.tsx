// Scans a QR code with the camera through the browser's own BarcodeDetector (Chromium on
// Android, ChromeOS and macOS have it); where it is missing, the caller offers pasting only,
// rather than shipping a decoder library.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../state';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

const SCAN_INTERVAL_MILLIS = 250;

function detectorClass(): BarcodeDetectorConstructor | null {
  const found = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  return typeof found === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? found : null;
}

export function canScanQrCodes(): boolean {
  return detectorClass() !== null;
}

/** The camera's picture while scanning; calls onText with the first QR code's text. */
export function QrScanner({ onText, onFailure }: { onText: (text: string) => void; onFailure: () => void }) {
  const { t } = useApp();
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return onFailure();
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let detector: BarcodeDetectorLike;
    try {
      detector = new Detector({ formats: ['qr_code'] });
    } catch {
      return onFailure();
    }
    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        const codes = await detector.detect(video.current);
        const text = codes[0]?.rawValue;
        if (text && !stopped) return onText(text);
      } catch {
        // A frame that is not ready yet; the next one will do.
      }
      timer = setTimeout(() => void scan(), SCAN_INTERVAL_MILLIS);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(async (media) => {
      if (stopped) return media.getTracks().forEach((track) => track.stop());
      stream = media;
      if (!video.current) return;
      video.current.srcObject = media;
      await video.current.play();
      setLive(true);
      void scan();
    }).catch(() => {
      // No camera, permission refused, or the video would not play.
      if (!stopped) onFailure();
    });
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div class="code">
      <video ref={video} class="qr" muted playsInline aria-label={t('link.scanning')} />
      {live && <p class="muted">{t('link.scanning')}</p>}
    </div>
  );
}
