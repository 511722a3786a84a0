// Small display helpers. Dates shown to the user come from the backend's
// display strings; only the search window's first day is formatted here.

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 event", "2,000 events": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "2022-11-29" -> "Nov 29, 2022" (no time zone shift). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

export function formatBytes(bytes: number | null): string {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export type Piece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };
export type Paragraph = Piece[][]; // lines of pieces

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}>'"]+$/;

/** Splits a line into text and link pieces; trailing punctuation stays text. */
export function linkify(line: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_RE)) {
    let url = match[0];
    const start = match.index ?? 0;
    const trail = TRAILING.exec(url);
    if (trail) {
      // Keep a closing parenthesis that belongs to the URL, e.g. wiki links.
      let cut = trail[0];
      if (cut.startsWith(')') && url.includes('(')) cut = cut.slice(1);
      url = url.slice(0, url.length - cut.length);
    }
    if (!url || /^(https?:\/\/|www\.)$/i.test(url)) continue;
    if (start > last) pieces.push({ kind: 'text', text: line.slice(last, start) });
    const href = /^www\./i.test(url) ? `https://${url}` : url;
    pieces.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < line.length) pieces.push({ kind: 'text', text: line.slice(last) });
  return pieces;
}

/** Paragraphs split on blank lines; each paragraph a list of lines. */
export function paragraphs(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map(linkify));
}
