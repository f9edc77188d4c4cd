// One shop on the merchant view: its status and static QR code, and for an approved shop its
// payments, payouts and point-of-sale keys.
import { useEffect, useState } from 'preact/hooks';
import { Section } from '../../components/shell';
import { useLoad } from '../../hooks';
import type { MessageKey } from '../../catalogue';
import { useApp } from '../../state';
import type { Merchant } from '../wallet';
import { CopyField, PayErrorText, SvgQr, usePayApi } from '../wallet';
import { PosKeys } from './PosKeys';
import { Payments } from './ShopPayments';
import { Payouts } from './ShopPayouts';

const STATUS: Readonly<Record<Merchant['status'], MessageKey>> = {
  PENDING: 'pay.merchant.status.PENDING',
  APPROVED: 'pay.merchant.status.APPROVED',
  SUSPENDED: 'pay.merchant.status.SUSPENDED',
};

export function Shop({ shop }: { shop: Merchant }) {
  const { t } = useApp();
  const payApi = usePayApi();
  const approved = shop.status === 'APPROVED';
  const code = useLoad(() => (approved ? payApi.merchantStaticCode(shop.id) : Promise.resolve(null)), [shop.id]);
  // A refund lowers the shop balance that the payouts part shows: it reloads on every change.
  const [refunds, setRefunds] = useState(0);
  // Customers pay while the owner looks: payments and balance refresh now and then, and on return.
  const refreshes = useRefreshes(approved);

  return (
    <Section title={`${shop.name} · ${shop.city}`}>
      <div class="padded" data-testid="merchant">
        <p class={approved ? 'success' : 'notice'} data-testid="merchant-status">
          {t(STATUS[shop.status])}
        </p>
        {approved && (
          <div class="code">
            <SvgQr
              load={() => payApi.merchantStaticCodeSvg(shop.id)}
              deps={[shop.id]}
              alt={t('pay.merchant.qrAlt')}
              testId="merchant-qr"
            />
            <p class="muted">{t('pay.merchant.qrExplain')}</p>
          </div>
        )}
      </div>
      {code.data && <CopyField label={t('pay.merchant.payload')} value={code.data.payload} testId="merchant-payload" />}
      <PayErrorText error={code.error} />
      {approved && (
        <Payments shopId={shop.id} refreshes={refreshes} onRefund={() => setRefunds((count) => count + 1)} />
      )}
      {approved && <Payouts shop={shop} changes={refunds + refreshes} />}
      {approved && <PosKeys shopId={shop.id} />}
    </Section>
  );
}

/** How often an open shop page looks for new payments. */
const SHOP_REFRESH_MILLIS = 15_000;

/** A count that rises every {@link SHOP_REFRESH_MILLIS} while the page is visible, and when it shows again. */
function useRefreshes(active: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const bump = () => {
      if (document.visibilityState === 'visible') setCount((previous) => previous + 1);
    };
    const timer = setInterval(bump, SHOP_REFRESH_MILLIS);
    document.addEventListener('visibilitychange', bump);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', bump);
    };
  }, [active]);
  return count;
}
