// A trace file dropped anywhere on the panel is imported (the host parses and validates it).

export function installDropTarget(root: HTMLElement, onFile: (name: string, text: string) => void): void {
  document.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    root.classList.add('is-drop-target');
  });
  document.addEventListener('dragleave', () => root.classList.remove('is-drop-target'));
  document.addEventListener('drop', (event) => {
    root.classList.remove('is-drop-target');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    void file.text().then((text) => onFile(file.name, text));
  });
}
