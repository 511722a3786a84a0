// The one form helper: field messages from a refusal, the ids that tie a
// label, its input, hint and message together, and the save step every form
// takes (one save at a time; on a refusal the summary takes focus).
import { tick } from 'svelte';
import { fieldMessages, toError } from '../api';
import type { ErrorPayload } from '../bindings';
import { navigate, notify, type Route } from '../state.svelte';

export type FormSetup = {
  /** Starts every id: "org" gives "org-f-name" (input) and "org-err-name" (message). */
  prefix: string;
  /** What was not saved, for the summary: "organization", "credit entry", … */
  what: string;
  /** The summary's name for a field; fields not listed keep their key. */
  labels?: Record<string, string>;
  /** Names for fields the table cannot hold ("goals[1].objective"); undefined falls back. */
  labelOf?: (field: string) => string | undefined;
  /** The input of a field whose id is not prefix-f-field; undefined falls back. */
  inputId?: (field: string) => string | undefined;
  /** Starts the message's data-testid ("activity-" gives "activity-error-title"). */
  testPrefix?: string;
};

/** The attributes that tie an input to its label and message (spread on the input). */
export type InputAttrs = {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
  'aria-required'?: 'true' | undefined;
};

export class FormState {
  error = $state<ErrorPayload | null>(null);
  saving = $state(false);
  /** The record is loaded (or the form is new), and the form can show. */
  loaded = $state(false);
  loadError = $state('');
  /** The error summary, focused after a refusal. */
  summary = $state<HTMLDivElement | undefined>();
  readonly errors = $derived(fieldMessages(this.error));
  readonly setup: FormSetup;

  constructor(setup: FormSetup) {
    this.setup = setup;
  }

  labelOf = (field: string): string => this.setup.labelOf?.(field) ?? this.setup.labels?.[field] ?? field;
  inputId = (field: string): string => this.setup.inputId?.(field) ?? `${this.setup.prefix}-f-${field}`;
  errId = (field: string): string => `${this.setup.prefix}-err-${field.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  errorTestId = (field: string): string => `${this.setup.testPrefix ?? ''}error-${field}`;

  /** The attributes of a field's input; `message` overrides the field's own. */
  attrs(field: string, hintId?: string, message?: string, id?: string): InputAttrs {
    const shown = message ?? this.errors[field];
    const ids = [hintId, shown ? this.errId(field) : undefined].filter(Boolean);
    return {
      id: id ?? this.inputId(field),
      'aria-invalid': shown ? 'true' : undefined,
      'aria-describedby': ids.length ? ids.join(' ') : undefined,
    };
  }

  /** Fills the form (from the record being edited, or defaults), then focuses its first input. */
  async open(fill: () => Promise<void> | void, first: () => HTMLElement | undefined): Promise<void> {
    try {
      await fill();
      this.loaded = true;
    } catch (err) {
      this.loadError = toError(err).message;
      return;
    }
    await tick();
    first()?.focus();
  }

  /** Shows a refusal found before saving (or returned by it) and focuses the summary. */
  async refuse(error: ErrorPayload): Promise<void> {
    this.error = error;
    await tick();
    this.summary?.focus();
  }

  /** Runs one save: ignored while another runs; a refusal lands in `error`. */
  async save(work: () => Promise<void>): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    this.error = null;
    try {
      await work();
    } catch (err) {
      await this.refuse(toError(err));
    } finally {
      this.saving = false;
    }
  }
}

/**
 * Where an add-or-edit form of a record leads: Cancel returns to the record
 * (to its list when it is new), a save opens the saved record, and a form
 * that could not load offers the way back to the list.
 */
export class RecordPages {
  constructor(
    /** The record edited, or null for a new one (read when needed: a prop). */
    private readonly id: () => number | null,
    private readonly list: { route: Route; label: string },
    private readonly show: (id: number) => Route,
  ) {}

  get isNew(): boolean {
    return this.id() === null;
  }

  /** "Back to directory", after a load failure. */
  get back(): { label: string; go: () => void } {
    return { label: this.list.label, go: () => navigate(this.list.route) };
  }

  cancel = (): void => {
    const id = this.id();
    navigate(id === null ? this.list.route : this.show(id));
  };

  /**
   * Creates the record, or updates the one edited; then says what was saved
   * (`created`, "Organization created.", or "Changes saved.") and opens it.
   */
  async save<I>(
    input: I,
    create: (input: I) => Promise<{ id: number }>,
    update: (id: number, input: I) => Promise<{ id: number }>,
    created: string,
  ): Promise<void> {
    const id = this.id();
    const saved = id === null ? await create(input) : await update(id, input);
    notify(id === null ? created : 'Changes saved.');
    navigate(this.show(saved.id));
  }
}

/** A form's field messages, refused before anything is sent. */
export function refusal(fields: { field: string; message: string }[]): ErrorPayload {
  return { code: 'invalid', message: '', fields };
}

/**
 * Fills a form's values from the record being edited: each value takes the
 * record's field of the same name, an empty optional text ('' for null).
 */
export function fillValues<V extends Record<string, unknown>>(values: V, record: { [K in keyof V]: V[K] | null }): void {
  for (const key of Object.keys(values) as (keyof V)[]) {
    values[key] = (record[key] ?? '') as V[keyof V];
  }
}

/** Empty text as null, for optional inputs. */
export const orNull = (text: string): string | null => (text.trim() === '' ? null : text);

/** A number input's value, or null when it holds no number. */
export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value == null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  const n = Number(text);
  return text && Number.isFinite(n) ? n : null;
}

/** Moves focus to an element by its data-testid once the DOM has caught up. */
export async function focusTestId(testId: string): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
}
