// Searching as the user types: the text settles (`debounced`), and only the
// newest request's answer is shown (`LatestRequest`: `loading` while it runs,
// its failure in `error`).
import { untrack } from 'svelte';
import { toError } from '../api';

export class LatestRequest {
  loading = $state(false);
  error = $state('');
  private seq = 0;

  /** Runs `load`; `apply` gets its answer unless a newer run started meanwhile. */
  async run<T>(load: () => Promise<T>, apply: (result: T) => void): Promise<void> {
    const mine = ++this.seq;
    this.loading = true;
    try {
      const result = await load();
      if (mine !== this.seq) return;
      apply(result);
      this.error = '';
    } catch (err) {
      if (mine !== this.seq) return;
      this.error = toError(err).message;
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }
}

/** `read()`, settled: it follows ~`ms` after the last change (search as you type); set it to settle at once. */
export function debounced(read: () => string, ms: number): { value: string } {
  let value = $state(untrack(read));
  $effect(() => {
    const next = read();
    const timer = setTimeout(() => (value = next), ms);
    return () => clearTimeout(timer);
  });
  return {
    get value() {
      return value;
    },
    set value(now: string) {
      value = now;
    },
  };
}
