// Shared by the wallet screens: the wallet API bound to the session, and error text that
// knows the wallet's refusals.
import { useMemo } from 'preact/hooks';
import { WalletApi } from './wallet-api';
import { useApp } from '../../state';
import { walletErrorMessage } from './wallet-errors';

export function useWalletApi(): WalletApi {
  const { api } = useApp();
  return useMemo(() => new WalletApi(api.client), [api]);
}

export function WalletErrorText({ error }: { error: unknown }) {
  const { t, language } = useApp();
  if (!error) return null;
  return (
    <p class="error" role="alert" data-testid="error">
      {walletErrorMessage(t, language, error)}
    </p>
  );
}

/** Six digits, as the server wants them; `inputMode` brings up the number pad on phones. */
export function PinInput({
  name,
  label,
  value,
  onInput,
}: {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        inputMode="numeric"
        autocomplete="off"
        maxLength={6}
        pattern="[0-9]{6}"
        required
        value={value}
        onInput={(e) => onInput(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      />
    </label>
  );
}

export const isPin = (value: string) => /^\d{6}$/.test(value);
