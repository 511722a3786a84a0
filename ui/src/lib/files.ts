// Files come from the app, never from the page: the app shows the open and
// save dialogs and hands back a single-use token for the chosen file, and
// files dropped on the window arrive as tokens in a `files-dropped` event.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { PickedFile } from './bindings';

/** Calls `handler` with the files dropped on the window (as tokens). */
export function onFilesDropped(handler: (files: PickedFile[]) => void): Promise<UnlistenFn> {
  return listen<PickedFile[]>('files-dropped', (event) => handler(event.payload));
}
