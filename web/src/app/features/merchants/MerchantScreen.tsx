// The merchant view: apply for a shop, and once the operator approved it, its static QR code to
// receive payments. The owner works with their own session: payments and the statement (CSV),
// refunds (PIN), payouts of the shop balance to its IBAN (PIN), and the point-of-sale keys that
// tills use for the POS API (created here, the secret shown once; revoked here). Each part of a
// shop is a component of its own: Shop.tsx, ShopPayments.tsx, ShopPayouts.tsx, PosKeys.tsx.
import { useState } from 'preact/hooks';
import { Loading, Screen } from '../../components/shell';
import { useLoad } from '../../hooks';
import { useApp } from '../../state';
import { PayErrorText, usePayApi } from '../wallet';
import { Shop } from './Shop';
import { ShopApplication } from './ShopApplication';

export function MerchantScreen() {
  const { t } = useApp();
  const payApi = usePayApi();
  const shops = useLoad(() => payApi.listMyMerchants());
  // Once the person has a shop, applying for another is one tap away instead of a full form.
  const [applyingAnother, setApplyingAnother] = useState(false);
  const hasShop = (shops.data?.items.length ?? 0) > 0;

  return (
    <Screen title={t('pay.merchant.title')} back="/me/wallet">
      <PayErrorText error={shops.error} />
      {shops.loading && !shops.data && <Loading />}
      {shops.data?.items.map((shop) => (
        <Shop key={shop.id} shop={shop} />
      ))}
      {hasShop && !applyingAnother && (
        <button
          type="button"
          class="link"
          data-testid="merchant-apply-another"
          onClick={() => setApplyingAnother(true)}
        >
          {t('pay.merchant.applyAnother')}
        </button>
      )}
      {shops.data && (!hasShop || applyingAnother) && (
        <ShopApplication
          onApplied={() => {
            setApplyingAnother(false);
            shops.reload();
          }}
        />
      )}
    </Screen>
  );
}
