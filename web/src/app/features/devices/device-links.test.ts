import { describe, expect, it } from 'vitest';
import { deviceLinkCodeOf } from './device-links';

const CODE = 'dl_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';

describe('deviceLinkCodeOf', () => {
  it('finds the code in a link, a hash route or on its own', () => {
    expect(deviceLinkCodeOf(`https://atrium.example/link/${CODE}`)).toBe(CODE);
    expect(deviceLinkCodeOf(`  http://127.0.0.1:8080/link/${CODE}/ `)).toBe(CODE);
    expect(deviceLinkCodeOf(`https://atrium.example/#/link/${CODE}`)).toBe(CODE);
    expect(deviceLinkCodeOf(CODE)).toBe(CODE);
  });

  it('finds none in other links and text', () => {
    expect(deviceLinkCodeOf('https://atrium.example/c/ct_abcdefghijklmnopqrstuvwxyz')).toBeNull();
    expect(deviceLinkCodeOf('hello')).toBeNull();
    expect(deviceLinkCodeOf('https://evil.example/link/dl_short')).toBeNull();
  });
});
