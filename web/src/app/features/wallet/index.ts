// What the wallet offers other features (architecture.test.ts lets them import nothing else of
// it): payment cards, the payment sheet and the payload of payment messages for chats; PIN,
// amounts, IBANs, idempotency keys, the merchant calls and their error text for merchants; the
// EMVCo parser for Discover → Scan.
export { WithdrawalRow } from './WalletWithdrawScreen';
export { PaymentCard } from './chat/payment-cards';
export { PaymentSheet } from './chat/payment-composer';
export type { PaymentMode } from './chat/payment-composer';
export { cleanPaymentRef, isPaymentRef, localisedPreview, paymentPreview } from './chat/payment-message';
export type { PaymentRef } from './chat/payment-message';
export { PinInput, isPin } from './common';
export { EmvcoError, readMerchantCode } from './emvco';
export { formatIban, isValidIban, normaliseIban } from './iban';
export { IdempotentAction } from './idempotency';
export { formatCents, parseCents } from './money';
export type { ApiKey, Merchant, MerchantPayment, Withdrawal } from './pay-api';
export { CopyField, PayErrorText, SvgQr, usePayApi } from './pay-common';
