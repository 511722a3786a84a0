// Which enrollment a screen shows first: the newest (by start date, then id),
// of one track when `track` is given.
import type { Enrollment } from '../../lib/bindings';

export function newestEnrollment(list: Enrollment[], track?: string): Enrollment | null {
  const candidates = track ? list.filter((e) => e.track_code === track) : list;
  return [...candidates].sort((a, b) => b.start_date.localeCompare(a.start_date) || b.id - a.id)[0] ?? null;
}
