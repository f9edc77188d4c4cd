// Verifying a contact by QR code: each side's safety number screen shows a QR code; the test
// "scans" it (reads the picture's pixels and decodes them with jsQR, as the app's scanner does)
// and pastes the text on the other phone. Matching codes mark the contact verified on both
// sides; a code with other digits warns and verifies nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, loadQrDecode } from '../src/app/components/qr/frame-decoder';
import { writeQrVideo } from './fake-camera';
import {
  befriend,
  launchBrowser,
  launchBrowserWithCamera,
  messageContact,
  phone,
  register,
  uniqueUsername,
} from './harness';
import { screenshotTo } from './screen-checks';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Person {
  page: Page;
  name: string;
  close: () => Promise<void>;
}

async function person(displayName: string, on = browser): Promise<Person> {
  const { context, page } = await phone(on);
  await register(page, uniqueUsername(displayName.toLowerCase()), displayName);
  return { page, name: displayName, close: () => context.close() };
}

async function openSafetyNumber(page: Page, contact: string): Promise<void> {
  await messageContact(page, contact);
  await page.getByTestId('safety-number-link').click();
  await page.getByTestId('safety-qr').waitFor();
}

/** Reads the QR code on screen like a camera: its pixels on a white margin, decoded. */
async function scan(page: Page): Promise<string> {
  const picture = await page.getByTestId('safety-qr').evaluate(async (element) => {
    const image = element as HTMLImageElement;
    await image.decode();
    const size = 360;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 30, 30, size - 60, size - 60);
    return { width: size, height: size, data: Array.from(context.getImageData(0, 0, size, size).data) };
  });
  const text = decodeFrame(await loadQrDecode(), {
    width: picture.width,
    height: picture.height,
    data: Uint8ClampedArray.from(picture.data),
  });
  if (text === null) throw new Error('No QR code readable on the safety number screen');
  return text;
}

async function paste(page: Page, text: string): Promise<string | null> {
  await page.getByTestId('safety-paste').fill(text);
  await page.getByTestId('safety-compare').click();
  await page.getByTestId('safety-result').waitFor();
  return page.getByTestId('safety-result').getAttribute('data-result');
}

describe('safety number QR code', () => {
  it('two people verify each other by scanning; other digits or other people are refused with a warning', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);

    await openSafetyNumber(ann.page, 'Bob');
    await openSafetyNumber(bob.page, 'Ann');
    const annCode = await scan(ann.page);
    const bobCode = await scan(bob.page);
    expect(annCode).toMatch(/^ATRIUM-SN1:[\w-]+:[\w-]+:\d{60}$/);
    expect(bobCode).toBe(annCode);
    const digits = ((await ann.page.getByTestId('safety-number').getAttribute('aria-label')) ?? '').replace(/ /g, '');
    expect(annCode.endsWith(`:${digits}`)).toBe(true);

    // A code whose digits differ (the keys one phone sees are not the other's): a warning, not verified.
    const last = digits.at(-1)!;
    const forged = annCode.slice(0, -1) + String((Number(last) + 1) % 10);
    expect(await paste(ann.page, forged)).toBe('mismatch');
    expect(await ann.page.getByTestId('safety-result').getAttribute('role')).toBe('alert');
    expect(await ann.page.getByTestId('safety-result').textContent()).toContain('do NOT match');
    expect(await ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('unverified');
    await ann.page.getByTestId('safety-result').scrollIntoViewIfNeeded();
    await screenshotTo(ann.page, 'en', '30-safety-qr-mismatch');
    // A code of two other accounts, and text that is no code at all.
    const [, first] = annCode.split(':');
    expect(await paste(ann.page, annCode.replace(first!, 'acc_someoneelse'))).toMatch(/^(other-people|invalid)$/);
    expect(await paste(ann.page, 'https://example.com/not-a-code')).toBe('invalid');
    expect(await ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('unverified');

    // The real codes, each pasted on the other phone: both are verified.
    expect(await paste(ann.page, bobCode)).toBe('match');
    await expect.poll(() => ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('verified');
    expect(await paste(bob.page, annCode)).toBe('match');
    await expect.poll(() => bob.page.getByTestId('safety-status').getAttribute('data-status')).toBe('verified');
    await screenshotTo(bob.page, 'en', '31-safety-qr-verified');
    // The chat shows the contact as verified.
    await messageContact(bob.page, 'Ann');
    await expect.poll(() => bob.page.getByTestId('safety-number-link').textContent()).toContain('Verified');
    await ann.close();
    await bob.close();
  }, 120_000);

  it("scans the other phone's code with the camera and marks the contact verified", async () => {
    // Chromium reads the fake camera's file when the camera starts, so it is written once the
    // code to show is known (a placeholder until then).
    const dir = mkdtempSync(join(tmpdir(), 'atrium-safety-camera-'));
    const video = join(dir, 'camera.y4m');
    writeQrVideo(video, encode('placeholder', { ecc: 'M', border: 4 }).data);
    const camera = await launchBrowserWithCamera(video);
    try {
      const ann = await person('Ann', camera);
      const bob = await person('Bob');
      await befriend(ann, bob);
      await openSafetyNumber(bob.page, 'Ann');
      writeQrVideo(video, encode(await scan(bob.page), { ecc: 'M', border: 4 }).data);

      await openSafetyNumber(ann.page, 'Bob');
      await ann.page.getByTestId('safety-scan').click();
      await ann.page.getByTestId('safety-result').waitFor({ timeout: 30_000 });
      expect(await ann.page.getByTestId('safety-result').getAttribute('data-result')).toBe('match');
      await expect.poll(() => ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('verified');
      // The camera is off again once the code was read.
      expect(await ann.page.locator('video').count()).toBe(0);
      await ann.close();
      await bob.close();
    } finally {
      await camera.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
