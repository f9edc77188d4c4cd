// Helpers the features' API calls share: path segments and cursor-paged lists.
import type { ApiClient } from './client';

/** Pages are followed up to this many, so a list never loops without end. */
const PAGES_MAX = 20;
const PAGE_ROWS = 200;

/** One path segment, encoded so a value (a username, an id) cannot change the path. */
export const segment = (value: string) => encodeURIComponent(value);

/** Every item of a cursor-paged list: follows `nextCursor`, at most PAGES_MAX pages. */
export async function allPages<T>(client: ApiClient, path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < PAGES_MAX; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const cursor = after ? `&after=${segment(after)}` : '';
    const body = await client.get<Record<string, unknown>>(`${path}${separator}limit=${PAGE_ROWS}${cursor}`);
    items.push(...((body[key] as T[] | undefined) ?? []));
    after = typeof body.nextCursor === 'string' ? body.nextCursor : undefined;
    if (!after) break;
  }
  return items;
}
