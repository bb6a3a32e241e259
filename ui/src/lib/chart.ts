/** Average advance of a character of the window's sans-serif font, as a share of the font size. */
const charWidth = 0.6;

/**
 * The width of a chart's label column: wide enough for the longest label at `fontSize` (in the
 * chart's units), never narrower than `min` nor wider than `max`, and how many characters a label
 * may keep in it. Labels are right-aligned against the plot, so a column too narrow would cut them
 * on the left.
 */
export function labelColumn(labels: string[], fontSize: number, min: number, max: number): { width: number; chars: number } {
  const padding = fontSize;
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const width = Math.min(max, Math.max(min, Math.ceil(longest * fontSize * charWidth + padding)));
  return { width, chars: Math.max(4, Math.floor((width - padding) / (fontSize * charWidth))) };
}

/** A label shortened with an ellipsis to at most `chars` characters (the full label goes in a tooltip). */
export function fit(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, chars - 1).trimEnd()}…`;
}
