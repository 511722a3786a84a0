// The screens not shown at start, in their own chunk: the window paints the
// dashboard (or "Who am I") without parsing them, and App loads this chunk
// right after it mounts.
export { default as EventList } from './features/events/EventList.svelte';
export { default as EventView } from './features/events/EventView.svelte';
export { default as EventForm } from './features/events/EventForm.svelte';
export { default as Directory } from './features/directory/Directory.svelte';
export { default as OrgView } from './features/directory/OrgView.svelte';
export { default as OrgForm } from './features/directory/OrgForm.svelte';
export { default as PersonView } from './features/directory/PersonView.svelte';
export { default as PersonForm } from './features/directory/PersonForm.svelte';
export { default as PositionForm } from './features/directory/PositionForm.svelte';
export { default as Credits } from './features/credits/Credits.svelte';
export { default as CreditForm } from './features/credits/CreditForm.svelte';
export { default as Certification } from './features/certification/Certification.svelte';
export { default as Plans } from './features/plans/Plans.svelte';
export { default as Backups } from './features/backups/Backups.svelte';
