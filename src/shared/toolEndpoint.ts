// What the host tells others (the panel, tests) about debug tokens. No token value ever appears here.

export type EndpointTokenEnd = 'expired' | 'stopped' | 'replaced';

export interface EndpointTokenInfo {
  /** A random id of its own, not derived from the token value. */
  id: string;
  /** Epoch ms. */
  createdAt: number;
  /** OS user name or VS Code account of whoever started it. */
  by: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface EndpointTokenHistoryEntry {
  id: string;
  createdAt: number;
  by: string;
  endedAt: number;
  /** How long the token was valid, from creation to its end. */
  durationMs: number;
  endedHow: EndpointTokenEnd;
}

export interface EndpointTokenState {
  active?: EndpointTokenInfo;
  /** Newest first. */
  history: EndpointTokenHistoryEntry[];
  /** The longest a new token may live under the current setting. */
  maxDurationMs: number;
}

/** A duration as people read it: `3 h 59 min`, `12 min`, `40 s`. */
export function describeDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${totalSeconds} s`;
}

/** A tool as the panel's cURL builder needs it: its name, what it does and its JSON input schema. */
export interface ToolEndpointTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** What the panel shows about the debug endpoint: token state, where it listens, the tools it serves. */
export interface ToolEndpointPanelState {
  tokens: EndpointTokenState;
  /** `http://127.0.0.1:<port>` once the listener is up. */
  origin?: string;
  tools: ToolEndpointTool[];
}
