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

/**
 * The export `name` as scenario values, with a note for the reader when it
 * is there but not a plain object (and so left out).
 */
export function scenarioExport(
  exports: Record<string, SandboxValue>,
  name: string,
): { raw: Record<string, SandboxValue>; notes: string[] } {
  const value = objectExport(exports[name]);
  const notes =
    exports[name] !== undefined && !value
      ? [`Your snippet's \`${name}\` export is not an object; it is left out.`]
      : [];
  return { raw: value ?? {}, notes };
}
