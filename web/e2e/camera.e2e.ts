// Scanning QR codes with the camera where the browser has no BarcodeDetector (Linux Chromium):
// Chromium's fake camera plays a video of the real QR code the server drew (a contact link, a
// shop's static code, a new device's login link) or of a till's dynamic code, and the client
// reads it with jsQR. BarcodeDetector is removed in an init script in case this Chromium has it,
// and the test checks that the scanner said data-decoder="jsqr" and that the camera was stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { qrModulesFromSvg, writeQrVideo } from './fake-camera';
import {
  baseUrl,
  expectText,
  go,
  launchBrowser,
  launchBrowserWithCamera,
  phone,
  register,
  screenshot,
  uniqueUsername,
} from './harness';

const PIN = '135790';
/** Each test launches a second browser and registers two accounts: on a busy machine that takes a while. */
const TEST_TIMEOUT_MILLIS = 120_000;
const API_TIMEOUT_MILLIS = 20_000;
let browser: Browser;
let videoDir: string;
const cameraBrowsers: Browser[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  videoDir = mkdtempSync(join(tmpdir(), 'atrium-camera-'));
});

afterAll(async () => {
  for (const camera of cameraBrowsers) await camera.close();
  await browser?.close();
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

/** The device token the page's client stored, to call the API from the test. */
function sessionToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const open = indexedDB.open('atrium');
    const db = await new Promise<IDBDatabase>((done, fail) => {
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const read = db.transaction('local').objectStore('local').get('session');
    return new Promise<string>((done, fail) => {
      read.onsuccess = () => done((read.result as { token: string }).token);
      read.onerror = () => fail(read.error);
    });
  });
}

async function api(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...headers, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(API_TIMEOUT_MILLIS),
  });
  return { status: response.status, text: await response.text() };
}

async function apiJson<T>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  status = 200,
): Promise<T> {
  const response = await api(token, method, path, body, headers);
  expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
  return JSON.parse(response.text) as T;
}

/** A browser whose camera shows these QR modules (quiet zone included). */
async function cameraShowing(name: string, modules: boolean[][]): Promise<Browser> {
  const file = join(videoDir, `${name}.y4m`);
  writeQrVideo(file, modules);
  const camera = await launchBrowserWithCamera(file);
  cameraBrowsers.push(camera);
  return camera;
}

/**
 * A phone in the camera browser without BarcodeDetector, recording each camera stream it opens
 * and each decoder the scanner names (data-decoder), since the scanner is gone once it has read.
 */
async function cameraPhone(camera: Browser) {
  const device = await phone(camera);
  await device.context.addInitScript(() => {
    const seen = window as unknown as { __streams: MediaStream[]; __decoders: string[] };
    delete (window as { BarcodeDetector?: unknown }).BarcodeDetector;
    seen.__streams = [];
    seen.__decoders = [];
    const media = navigator.mediaDevices;
    if (media) {
      const getUserMedia = media.getUserMedia.bind(media);
      media.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints);
        seen.__streams.push(stream);
        return stream;
      };
    }
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const target = mutation.target as Element;
        const decoder = target.getAttribute?.('data-decoder');
        if (decoder) seen.__decoders.push(decoder);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-decoder'] });
  });
  return device;
}

/** The scan went through jsQR, and every camera track it opened has been stopped. */
async function expectJsQrScanStopped(page: Page): Promise<void> {
  const seen = () =>
    page.evaluate(() => {
      const state = window as unknown as { __streams: MediaStream[]; __decoders: string[] };
      return {
        decoders: [...new Set(state.__decoders)],
        streams: state.__streams.length,
        live: state.__streams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState !== 'ended')
          .length,
        barcodeDetector: 'BarcodeDetector' in window,
      };
    });
  await expect
    .poll(seen, { timeout: 10_000 })
    .toEqual({ decoders: ['jsqr'], streams: 1, live: 0, barcodeDetector: false });
  expect(await page.getByTestId('qr-scanner').count()).toBe(0);
}

/** A registered user with a PIN and demo money, in the given page. */
async function payer(page: Page, name: string, cents: number): Promise<string> {
  await register(page, uniqueUsername('cam'), name);
  const token = await sessionToken(page);
  expect((await api(token, 'PUT', '/api/v1/wallet/pin', { pin: PIN })).status).toBe(204);
  await apiJson(
    token,
    'POST',
    '/api/v1/wallet/sandbox/top-ups',
    { amountCents: cents },
    { 'Idempotency-Key': crypto.randomUUID() },
    201,
  );
  return token;
}

/** An approved shop; returns its owner's token and its id. */
async function approvedShop(page: Page, name: string): Promise<{ token: string; merchantId: string }> {
  await register(page, uniqueUsername('camshop'), 'Shop Owner');
  const token = await sessionToken(page);
  const merchant = await apiJson<{ id: string }>(
    token,
    'POST',
    '/api/v1/merchants',
    { name, city: 'Hamburg', categoryCode: '5812' },
    {},
    201,
  );
  await apiJson(inject('operatorToken'), 'POST', `/api/v1/admin/merchants/${merchant.id}/approve`);
  return { token, merchantId: merchant.id };
}

describe('scanning with the camera (jsQR, no BarcodeDetector)', { timeout: TEST_TIMEOUT_MILLIS }, () => {
  it('adds a contact by scanning their my-code QR', async () => {
    const owner = await phone(browser);
    await register(owner.page, uniqueUsername('camown'), 'Olga Owner');
    const ownerToken = await sessionToken(owner.page);
    const link = await apiJson<{ url: string; token: string }>(ownerToken, 'GET', '/api/v1/me/contact-link');
    const svg = await api(ownerToken, 'GET', '/api/v1/me/contact-link/qr.svg?size=512');
    expect(svg.status).toBe(200);

    const camera = await cameraShowing('contact', qrModulesFromSvg(svg.text));
    const asker = await cameraPhone(camera);
    await register(asker.page, uniqueUsername('camask'), 'Anton Asker');
    await go(asker.page, '/contacts/add');
    await screenshot(asker.page, '72-camera-add-contact');
    await asker.page.getByTestId('contact-scan-start').click();
    await asker.page.getByTestId('contact-link-form').waitFor({ timeout: 20_000 });
    expect(await asker.page.evaluate(() => location.hash)).toBe(`#/c/${link.token}`);
    await expectJsQrScanStopped(asker.page);
    await asker.page.getByRole('button', { name: 'Send contact request' }).click();
    await expectText(asker.page, 'link-result', 'Request sent.');

    await go(owner.page, '/contacts/requests');
    await expectText(owner.page, 'request-incoming', 'Anton Asker');
    await owner.page.getByTestId('accept').first().click();
    await go(asker.page, '/contacts');
    await expectText(asker.page, 'contact', 'Olga Owner');
    await owner.context.close();
    await asker.context.close();
  });

  it('Discover → Scan opens adding the person whose contact code the camera sees', async () => {
    const owner = await phone(browser);
    await register(owner.page, uniqueUsername('camdis'), 'Dora Discover');
    const ownerToken = await sessionToken(owner.page);
    const link = await apiJson<{ url: string; token: string }>(ownerToken, 'GET', '/api/v1/me/contact-link');
    const svg = await api(ownerToken, 'GET', '/api/v1/me/contact-link/qr.svg?size=512');
    expect(svg.status).toBe(200);

    const camera = await cameraShowing('discover-contact', qrModulesFromSvg(svg.text));
    const scanner = await cameraPhone(camera);
    await register(scanner.page, uniqueUsername('camsee'), 'Sven Scanner');
    await go(scanner.page, '/discover');
    await scanner.page.getByTestId('discover-scan').click();
    await scanner.page.getByTestId('scan-camera').click();
    await scanner.page.getByTestId('contact-link-form').waitFor({ timeout: 20_000 });
    expect(await scanner.page.evaluate(() => location.hash)).toBe(`#/c/${link.token}`);
    await expectJsQrScanStopped(scanner.page);
    await scanner.page.getByRole('button', { name: 'Send contact request' }).click();
    await expectText(scanner.page, 'link-result', 'Request sent.');
    await owner.context.close();
    await scanner.context.close();
  });

  it("pays a shop's static code scanned with the camera, typing the amount and the PIN", async () => {
    const shop = await phone(browser);
    const { token, merchantId } = await approvedShop(shop.page, 'Kiosk Ahoi');
    const svg = await api(token, 'GET', `/api/v1/merchants/${merchantId}/static-code.svg?size=512`);
    expect(svg.status).toBe(200);

    const camera = await cameraShowing('static', qrModulesFromSvg(svg.text));
    const customer = await cameraPhone(camera);
    await payer(customer.page, 'Clara Camera', 3_000);
    await go(customer.page, '/discover');
    await customer.page.getByTestId('discover-scan').click();
    await customer.page.getByTestId('scan-camera').click();
    await expectText(customer.page, 'scan-merchant', 'Kiosk Ahoi');
    await expectText(customer.page, 'scan-city', 'Hamburg');
    await expectJsQrScanStopped(customer.page);
    await customer.page.fill('input[name=amount]', '4,50');
    await customer.page.fill('input[name=pin]', PIN);
    await screenshot(customer.page, '70-camera-scan-pay');
    await customer.page.getByTestId('scan-pay-submit').click();
    await expectText(customer.page, 'scan-paid', 'You paid €4.50 to Kiosk Ahoi.');
    await go(customer.page, '/me/wallet');
    await expectText(customer.page, 'wallet-balance', '€25.50');
    await shop.context.close();
    await customer.context.close();
  });

  it("pays a till's dynamic code (fixed amount) scanned with the camera", async () => {
    const shop = await phone(browser);
    const { token, merchantId } = await approvedShop(shop.page, 'Bistro Welle');
    const key = await apiJson<{ key: string }>(
      token,
      'POST',
      `/api/v1/merchants/${merchantId}/api-keys`,
      { label: 'Till 1' },
      {},
      201,
    );
    const orderReference = `cam-${Date.now()}`;
    const order = await apiJson<{ qrPayload: string }>(
      key.key,
      'POST',
      '/api/v1/pos/orders',
      { orderReference, amountCents: 1_275, billNumber: 'B-4711' },
      {},
      201,
    );
    // The till draws this code itself; here an independent encoder (uqr) draws it.
    const camera = await cameraShowing('dynamic', encode(order.qrPayload, { ecc: 'M', border: 4 }).data);

    const customer = await cameraPhone(camera);
    await payer(customer.page, 'Dora Dynamic', 2_000);
    await go(customer.page, '/me/wallet/scan');
    await customer.page.getByTestId('scan-camera').click();
    await expectText(customer.page, 'scan-merchant', 'Bistro Welle');
    await expectText(customer.page, 'scan-amount', '€12.75');
    await expectText(customer.page, 'scan-pay-form', 'Bill B-4711');
    await expectJsQrScanStopped(customer.page);
    await customer.page.fill('input[name=pin]', PIN);
    await customer.page.getByTestId('scan-pay-submit').click();
    await expectText(customer.page, 'scan-paid', 'You paid €12.75 to Bistro Welle.');
    const paid = await apiJson<{ status: string }>(key.key, 'GET', `/api/v1/pos/orders/${orderReference}`);
    expect(paid.status).toBe('PAID');
    await shop.context.close();
    await customer.context.close();
  });

  it('says why the camera could not be used, and pasting still works', async () => {
    // The plain browser has no camera: NotFoundError on a machine without one (CI), or a refused
    // permission where a real camera would need a prompt that headless Chromium dismisses.
    const messages: Record<string, string> = {
      'no-camera': 'No camera was found on this device. Paste the link instead.',
      denied:
        'Camera access was denied. Allow the camera for this site in the browser’s settings to scan. Paste the link instead.',
    };
    const fresh = await phone(browser);
    await fresh.page.goto(baseUrl());
    await fresh.page.getByTestId('auth-by-qr').click();
    await fresh.page.getByTestId('link-qr').waitFor();
    const url = (await fresh.page.getByTestId('link-url').textContent()) ?? '';

    const owner = await phone(browser);
    await register(owner.page, uniqueUsername('camnone'), 'Nina Nocam');
    await go(owner.page, '/me/devices/link');
    await owner.page.getByTestId('link-scan').click();
    const failure = owner.page.getByTestId('scan-failure');
    await failure.waitFor({ timeout: 10_000 });
    const reason = (await failure.getAttribute('data-failure')) ?? '';
    expect(Object.keys(messages)).toContain(reason);
    expect(await failure.textContent()).toBe(messages[reason]);
    expect(await owner.page.getByTestId('qr-scanner').count()).toBe(0);
    await screenshot(owner.page, '71-camera-failure');

    await owner.page.fill('input[name=link]', url);
    await owner.page.getByTestId('link-open').click();
    await owner.page.getByTestId('link-decline').click();
    await expectText(owner.page, 'link-answer', 'Declined.');
    await fresh.context.close();
    await owner.context.close();
  });

  it("approves a new browser's login by scanning its QR code", async () => {
    const fresh = await phone(browser);
    await fresh.page.goto(baseUrl());
    await fresh.page.getByTestId('auth-by-qr').click();
    const qr = fresh.page.getByTestId('link-qr');
    await qr.waitFor();
    const source = (await qr.getAttribute('src')) ?? '';
    const svg = decodeURIComponent(source.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));

    const camera = await cameraShowing('device-link', qrModulesFromSvg(svg));
    const owner = await cameraPhone(camera);
    await register(owner.page, uniqueUsername('camdev'), 'Vera Verifier');
    await go(owner.page, '/me/devices');
    await owner.page.getByTestId('link-device').click();
    await owner.page.getByTestId('link-scan').click();
    await expectText(owner.page, 'link-device-name', '“Chromium on Linux” wants to log in to your account.');
    await expectJsQrScanStopped(owner.page);
    await owner.page.getByTestId('link-approve').click();
    await expectText(owner.page, 'link-answer', 'The new device is now logged in.');

    await fresh.page.getByTestId('tab-me').waitFor({ timeout: 15_000 });
    await go(fresh.page, '/me');
    await expectText(fresh.page, 'me-name', 'Vera Verifier');
    await fresh.context.close();
    await owner.context.close();
  });
});
