export function writeServiceWorker(
  outDir: string,
  base: string,
  templatePath: string,
): Promise<{ version: string; eager: number; lazy: number }>;
