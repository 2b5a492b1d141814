import type { SandboxValue } from "../../../src/notebook/store";

/** A function export as it crosses the sandbox: `{ kind: "function" }`. */
export function isFunctionExport(value: SandboxValue | undefined): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    value.kind === "function"
  );
}

/** A plain object export (not a function, not an array), or undefined. */
export function objectExport(
  value: SandboxValue | undefined,
): Record<string, SandboxValue> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if (isFunctionExport(value)) return undefined;
  return value as Record<string, SandboxValue>;
}
