/** The one list envelope every list answers: the page, how many match, and how it was read. */
export interface Page {
  limit: number;
  offset: number;
}

/** For callers inside the console (pages, exports) that want the whole, small collection. */
export const wholeList: Page = { limit: Number.MAX_SAFE_INTEGER, offset: 0 };

/** A page of a collection small enough to be read whole (ministries, hosts, accounts, frameworks). */
export function pageOf<T>(all: readonly T[], page: Page) {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length, limit: page.limit, offset: page.offset };
}
