// Applying for a shop: its name and city (with a Latin form when they are in another script, as
// shop QR codes carry Latin letters only) and its category.
import { useState } from 'preact/hooks';
import { useAction } from '../../hooks';
import { useApp } from '../../state';
import { PayErrorText, usePayApi } from '../wallet';
import { hasLettersWithoutLatinForm } from './latin';
import { categoryCodeOf, MERCHANT_CATEGORIES, OTHER_CATEGORY } from './merchant-categories';

export function ShopApplication({ onApplied }: { onApplied: () => void }) {
  const { t } = useApp();
  const payApi = usePayApi();
  const action = useAction();
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [category, setCategory] = useState(MERCHANT_CATEGORIES[0]!.code);
  const [otherCode, setOtherCode] = useState('');
  const [latinName, setLatinName] = useState('');
  const [latinCity, setLatinCity] = useState('');
  // Shop QR codes carry Latin letters only (EMVCo): a name in another script needs its Latin form.
  const nameNeedsLatin = hasLettersWithoutLatinForm(name);
  const cityNeedsLatin = hasLettersWithoutLatinForm(city);

  const apply = async (event: Event) => {
    event.preventDefault();
    const latin = {
      ...(nameNeedsLatin ? { latinName: latinName.trim() } : {}),
      ...(cityNeedsLatin ? { latinCity: latinCity.trim() } : {}),
    };
    const created = await action.run(() =>
      payApi.applyForMerchant(name.trim(), city.trim(), categoryCodeOf(category, otherCode), latin),
    );
    if (created) {
      setOtherCode('');
      setName('');
      setCity('');
      setLatinName('');
      setLatinCity('');
      onApplied();
    }
  };

  return (
    <form class="form card padded" onSubmit={apply} data-testid="merchant-apply">
      <p class="muted">{t('pay.merchant.applyExplain')}</p>
      <label>
        {t('pay.merchant.name')}
        <input name="shopName" maxLength={25} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('pay.merchant.city')}
        <input name="shopCity" maxLength={15} required value={city} onInput={(e) => setCity(e.currentTarget.value)} />
      </label>
      {nameNeedsLatin && (
        <label>
          {t('pay.merchant.latinName')}
          <input
            name="shopLatinName"
            maxLength={25}
            required
            value={latinName}
            onInput={(e) => setLatinName(e.currentTarget.value)}
          />
          <small>{t('pay.merchant.latinHint')}</small>
        </label>
      )}
      {cityNeedsLatin && (
        <label>
          {t('pay.merchant.latinCity')}
          <input
            name="shopLatinCity"
            maxLength={15}
            required
            value={latinCity}
            onInput={(e) => setLatinCity(e.currentTarget.value)}
          />
        </label>
      )}
      <label>
        {t('pay.merchant.category')}
        <select name="shopCategory" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {MERCHANT_CATEGORIES.map(({ code, label }) => (
            <option key={code} value={code}>
              {t(label)}
            </option>
          ))}
          <option value={OTHER_CATEGORY}>{t('pay.merchant.mcc.other')}</option>
        </select>
        <small>{t('pay.merchant.categoryHint')}</small>
      </label>
      {category === OTHER_CATEGORY && (
        <label>
          {t('pay.merchant.categoryCode')}
          <input
            name="shopCategoryCode"
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            required
            value={otherCode}
            onInput={(e) => setOtherCode(e.currentTarget.value)}
          />
        </label>
      )}
      <PayErrorText error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        {t('pay.merchant.apply')}
      </button>
    </form>
  );
}
