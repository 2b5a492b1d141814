/**
 * Just enough of the source map v3 format to turn a position in a compiled
 * run script back into a position in the reader's snippet.
 */

/** The fields of a source map this module reads. */
export interface SourceMapData {
  sources: string[];
  mappings: string;
}

/** A position in one of the map's sources: 0-based line and column. */
export interface SourcePosition {
  source: string;
  line: number;
  column: number;
}

/** One decoded segment: generated column, then source index, line, column. */
type Segment = [number, number, number, number];

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const digitOf = new Map([...base64].map((char, index) => [char, index]));

/** The base64 VLQ numbers in one segment's text, e.g. "AAgBC" → [0, 0, 16, 1]. */
export function vlqDecode(text: string): number[] {
  const numbers: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = digitOf.get(char);
    if (digit === undefined) throw new Error(`"${char}" is not a base64 VLQ digit`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    numbers.push(value % 2 === 1 ? -Math.floor(value / 2) : value / 2);
    value = 0;
    shift = 0;
  }
  return numbers;
}

/** Each generated line's segments, with the deltas already summed. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let generated = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const fields = vlqDecode(segmentText);
      generated += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1] ?? 0;
      line += fields[2] ?? 0;
      column += fields[3] ?? 0;
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The source position the code at generated `line` and `column` (both
 * 0-based) came from: the last mapped segment at or before that column, or
 * the line's first segment when the position lies before all of them.
 * Null when the line has no mapping.
 */
export function originalPositionFor(
  map: SourceMapData,
  decoded: Segment[][],
  line: number,
  column: number,
): SourcePosition | null {
  const segments = decoded[line];
  if (!segments || segments.length === 0) return null;
  let found: Segment = segments[0]!;
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  const source = map.sources[found[1]];
  if (source === undefined) return null;
  return { source, line: found[2], column: found[3] };
}
