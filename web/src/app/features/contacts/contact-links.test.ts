import { describe, expect, it } from 'vitest';
import { contactLinkTokenOf } from './contact-links';

describe('contactLinkTokenOf', () => {
  it('reads the token of a full link, a path, and ignores a query or fragment', () => {
    expect(contactLinkTokenOf('https://atrium.example/c/q7Zt0xKcV3mN9pLw2R8sYb')).toBe('q7Zt0xKcV3mN9pLw2R8sYb');
    expect(contactLinkTokenOf('  http://127.0.0.1:8080/c/abc_DEF-123/ \n')).toBe('abc_DEF-123');
    expect(contactLinkTokenOf('/c/abcdefgh?from=qr')).toBe('abcdefgh');
  });

  it('refuses other links, bare words and malformed tokens', () => {
    expect(contactLinkTokenOf('https://atrium.example/link/dl_AbCdEfGhIjKlMnOpQr')).toBeNull();
    expect(contactLinkTokenOf('q7Zt0xKcV3mN9pLw2R8sYb')).toBeNull();
    expect(contactLinkTokenOf('https://atrium.example/c/short')).toBeNull();
    expect(contactLinkTokenOf('https://atrium.example/c/abc def gh')).toBeNull();
    expect(contactLinkTokenOf('000201010211262600')).toBeNull();
  });
});
