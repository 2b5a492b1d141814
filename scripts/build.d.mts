export function buildSite(options?: { base?: string; outDir?: string }): Promise<void>;
