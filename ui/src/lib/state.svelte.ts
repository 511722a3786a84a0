// App-wide state: the current screen, the catalog options, and the list's
// search (kept while the user visits events, so "Back" returns to it).
import type { AppInfo, CatalogOptions, SortOrder } from './bindings';
import { api } from './api';

export type Route =
  | { name: 'list' }
  | { name: 'event'; id: number }
  | { name: 'new' }
  | { name: 'edit'; id: number };

export const app = $state({
  route: { name: 'list' } as Route,
  info: null as AppInfo | null,
  options: null as CatalogOptions | null,
  notice: '',
  loadError: '',
});

export const listSearch = $state({
  text: '',
  from: '',
  to: '',
  allDates: false,
  eventType: '',
  category: '',
  delivery: '',
  sort: 'newest' as SortOrder,
  offset: 0,
  /** The filters of the last search, to restart paging when they change. */
  lastKey: '',
});

export function navigate(route: Route): void {
  app.route = route;
  window.scrollTo(0, 0);
  document.querySelector('main')?.scrollTo(0, 0);
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** A short confirmation ("Event saved") shown in a polite live region. */
export function notify(message: string): void {
  app.notice = message;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (app.notice = ''), 3500);
}

export async function refreshInfo(): Promise<void> {
  try {
    app.info = await api.appInfo();
  } catch {
    // The list still works; the empty state simply isn't offered.
  }
}
