// The account's own calls: registration, login and logout, password, export and deletion.
import type { ApiClient } from '../../api/client';
import type { LoginInput, RegisterInput, RegistrationInfo, SessionResponse } from '../../api/types';

export class AccountApi {
  constructor(readonly client: ApiClient) {}

  registerAccount(input: RegisterInput): Promise<SessionResponse> {
    const body: Partial<RegisterInput> = { ...input };
    if (!body.inviteCode) delete body.inviteCode;
    return this.client.post('/api/v1/accounts', body);
  }

  /** Whether the server takes new accounts and needs an invite code for them; no login needed. */
  getRegistration(): Promise<RegistrationInfo> {
    return this.client.get('/api/v1/registration');
  }

  login(input: LoginInput): Promise<SessionResponse> {
    return this.client.post('/api/v1/sessions', input);
  }

  logout(): Promise<void> {
    return this.client.delete('/api/v1/sessions/current');
  }

  /** Every other device of the account is logged out; this one stays. */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.client.post('/api/v1/me/password', { currentPassword, newPassword });
  }

  /** Everything the server holds about the account, as the JSON file it sends (no secrets in it). */
  exportAccount(): Promise<Blob> {
    return this.client.blob('/api/v1/me/export');
  }

  /** Erases the account (refused while money or withdrawals are still open); every device is logged out. */
  deleteAccount(password: string): Promise<void> {
    return this.client.delete('/api/v1/me', { password });
  }
}
