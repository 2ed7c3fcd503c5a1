// A trace file dropped anywhere on the panel is imported. Dropped from VS Code (the Explorer, an
// editor tab; VS Code lets a drag into a webview through while Shift is held) it comes as the
// file's URI, which the host reads itself as Import does; from outside VS Code it comes as a File
// whose bytes only the webview can read, and travels in chunks (webview/droppedFileUpload.ts).
import { TRACE_FILE_MAX_BYTES, traceFileTooLarge } from '../src/shared/trace';

/** VS Code's own list of the dragged resources (every one; `text/uri-list` carries only the first). */
const CODE_URI_LIST = 'application/vnd.code.uri-list';
const URI_LIST = 'text/uri-list';

export interface DropHandlers {
  /** A file from outside VS Code, small enough to be a trace file. */
  file(file: File): void;
  /** A resource VS Code dragged: a URI the host can read. */
  uri(uri: string): void;
  /** Why a dropped file is not read (too large). */
  refused(message: string): void;
}

export function installDropTarget(root: HTMLElement, handlers: DropHandlers): void {
  // VS Code's webview host (its listeners on our window, below the document) hands a drag of files
  // to the workbench, to open them in an editor: at a dragenter the page has not claimed, and at any
  // dragover it hears of (it then makes the webview let pointer events through). So the page claims
  // both, and keeps them from reaching the window.
  const claim = (event: DragEvent) => {
    if (!carriesFile(event.dataTransfer)) return;
    event.preventDefault();
    event.stopPropagation();
    root.classList.add('is-drop-target');
  };
  document.addEventListener('dragenter', claim);
  document.addEventListener('dragover', claim);
  document.addEventListener('dragleave', () => root.classList.remove('is-drop-target'));
  document.addEventListener('drop', (event) => {
    root.classList.remove('is-drop-target');
    const transfer = event.dataTransfer;
    if (!transfer) return;
    const file = transfer.files[0];
    // VS Code's resources are where the host can read them; a File's path may be on another machine
    const uri = firstUri(transfer.getData(CODE_URI_LIST)) ?? (file ? undefined : firstUri(transfer.getData(URI_LIST)));
    if (!uri && !file) return;
    event.preventDefault();
    if (uri) {
      handlers.uri(uri);
      return;
    }
    if (file.size > TRACE_FILE_MAX_BYTES) {
      handlers.refused(`Import of ${file.name} failed: ${traceFileTooLarge(file.name, file.size)}`);
      return;
    }
    handlers.file(file);
  });
}

function carriesFile(transfer: DataTransfer | null): boolean {
  // (while dragging only the types can be read, not the data)
  return transfer !== null && (transfer.types.includes('Files') || transfer.types.includes(CODE_URI_LIST) || transfer.types.includes(URI_LIST));
}

/** The first URI of a `text/uri-list` (RFC 2483: one a line, `#` lines are comments). */
export function firstUri(list: string): string | undefined {
  return list.split(/\r?\n/).map((line) => line.trim()).find((line) => line.length > 0 && !line.startsWith('#'));
}
