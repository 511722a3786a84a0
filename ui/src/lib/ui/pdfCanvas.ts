//! Canvas limits for the PDF viewer: a page is drawn at the viewer's width
//! times the screen's pixel ratio, but never beyond what WebKit will allocate
//! (a huge page would give a blank canvas or exhaust memory), so big pages are
//! drawn at a lower resolution and stretched by CSS instead.

/** No canvas side longer than this, in device pixels. */
export const MAX_CANVAS_SIDE = 4096;
/** No canvas with more pixels than this (about 32 MB of RGBA). */
export const MAX_CANVAS_PIXELS = 8_388_608;

/**
 * The scale to draw a page of `pageWidth` x `pageHeight` (PDF points) at, so
 * it fills `cssWidth` CSS pixels at `ratio` device pixels each, scaled down
 * to stay inside both limits.
 */
export function canvasScale(pageWidth: number, pageHeight: number, cssWidth: number, ratio: number): number {
  const wanted = (cssWidth / pageWidth) * ratio;
  const width = pageWidth * wanted;
  const height = pageHeight * wanted;
  const fit = Math.min(1, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
  return wanted * fit;
}
