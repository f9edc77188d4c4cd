// Entry points to the parts of Atrium that are still to come, and Scan (any Atrium code).
import { LinkRow, Screen, Section } from '../../components/shell';
import type { MessageKey } from '../../catalogue';
import { useApp } from '../../state';

const ENTRIES: readonly MessageKey[] = ['discover.moments', 'discover.miniPrograms'];

export function DiscoverScreen() {
  const { t } = useApp();
  return (
    <Screen title={t('discover.title')}>
      <Section>
        {ENTRIES.map((entry) => (
          <div key={entry} class="row" aria-disabled="true">
            <span class="row-main">{t(entry)}</span>
            <span class="row-detail">{t('common.comingSoon')}</span>
          </div>
        ))}
        <LinkRow href="#/discover/scan" label={t('discover.scan')} testId="discover-scan" />
      </Section>
    </Screen>
  );
}
