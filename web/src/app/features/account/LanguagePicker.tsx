// Choose the interface language; when logged in it is also saved to the profile.
import type { Language } from '../../api/types';
import { ErrorText } from '../../components/shell';
import { useAction } from '../../hooks';
import { type MessageKey } from '../../catalogue';
import { LANGUAGES } from '../../i18n/i18n';
import { useApp } from '../../state';

export function LanguagePicker() {
  const { t, language, setLanguage } = useApp();
  const action = useAction();
  return (
    <label class="language-picker">
      {t('me.language')}
      <select
        data-testid="language"
        value={language}
        onChange={(e) => void action.run(() => setLanguage(e.currentTarget.value as Language))}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}` as MessageKey)}
          </option>
        ))}
      </select>
      <ErrorText error={action.error} />
    </label>
  );
}
