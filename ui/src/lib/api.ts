// Typed wrappers around the Rust IPC commands. All types come from the
// generated bindings; nothing here validates input: the backend owns the rules.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfo,
  CatalogOptions,
  ErrorPayload,
  Event,
  EventInput,
  EventPage,
  EventSearch,
  HistoryEntry,
  Resource,
  ResourceInput,
} from './bindings';

export const api = {
  appInfo: () => invoke<AppInfo>('app_info'),
  catalogOptions: () => invoke<CatalogOptions>('catalog_options'),
  searchEvents: (search: EventSearch) => invoke<EventPage>('events_search', { search }),
  getEvent: (id: number) => invoke<Event>('event_get', { id }),
  createEvent: (input: EventInput) => invoke<Event>('event_create', { input }),
  updateEvent: (id: number, input: EventInput) => invoke<Event>('event_update', { id, input }),
  deleteEvent: (id: number) => invoke<void>('event_delete', { id }),
  duplicateEvent: (id: number) => invoke<Event>('event_duplicate', { id }),
  eventHistory: (id: number) => invoke<HistoryEntry[]>('event_history', { id }),
  addResource: (eventId: number, input: ResourceInput) => invoke<Resource>('resource_add', { eventId, input }),
  removeResource: (id: number) => invoke<void>('resource_remove', { id }),
  openResource: (id: number) => invoke<void>('resource_open', { id }),
  saveResourceCopy: (id: number, destination: string) =>
    invoke<void>('resource_save_copy', { id, destination }),
  loadDemoData: () => invoke<number>('demo_data_load'),
  openExternal: (url: string) => invoke<void>('open_external', { url }),
};

/** Any rejection as an ErrorPayload (IPC failures and JS errors included). */
export function toError(err: unknown): ErrorPayload {
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as Partial<ErrorPayload> & { message: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : 'error',
      message: String(e.message),
      fields: Array.isArray(e.fields) ? e.fields : [],
    };
  }
  return { code: 'error', message: String(err), fields: [] };
}

/** Field name -> message(s), for showing each message next to its input. */
export function fieldMessages(err: ErrorPayload | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of err?.fields ?? []) {
    out[f.field] = out[f.field] ? `${out[f.field]} ${f.message}` : f.message;
  }
  return out;
}
