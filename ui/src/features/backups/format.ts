// How backup times are shown: the backend sends RFC 3339 instants (UTC).

/** "Nov 30, 2026, 10:53 AM" in the computer's zone, or the text as given. */
export function formatInstant(rfc3339: string): string {
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return rfc3339;
  return at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
