import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { bankTransfersOffered } from './bank';

describe('bankTransfersOffered', () => {
  it('is true when the server gives top-up details', async () => {
    expect(await bankTransfersOffered(async () => ({ iban: 'DE02100100100006820101' }))).toBe(true);
  });

  it('is false when the server has no bank account set up', async () => {
    const refused = new ApiError(409, 'sepa_not_configured', 'Bank transfers are not set up on this server.');
    expect(
      await bankTransfersOffered(async () => {
        throw refused;
      }),
    ).toBe(false);
  });

  it('stays true on other failures, so being offline hides nothing', async () => {
    expect(
      await bankTransfersOffered(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBe(true);
    expect(
      await bankTransfersOffered(async () => {
        throw new ApiError(503, 'unavailable', 'later');
      }),
    ).toBe(true);
  });
});
