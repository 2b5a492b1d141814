export interface BenchRow {
  figure: string;
  value: string;
  target?: string;
  pass?: boolean;
}
export const BENCH_CHROMIUM_ARGS: string[];
export function markdownTable(results: { name: string; rows: BenchRow[] }[], when?: Date): string;
export function replaceBenchBlock(readme: string, table: string): string;
