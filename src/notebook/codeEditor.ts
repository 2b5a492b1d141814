/**
 * What a snippet cell needs from an editor, met by Monaco on desktop and by
 * a plain text area on touch devices, where Monaco is not supported.
 */

/** A type error the TypeScript service reports, at a 1-based position. */
export interface TypeProblem {
  line: number;
  column: number;
  message: string;
}

export interface CodeEditorOptions {
  value: string;
  /** Unique on the page; names the editor's model. */
  modelName: string;
  /** The accessible name of the editing area. */
  label: string;
  onChange(value: string): void;
  /** Ctrl+Enter (Cmd+Enter on macOS). */
  onRun(): void;
  /** The current type errors, whenever they change (Monaco only). */
  onTypeProblems?(problems: TypeProblem[]): void;
}

export interface CodeEditor {
  kind: "monaco" | "textarea";
  getValue(): string;
  setValue(value: string): void;
  focus(): void;
  typeProblems(): TypeProblem[];
  dispose(): void;
}

/** True on devices whose main pointer is a finger: no hover, coarse pointer. */
export function prefersPlainEditor(): boolean {
  return window.matchMedia("(hover: none) and (pointer: coarse)").matches;
}

/** A text area that edits and runs like the Monaco editor, without types. */
export function createTextareaEditor(
  container: HTMLElement,
  options: CodeEditorOptions,
): CodeEditor {
  const area = document.createElement("textarea");
  area.className = "notebook-textarea";
  area.value = options.value;
  area.spellcheck = false;
  area.autocapitalize = "off";
  area.setAttribute("autocomplete", "off");
  area.setAttribute("autocorrect", "off");
  area.setAttribute("aria-label", options.label);
  const fit = (): void => {
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  };
  area.addEventListener("input", () => {
    fit();
    options.onChange(area.value);
  });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.onRun();
    }
  });
  container.append(area);
  fit();
  return {
    kind: "textarea",
    getValue: () => area.value,
    setValue(value) {
      if (value === area.value) return;
      area.value = value;
      fit();
    },
    focus: () => area.focus(),
    typeProblems: () => [],
    dispose: () => area.remove(),
  };
}
