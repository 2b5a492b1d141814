import type { Server } from "node:http";
export function normalizeBase(raw: string | undefined): string;
export function startServer(options?: {
  dir?: string;
  base?: string;
  port?: number;
  host?: string;
}): Promise<{ server: Server; url: string }>;
