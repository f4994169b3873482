// How well a colour stands out from the background it is drawn on (WCAG's contrast ratio): a chart's
// series colour that does not (charts.orange on a light theme's white) gets an edge that does.
// No DOM here: tested in Node.

/** The least contrast a graphical object needs against what is around it (WCAG 2.1, 1.4.11). */
export const GRAPHICS_CONTRAST = 3;

type Rgba = [number, number, number, number];

/** A CSS colour as VS Code's theme variables give it: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb() or rgba(). */
export function parseColour(text: string): Rgba | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
    const [r, g, b, a = 'ff'] = digits;
    return [parseInt(r!, 16), parseInt(g!, 16), parseInt(b!, 16), parseInt(a, 16) / 255];
  }
  const parts = /^rgba?\(([^)]*)\)$/.exec(value)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number);
  if (parts && (parts.length === 3 || parts.length === 4) && parts.every((part) => Number.isFinite(part))) {
    return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  }
  return undefined;
}

const luminance = ([r, g, b]: Rgba): number => {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};

/** The contrast ratio (1 to 21) of `colour` drawn over `background`; undefined when either cannot be read. */
export function contrastRatio(colour: string, background: string): number | undefined {
  const front = parseColour(colour);
  const back = parseColour(background);
  if (!front || !back) {
    return undefined;
  }
  // A translucent colour shows the background through it.
  const alpha = front[3];
  const over = (i: 0 | 1 | 2) => front[i] * alpha + back[i] * (1 - alpha);
  const [lighter, darker] = [luminance([over(0), over(1), over(2), 1]), luminance(back)].sort((a, b) => b - a);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** Whether `colour` needs an edge to stand out from `background` (one that cannot be read is left as it is). */
export function needsEdge(colour: string, background: string): boolean {
  const ratio = contrastRatio(colour, background);
  return ratio !== undefined && ratio < GRAPHICS_CONTRAST;
}
