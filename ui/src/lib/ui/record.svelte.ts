// A record's page (an event, an organization, a person): the record and its
// page history, loaded together and loaded again after a change; `error` says
// why they could not be (RecordPage shows it).
import { toError } from '../api';
import type { HistoryEntry } from '../bindings';

export class RecordLoad<T> {
  value = $state<T | null>(null);
  history = $state<HistoryEntry[]>([]);
  error = $state('');
  readonly fetch: () => Promise<[T, HistoryEntry[]]>;

  /** `fetch` reads the record and its history, e.g. with `Promise.all`. */
  constructor(fetch: () => Promise<[T, HistoryEntry[]]>) {
    this.fetch = fetch;
  }

  load = async (): Promise<void> => {
    try {
      const [value, history] = await this.fetch();
      this.value = value;
      this.history = history;
      this.error = '';
    } catch (err) {
      this.error = toError(err).message;
    }
  };
}
