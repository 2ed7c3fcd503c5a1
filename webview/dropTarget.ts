// A trace file dropped anywhere on the panel is imported (the host parses and validates it).
import { TRACE_FILE_MAX_BYTES, traceFileTooLarge } from '../src/shared/trace';

/** `onRefused` says why a file was not read (too large to be one string). */
export function installDropTarget(root: HTMLElement, onFile: (name: string, text: string) => void, onRefused: (message: string) => void): void {
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
    if (file.size > TRACE_FILE_MAX_BYTES) {
      onRefused(`Import of ${file.name} failed: ${traceFileTooLarge(file.name, file.size)}`);
      return;
    }
    void file.text().then((text) => onFile(file.name, text));
  });
}
