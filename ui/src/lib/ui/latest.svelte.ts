// A search that reruns as the user types: only the newest request's answer is
// shown, `loading` while it runs, its failure in `error`.
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
