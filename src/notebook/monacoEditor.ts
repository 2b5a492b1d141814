/**
 * Monaco for snippet cells, loaded only when a reader reaches for a cell:
 * the editor API and its contributions, the TypeScript
 * language with the cost module's sources as an extra library (so
 * completion, hover and type errors work on `import ... from "cost"`), and
 * its workers built by Vite from the site itself.
 */
import * as monaco from "monaco-editor/editor/editor.api";
// The TypeScript language's worker manager imports this module, and with it
// every editor contribution, once the language starts. Loaded after the
// first editor exists, their services would be missing from the second
// ("depends on UNKNOWN service ICodeLensCache"): so load it up front.
import "monaco-editor/internal/common/workers";
import "monaco-editor/languages/definitions/typescript/register";
import { typescriptDefaults } from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TypeScriptWorker from "monaco-editor/language/typescript/ts.worker?worker";
import type { CodeEditor, CodeEditorOptions, TypeProblem } from "./codeEditor";

/** The cost module's sources, for the TypeScript service only. */
const costSources = import.meta.glob<string>("../cost/*.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Pixels per line; the static code view uses the same, so nothing jumps. */
export const LINE_HEIGHT_PX = 21;
/** Padding above and below the code, in pixels, as in the static view. */
export const PADDING_PX = 12;

let configured = false;

function configureOnce(): void {
  if (configured) return;
  configured = true;
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === "typescript" || label === "javascript"
        ? new TypeScriptWorker()
        : new EditorWorker();
    },
  };
  typescriptDefaults.setCompilerOptions({
    target: 99, // ESNext
    module: 99, // ESNext
    moduleResolution: 2, // Node-style, so "cost" resolves under node_modules
    moduleDetection: 3, // every snippet is a module, even without imports
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    // File names, as the service reads them: snippets run in a worker.
    lib: ["lib.esnext.d.ts", "lib.webworker.d.ts"],
  });
  for (const [path, source] of Object.entries(costSources)) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    typescriptDefaults.addExtraLib(source, `file:///node_modules/cost/${name}`);
  }
}

/** The Monaco theme that matches the page's light or dark theme. */
function pageTheme(): string {
  const background = getComputedStyle(document.documentElement).colorScheme;
  if (!background.includes("dark")) return "vs";
  // vs-dark's comment green (#608b4e) is 4.2:1 on its background; WCAG AA wants 4.5:1.
  monaco.editor.defineTheme("crux-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [{ token: "comment", foreground: "7ca668" }],
    colors: {},
  });
  return "crux-dark";
}

/** Mounts Monaco in `container` with the cell's text. */
export function createMonacoEditor(container: HTMLElement, options: CodeEditorOptions): CodeEditor {
  configureOnce();
  const uri = monaco.Uri.parse(`file:///snippets/${options.modelName}.ts`);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.value, "typescript", uri);
  const editor = monaco.editor.create(container, {
    model,
    theme: pageTheme(),
    ariaLabel: options.label,
    fontSize: 14,
    lineHeight: LINE_HEIGHT_PX,
    fontFamily: getComputedStyle(container).fontFamily,
    padding: { top: PADDING_PX, bottom: PADDING_PX },
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    scrollbar: { alwaysConsumeMouseWheel: false },
    lineNumbersMinChars: 3,
    folding: false,
    renderLineHighlight: "none",
    overviewRulerLanes: 0,
    fixedOverflowWidgets: true,
    automaticLayout: true,
    tabSize: 2,
  });

  const fitHeight = (): void => {
    container.style.height = `${editor.getContentHeight()}px`;
  };
  editor.onDidContentSizeChange(fitHeight);
  fitHeight();
  editor.onDidChangeModelContent(() => options.onChange(model.getValue()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());

  const typeProblems = (): TypeProblem[] =>
    monaco.editor
      .getModelMarkers({ resource: uri })
      .filter((marker) => marker.severity === monaco.MarkerSeverity.Error)
      .map((marker) => ({
        line: marker.startLineNumber,
        column: marker.startColumn,
        message: marker.message,
      }));
  const markerListener = monaco.editor.onDidChangeMarkers((uris) => {
    if (uris.some((changed) => changed.toString() === uri.toString())) {
      options.onTypeProblems?.(typeProblems());
    }
  });

  return {
    kind: "monaco",
    getValue: () => model.getValue(),
    setValue(value) {
      if (value !== model.getValue()) model.setValue(value);
    },
    focus: () => editor.focus(),
    typeProblems,
    dispose() {
      markerListener.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
