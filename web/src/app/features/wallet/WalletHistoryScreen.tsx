// The wallet's statement, newest first, a page at a time ("Load more" follows the server's
// cursor), and the CSV export.
import { useEffect, useState } from 'preact/hooks';
import type { StatementLine } from './wallet-api';
import { Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApp } from '../../state';
import type { MessageKey } from '../../catalogue';
import { en } from './strings';
import { formatCents, formatSignedCents } from './money';
import { statementMemo } from './statement-memo';
import { statementParty } from './statement-party';
import { useWalletApi, WalletErrorText } from './common';

/** The label of a posting kind; kinds this client does not know yet show as "Other". */
function kindKey(kind: string): MessageKey {
  const key = `wallet.kind.${kind}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : 'wallet.kind.other';
}

export function WalletHistoryScreen() {
  const { api, t, language } = useApp();
  const walletApi = useWalletApi();
  // The names of the people chat payments went to or came from: the contacts this device knows.
  const contacts = useLoad(() => api.listContacts().catch(() => []));
  const names = new Map((contacts.data ?? []).map((contact) => [contact.account.id, contact.account.displayName]));
  const [lines, setLines] = useState<StatementLine[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const page = useAction();
  const download = useAction();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const load = async (before?: number) => {
    const result = await page.run(() => walletApi.getStatement(before));
    if (!result) return;
    // Entry numbers are unique per account, so a page fetched twice adds nothing twice.
    setLines((previous) => {
      const seen = new Set(previous.map((line) => line.entry));
      return [...previous, ...result.lines.filter((line) => !seen.has(line.entry))];
    });
    setNextBefore(result.nextBefore ?? null);
    setLoaded(true);
  };

  useEffect(() => void load(), []);

  const exportCsv = () =>
    download.run(async () => {
      const url = URL.createObjectURL(await walletApi.exportStatementCsv());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'atrium-wallet-statement.csv';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <Screen title={t('wallet.history')} back="/me/wallet">
      <WalletErrorText error={page.error ?? download.error} />
      <Section>
        {!loaded && page.busy && <Loading />}
        {loaded && lines.length === 0 && <p class="empty">{t('wallet.historyEmpty')}</p>}
        <ul class="list" data-testid="statement">
          {lines.map((line) => {
            const party = statementParty(line, names, t);
            return (
              <li key={line.entry} class="row" data-testid="statement-line">
                <span class="row-main">
                  {party ? <span data-testid="statement-party">{party}</span> : t(kindKey(line.kind))}
                  <small class="muted">
                    {party ? `${t(kindKey(line.kind))} · ` : ''}
                    {date.format(new Date(line.createdAt))}
                    {line.memo ? ` · ${statementMemo(line, t)}` : ''}
                  </small>
                </span>
                <span class="row-main wallet-amount">
                  <span class={line.amountCents > 0 ? 'success' : undefined} data-testid="statement-amount">
                    {formatSignedCents(line.amountCents, language)}
                  </span>
                  <small class="muted">
                    {t('wallet.balanceAfter', { balance: formatCents(line.balanceAfterCents, language) })}
                  </small>
                </span>
              </li>
            );
          })}
        </ul>
      </Section>
      {nextBefore !== null && (
        <button
          type="button"
          class="block"
          data-testid="statement-more"
          disabled={page.busy}
          onClick={() => void load(nextBefore)}
        >
          {t('wallet.loadMore')}
        </button>
      )}
      {loaded && lines.length > 0 && (
        <button
          type="button"
          class="block"
          data-testid="statement-csv"
          disabled={download.busy}
          onClick={() => void exportCsv()}
        >
          {t('wallet.exportCsv')}
        </button>
      )}
    </Screen>
  );
}
