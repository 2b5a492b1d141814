import type { Browser } from "playwright-core";

export const JS_BUDGET_BYTES: number;
export function gzipBytesOf(url: string, siteUrl: string, outDir: string): Promise<number>;
export function scriptBytesBeforeInteraction(
  browser: Browser,
  url: string,
  siteUrl: string,
  outDir: string,
): Promise<{ bytes: number; files: number }>;
export function readsWithoutJavaScript(
  browser: Browser,
  url: string,
): Promise<{
  readable: boolean;
  title: string;
  words: number;
  snippetsWithoutCode: number;
  placeholders: string[];
}>;
export function lessonPaths(outDir: string): Promise<string[]>;
