// One action at a time on a screen (delete, verify, upload…): `busy` while it
// runs, and its refusal in plain words in `error`, shown at the top.
import { plainMessage, toError } from '../api';
import type { ErrorPayload } from '../bindings';

export class Action {
  busy = $state(false);
  error = $state('');
  readonly describe: (err: ErrorPayload) => string;

  /** `describe` words a refusal: by default its field messages, else its message. */
  constructor(describe: (err: ErrorPayload) => string = plainMessage) {
    this.describe = describe;
  }

  /**
   * Runs `work` unless another action is running; a refusal lands in `error`,
   * or goes to `refused` when given (to say it in a dialog, say).
   */
  run = async (work: () => Promise<void>, refused?: (err: ErrorPayload) => void): Promise<void> => {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await work();
    } catch (err) {
      if (refused) refused(toError(err));
      else this.error = this.describe(toError(err));
    } finally {
      this.busy = false;
    }
  };
}
