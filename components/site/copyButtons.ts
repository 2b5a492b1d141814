/**
 * Adds a Copy button to each static code block of a lesson. Notebook cells
 * bring their own controls and mark themselves with `data-snippet`.
 */
export function addCopyButtons(doc: Document): void {
  const blocks = doc.querySelectorAll<HTMLPreElement>(".lesson-body pre");
  for (const pre of blocks) {
    if (pre.closest("[data-snippet]") || pre.querySelector(".copy-code")) continue;
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    button.addEventListener("click", () => void copyBlock(pre, button));
    pre.prepend(button);
  }
}

async function copyBlock(pre: HTMLPreElement, button: HTMLButtonElement): Promise<void> {
  const code = pre.querySelector("code")?.textContent ?? pre.textContent ?? "";
  try {
    await navigator.clipboard.writeText(code);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
  setTimeout(() => {
    button.textContent = "Copy";
  }, 2000);
}
