export interface BrokenLink {
  page: string;
  reference: string;
  reason: string;
}
export function checkLinks(
  outDir: string,
  base: string,
): Promise<{ broken: BrokenLink[]; checked: number; fragments: number }>;
