export function buildSite(options?: { base?: string; outDir?: string }): void;
