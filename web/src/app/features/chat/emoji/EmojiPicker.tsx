// The composer's emoji picker: a bottom sheet with a search box (names in the UI language, else
// English), the recently used emoji of this device, and the categories as tabs that scroll the
// grid. The data loads the first time the sheet opens (its own chunk, see emoji-load.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Sheet } from '../../../components/sheet';
import { useApp } from '../../../state';
import { CATEGORIES, type Category, type PickerEmoji, searchEmoji } from './emoji-data';
import { loadCatalogue } from './emoji-load';
import { readRecent, rememberRecent } from './recent-emoji';

const CATEGORY_KEYS = {
  0: 'emoji.smileys',
  1: 'emoji.people',
  3: 'emoji.nature',
  4: 'emoji.food',
  5: 'emoji.travel',
  6: 'emoji.activities',
  7: 'emoji.objects',
  8: 'emoji.symbols',
  9: 'emoji.flags',
} as const satisfies Record<Category, string>;

/** The first emoji of each category stands for it on its tab. */
const CATEGORY_ICONS: Record<Category, string> = {
  0: '😀',
  1: '👋',
  3: '🐻',
  4: '🍔',
  5: '🚗',
  6: '⚽',
  7: '💡',
  8: '❤️',
  9: '🏁',
};

export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const { t, language } = useApp();
  const [catalogue, setCatalogue] = useState<PickerEmoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState(readRecent);
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    loadCatalogue(language).then(
      (loaded) => live && setCatalogue(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [language]);
  const found = useMemo(() => (catalogue ? searchEmoji(catalogue, query) : []), [catalogue, query]);
  const names = useMemo(() => new Map(catalogue?.map((emoji) => [emoji.unicode, emoji.name])), [catalogue]);
  const pick = (unicode: string) => {
    setRecent(rememberRecent(unicode));
    onPick(unicode);
  };
  const button = (unicode: string, name = names.get(unicode) ?? unicode) => (
    <button
      key={unicode}
      type="button"
      class="emoji-cell"
      title={name}
      aria-label={name}
      data-testid="emoji-option"
      data-name={name}
      onClick={() => pick(unicode)}
    >
      {unicode}
    </button>
  );
  return (
    <Sheet title={t('emoji.title')} onClose={onClose} testId="emoji-picker">
      <input
        type="search"
        class="emoji-search"
        value={query}
        aria-label={t('emoji.search')}
        placeholder={t('emoji.search')}
        data-testid="emoji-search"
        onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
      />
      {!query && catalogue && (
        <nav class="emoji-tabs" aria-label={t('emoji.categories')}>
          {CATEGORIES.map((group) => (
            <button
              key={group}
              type="button"
              class="emoji-tab"
              title={t(CATEGORY_KEYS[group])}
              aria-label={t(CATEGORY_KEYS[group])}
              onClick={() => grid.current?.querySelector(`#emoji-group-${group}`)?.scrollIntoView({ block: 'start' })}
            >
              {CATEGORY_ICONS[group]}
            </button>
          ))}
        </nav>
      )}
      <div class="emoji-grid-scroll" ref={grid} data-testid="emoji-grid">
        {failed && <p class="error">{t('emoji.loadFailed')}</p>}
        {!failed && !catalogue && <p class="muted">{t('emoji.loading')}</p>}
        {catalogue && query && (
          <>
            {found.length === 0 && <p class="muted">{t('emoji.none')}</p>}
            <div class="emoji-grid">{found.map((emoji) => button(emoji.unicode, emoji.name))}</div>
          </>
        )}
        {catalogue && !query && (
          <>
            {recent.length > 0 && (
              <section aria-label={t('emoji.recent')}>
                <h3 class="emoji-heading">{t('emoji.recent')}</h3>
                <div class="emoji-grid" data-testid="emoji-recent">
                  {recent.map((unicode) => button(unicode))}
                </div>
              </section>
            )}
            {CATEGORIES.map((group) => (
              <section key={group} id={`emoji-group-${group}`} aria-label={t(CATEGORY_KEYS[group])}>
                <h3 class="emoji-heading">{t(CATEGORY_KEYS[group])}</h3>
                <div class="emoji-grid">
                  {catalogue.filter((emoji) => emoji.group === group).map((emoji) => button(emoji.unicode, emoji.name))}
                </div>
              </section>
            ))}
          </>
        )}
      </div>
    </Sheet>
  );
}
