// App-wide state: the current screen, the pick lists, the tracks, the event
// form's options, and the searches (kept while the user visits records, so "Back" returns to them).
import type { AppInfo, CatalogOptions, Person, PickLists, SortOrder, Track } from './bindings';
import { api } from './api';

export type Route =
  | { name: 'dashboard' }
  /** Who am I: pick or create the person whose credits this desk keeps. */
  | { name: 'whoami' }
  | { name: 'credits' }
  | { name: 'credit-new' }
  | { name: 'certification' }
  /** The Strategic Track: the professional development plan and self-directed learning. */
  | { name: 'plans' }
  /** Backups: make one, automatic backups, restore. */
  | { name: 'backups' }
  | { name: 'list' }
  | { name: 'event'; id: number }
  | { name: 'new' }
  | { name: 'edit'; id: number }
  | { name: 'directory' }
  | { name: 'org'; id: number }
  | { name: 'org-new' }
  | { name: 'org-edit'; id: number }
  | { name: 'person'; id: number }
  | { name: 'person-new' }
  | { name: 'person-edit'; id: number }
  /** A new position; `orgId` or `personId` fixes that side. `back` is where Save and Cancel return. */
  | { name: 'position-new'; orgId: number | null; personId: number | null; back: Route }
  | { name: 'position-edit'; id: number; back: Route };

const DIRECTORY_ROUTES = new Set<Route['name']>([
  'directory',
  'org',
  'org-new',
  'org-edit',
  'person',
  'person-new',
  'person-edit',
  'position-new',
  'position-edit',
]);

/** The record a form's route edits ("edit", "org-edit"), or null for a new one ("new", "org-new"). */
export function editedId(route: Route): number | null {
  return 'id' in route ? route.id : null;
}

/** Whether a screen belongs to the Directory (else to Events). */
export function inDirectory(route: Route): boolean {
  return DIRECTORY_ROUTES.has(route.name);
}

export type Section = 'dashboard' | 'events' | 'credits' | 'certification' | 'plans' | 'directory' | 'backups';

/** The sidebar entry a screen belongs to. */
export function sectionOf(route: Route): Section {
  if (inDirectory(route)) return 'directory';
  switch (route.name) {
    case 'dashboard':
    case 'whoami':
      return 'dashboard';
    case 'credits':
    case 'credit-new':
      return 'credits';
    case 'certification':
      return 'certification';
    case 'plans':
      return 'plans';
    case 'backups':
      return 'backups';
    default:
      return 'events';
  }
}

export const app = $state({
  route: { name: 'dashboard' } as Route,
  info: null as AppInfo | null,
  /** The certification tracks and their rules. */
  tracks: null as Track[] | null,
  /** Whose credits the desk shows (null until "Who am I" is answered). */
  person: null as Person | null,
  /** Eligibility warnings of the entry just saved, shown on the ledger. */
  creditWarnings: [] as string[],
  /** Every pick list, from the backend's vocabularies. */
  lists: null as PickLists | null,
  options: null as CatalogOptions | null,
  notice: '',
  loadError: '',
});

/** The event list's filters narrowing nothing: where it starts and "Clear filters" returns. */
const NO_LIST_FILTERS = {
  text: '',
  from: '',
  to: '',
  allDates: false,
  eventType: '',
  category: '',
  delivery: '',
};

export const listSearch = $state({
  ...NO_LIST_FILTERS,
  /** Best match for a text search; browsing is newest first either way. */
  sort: 'relevance' as SortOrder,
  offset: 0,
  /** The filters of the last search, to restart paging when they change. */
  lastKey: '',
});

export const clearListFilters = () => Object.assign(listSearch, NO_LIST_FILTERS);

const NO_DIRECTORY_FILTERS = {
  text: '',
  federation: '',
  orgType: '',
  positionType: '',
  includeInactive: false,
};

export const directorySearch = $state({ ...NO_DIRECTORY_FILTERS });

export const clearDirectoryFilters = () => Object.assign(directorySearch, NO_DIRECTORY_FILTERS);

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

/** "Whitfield, Anna", the way the directory lists people. */
export function personName(p: Person): string {
  return p.display_name;
}

/** Today in Montana ("2026-11-29"), as the backend says: the default of date inputs. */
export function today(): string {
  return app.info?.today ?? '';
}

export async function refreshInfo(): Promise<void> {
  try {
    app.info = await api.appInfo();
  } catch {
    // The list still works; the empty state simply isn't offered.
  }
}
