// The bank and shop payment screens in the wallet, for the wallet's route table.
import type { JSX } from 'preact';
import { ScanPayScreen } from './ScanPayScreen';
import { WalletBankTopUpScreen } from './WalletBankTopUpScreen';
import { WalletPaymentCodeScreen } from './WalletPaymentCodeScreen';
import { WalletWithdrawScreen } from './WalletWithdrawScreen';

export const PAY_SCREENS: Record<string, () => JSX.Element> = {
  '/me/wallet/bank-top-up': WalletBankTopUpScreen,
  '/me/wallet/withdraw': WalletWithdrawScreen,
  '/me/wallet/payment-code': WalletPaymentCodeScreen,
  '/me/wallet/scan': ScanPayScreen,
};
