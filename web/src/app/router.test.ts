import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptContactLinkPath } from './router';

function openAt(pathname: string) {
  const replaced: string[] = [];
  vi.stubGlobal('location', { pathname, hash: '' });
  vi.stubGlobal('history', { replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url) });
  adoptContactLinkPath();
  return replaced;
}

describe('link paths opened in the browser', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns /link/<code> into the device-link route, like /c/<token>', () => {
    expect(openAt('/link/dl_AbCdEfGhIjKlMnOpQrStUv')).toEqual(['/#/link/dl_AbCdEfGhIjKlMnOpQrStUv']);
    expect(openAt('/c/ct_AbCdEfGhIjKl/')).toEqual(['/#/c/ct_AbCdEfGhIjKl']);
  });

  it('leaves other paths alone', () => {
    expect(openAt('/')).toEqual([]);
    expect(openAt('/link/')).toEqual([]);
    expect(openAt('/linked/dl_AbCdEfGhIjKlMnOpQrStUv')).toEqual([]);
  });
});
