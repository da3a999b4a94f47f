/**
 * Reads QR codes from the camera for the door's check-in, started only when a person presses
 * "Scan a code". The browser's own BarcodeDetector where it has one; otherwise jsQR on video
 * frames, loaded here with `import()` so its weight comes only with the first scan. Neither
 * needs eval or inline script, so both work under the console's strict CSP.
 */
export interface Scanner {
  stop(): void;
}

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector: (new (options: { formats: string[] }) => Detector) | undefined;

/** Starts the rear camera in `video` and calls `found` with the first code read; throws when there is no camera or it is refused. */
export async function startScanner(video: HTMLVideoElement, found: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  const native = typeof BarcodeDetector === 'function' ? new BarcodeDetector({ formats: ['qr_code'] }) : null;
  // jsQR is a UMD script: bundled, its export is the default; loaded as it is (the component tests), it sets `self.jsQR`.
  const jsQR = native ? null : ((await import('jsqr')).default ?? (globalThis as { jsQR?: typeof import('jsqr').default }).jsQR ?? null);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const frame = async () => {
    if (stopped) return;
    let text: string | null = null;
    if (native) {
      text = (await native.detect(video).catch(() => []))[0]?.rawValue ?? null;
    } else if (jsQR && ctx && video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      ctx.drawImage(video, 0, 0);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      text = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    }
    if (text && !stopped) {
      stop();
      found(text);
    } else if (!stopped) requestAnimationFrame(() => void frame());
  };
  requestAnimationFrame(() => void frame());
  return { stop };
}
